package dev.beca.memory.internal;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** MyBatis mapper of the {@code messages} table. */
interface MessageMapper {

  String COLUMNS =
      "id, session_id, thread_id, parent_id, role, content, created_at, tools_json, success, token_count";

  @Insert(
      "INSERT INTO messages (session_id, thread_id, parent_id, role, content, created_at, tools_json,"
          + " success, token_count) VALUES (#{sessionId}, #{threadId}, #{parentId}, #{role}, #{content},"
          + " #{createdAt}, #{toolsJson}, #{success}, #{tokenCount})")
  @Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
  int insert(MessageInsert message);

  @Select("SELECT " + COLUMNS + " FROM messages WHERE id = #{id}")
  MessageRow find(@Param("id") long id);

  /** Newest first; the store reverses the page. */
  @Select(
      "SELECT " + COLUMNS + " FROM messages WHERE session_id = #{sessionId} "
          + "ORDER BY id DESC LIMIT #{limit}")
  List<MessageRow> latest(@Param("sessionId") String sessionId, @Param("limit") int limit);

  @Select("SELECT count(*) FROM messages WHERE session_id = #{sessionId}")
  long count(@Param("sessionId") String sessionId);

  @Select({
    "<script>SELECT " + COLUMNS + " FROM messages WHERE id IN ",
    "<foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach>",
    "</script>"
  })
  List<MessageRow> findAll(@Param("ids") java.util.Collection<Long> ids);
}
