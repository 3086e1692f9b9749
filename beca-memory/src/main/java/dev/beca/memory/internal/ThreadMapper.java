package dev.beca.memory.internal;

import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** MyBatis mapper of {@code threads}, {@code thread_summaries} and thread links of messages. */
interface ThreadMapper {

  String WITH_COUNTS =
      "SELECT t.id, t.name, t.created_at,"
          + " (SELECT count(*) FROM messages m WHERE m.thread_id = t.id) AS message_count,"
          + " max(t.updated_at, coalesce((SELECT max(m.created_at) FROM messages m WHERE m.thread_id = t.id), 0))"
          + " AS last_activity_at FROM threads t";

  @Insert(
      "INSERT INTO threads (name, created_at, updated_at) VALUES (#{name}, #{createdAt}, #{createdAt})")
  @Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
  int insert(ThreadInsert thread);

  @Select("SELECT count(*) FROM threads WHERE id = #{id}")
  int exists(@Param("id") long id);

  @Select(WITH_COUNTS + " WHERE t.id = #{id}")
  ThreadRow find(@Param("id") long id);

  @Select(WITH_COUNTS + " ORDER BY last_activity_at DESC, t.id DESC")
  List<ThreadRow> list();

  @Update("UPDATE threads SET name = #{name}, updated_at = #{at} WHERE id = #{id}")
  int rename(@Param("id") long id, @Param("name") String name, @Param("at") long at);

  @Update("UPDATE messages SET thread_id = #{threadId} WHERE id = #{messageId}")
  int link(@Param("messageId") long messageId, @Param("threadId") Long threadId);

  @Select(
      "SELECT "
          + MessageMapper.COLUMNS
          + " FROM messages WHERE thread_id = #{threadId} ORDER BY id DESC LIMIT #{limit}")
  @org.apache.ibatis.annotations.ResultMap(MessageMapper.ROW)
  List<MessageRow> latest(@Param("threadId") long threadId, @Param("limit") int limit);

  /** Replies outside the thread keep their text but stop pointing into the deleted thread. */
  @Update(
      "UPDATE messages SET parent_id = NULL WHERE parent_id IN (SELECT id FROM messages WHERE thread_id = #{id})"
          + " AND (thread_id IS NULL OR thread_id <> #{id})")
  int detachOutsideReplies(@Param("id") long id);

  @Delete("DELETE FROM messages WHERE thread_id = #{id}")
  int deleteMessages(@Param("id") long id);

  @Delete("DELETE FROM threads WHERE id = #{id}")
  int delete(@Param("id") long id);

  @Select(
      "SELECT thread_id, content, kind, model, through_message_id, message_count, created_at"
          + " FROM thread_summaries WHERE thread_id = #{threadId}")
  SummaryRow summary(@Param("threadId") long threadId);

  @Insert(
      "INSERT INTO thread_summaries (thread_id, content, kind, model, through_message_id, message_count, created_at)"
          + " VALUES (#{threadId}, #{content}, #{kind}, #{model}, #{throughMessageId}, #{messageCount}, #{createdAt})"
          + " ON CONFLICT (thread_id) DO UPDATE SET content = excluded.content, kind = excluded.kind,"
          + " model = excluded.model, through_message_id = excluded.through_message_id,"
          + " message_count = excluded.message_count, created_at = excluded.created_at")
  int saveSummary(SummaryRow summary);

  @Update("UPDATE sessions SET current_thread_id = #{threadId} WHERE id = #{sessionId}")
  int use(@Param("sessionId") String sessionId, @Param("threadId") Long threadId);

  @Select("SELECT current_thread_id FROM sessions WHERE id = #{sessionId}")
  Long current(@Param("sessionId") String sessionId);
}
