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

  @Update("UPDATE sessions SET last_active_at = #{at} WHERE id = #{id}")
  int touch(@Param("id") String id, @Param("at") long at);

  @Select(
      "SELECT " + COLUMNS + " FROM sessions ORDER BY last_active_at DESC, rowid DESC "
          + "LIMIT #{limit}")
  List<SessionRow> recent(@Param("limit") int limit);
}
