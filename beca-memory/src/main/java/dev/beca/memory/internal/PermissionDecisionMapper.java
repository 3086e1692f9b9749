package dev.beca.memory.internal;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** MyBatis mapper of the {@code permission_decisions} table. */
interface PermissionDecisionMapper {

  @Insert(
      "INSERT INTO permission_decisions "
          + "(decided_at, session_id, tool, arguments, risk, rule, answer) VALUES "
          + "(#{decidedAt}, #{sessionId}, #{tool}, #{arguments}, #{risk}, #{rule}, #{answer})")
  @Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
  int insert(PermissionDecisionInsert decision);

  @Select(
      "SELECT id, decided_at, session_id, tool, arguments, risk, rule, answer "
          + "FROM permission_decisions ORDER BY decided_at DESC, id DESC LIMIT #{limit}")
  List<PermissionDecisionRow> latest(@Param("limit") int limit);

  @Select(
      "SELECT id, decided_at, session_id, tool, arguments, risk, rule, answer "
          + "FROM permission_decisions WHERE session_id = #{sessionId} ORDER BY id")
  List<PermissionDecisionRow> ofSession(@Param("sessionId") String sessionId);
}
