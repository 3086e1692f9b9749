package dev.beca.memory.internal;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** MyBatis mapper of the {@code security_alerts} table. */
interface SecurityAlertMapper {

  @Insert(
      "INSERT INTO security_alerts"
          + " (created_at, source, rule_id, severity, location, fingerprint, confidence)"
          + " VALUES (#{createdAt}, #{source}, #{ruleId}, #{severity}, #{location}, #{fingerprint},"
          + " #{confidence})")
  @Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
  int insert(SecurityAlertInsert alert);

  @Select(
      "SELECT id, created_at, source, rule_id, severity, location, fingerprint, confidence"
          + " FROM security_alerts ORDER BY id DESC LIMIT #{limit}")
  List<SecurityAlertRow> latest(@Param("limit") int limit);

  @Select("SELECT count(*) FROM security_alerts")
  long count();
}
