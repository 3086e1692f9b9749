package dev.beca.memory.internal;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** MyBatis mapper of the {@code model_versions} table. */
interface ModelVersionMapper {

  String COLUMNS =
      "id, role, server, name, digest, size_bytes, family, parameter_size, quantization, "
          + "capabilities, modified_at, parameters, status, first_seen_at, activated_at, notes";

  @Update(
      "UPDATE model_versions SET status = 'INACTIVE' WHERE role = #{role} AND status = 'ACTIVE'")
  int deactivate(@Param("role") String role);

  @Insert(
      "INSERT INTO model_versions (role, server, name, digest, size_bytes, family, parameter_size, "
          + "quantization, capabilities, modified_at, parameters, status, first_seen_at, activated_at, notes) "
          + "VALUES (#{role}, #{server}, #{name}, #{digest}, #{sizeBytes}, #{family}, #{parameterSize}, "
          + "#{quantization}, #{capabilities}, #{modifiedAt}, #{parameters}, 'ACTIVE', #{firstSeenAt}, "
          + "#{activatedAt}, #{notes})")
  @Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
  int insert(ModelVersionInsert version);

  @Select(
      "SELECT min(first_seen_at) FROM model_versions WHERE server = #{server} AND name = #{name}")
  Long firstSeen(@Param("server") String server, @Param("name") String name);

  @Select("SELECT " + COLUMNS + " FROM model_versions WHERE role = #{role} AND status = 'ACTIVE'")
  ModelVersionRow active(@Param("role") String role);

  @Select("SELECT " + COLUMNS + " FROM model_versions WHERE id = #{id}")
  ModelVersionRow find(@Param("id") long id);

  @Select(
      "SELECT "
          + COLUMNS
          + " FROM model_versions WHERE role = #{role} ORDER BY activated_at DESC, id DESC")
  List<ModelVersionRow> history(@Param("role") String role);

  @Select("SELECT " + COLUMNS + " FROM model_versions ORDER BY activated_at DESC, id DESC")
  List<ModelVersionRow> all();
}
