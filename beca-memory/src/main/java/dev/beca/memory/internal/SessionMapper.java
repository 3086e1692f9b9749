package dev.beca.memory.internal;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** MyBatis mapper of the {@code sessions} table. */
interface SessionMapper {

  String COLUMNS = "id, title, created_at, last_active_at";

  @Insert(
      "INSERT INTO sessions (id, title, created_at, last_active_at) "
          + "VALUES (#{id}, #{title}, #{createdAt}, #{lastActiveAt})")
  int insert(SessionRow session);

  @Select("SELECT " + COLUMNS + " FROM sessions WHERE id = #{id}")
  SessionRow find(@Param("id") String id);

  @Update("UPDATE sessions SET last_active_at = #{at}, expired_at = NULL WHERE id = #{id}")
  int touch(@Param("id") String id, @Param("at") long at);

  @Select(
      "SELECT "
          + COLUMNS
          + " FROM sessions ORDER BY last_active_at DESC, rowid DESC "
          + "LIMIT #{limit}")
  List<SessionRow> recent(@Param("limit") int limit);

  @Select(
      "SELECT id FROM sessions WHERE expired_at IS NULL AND last_active_at <= #{before}"
          + " ORDER BY last_active_at")
  List<String> idleSince(@Param("before") long before);

  /**
   * Deletes the session's messages in no thread, except those a kept message answers (history that
   * a thread refers to stays whole).
   */
  @org.apache.ibatis.annotations.Delete(
      "DELETE FROM messages WHERE session_id = #{id} AND thread_id IS NULL AND id NOT IN"
          + " (SELECT parent_id FROM messages WHERE parent_id IS NOT NULL AND thread_id IS NOT NULL)")
  int deleteLooseMessages(@Param("id") String id);

  @Update("UPDATE sessions SET expired_at = #{at}, current_thread_id = NULL WHERE id = #{id}")
  int expire(@Param("id") String id, @Param("at") long at);
}
