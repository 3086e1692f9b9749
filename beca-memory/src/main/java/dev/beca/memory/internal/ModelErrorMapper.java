package dev.beca.memory.internal;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** MyBatis mapper of the {@code model_errors} table. */
interface ModelErrorMapper {

  @Insert(
      "INSERT INTO model_errors (occurred_at, server, model, error_class, message, action) "
          + "VALUES (#{occurredAt}, #{server}, #{model}, #{errorClass}, #{message}, #{action})")
  @Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
  int insert(ModelErrorInsert entry);

  @Select(
      "SELECT id, occurred_at, server, model, error_class, message, action FROM model_errors "
          + "ORDER BY occurred_at DESC, id DESC LIMIT #{limit}")
  List<ModelErrorRow> recent(@Param("limit") int limit);

  /** Parameters of one insert; mutable only so that MyBatis can hand back the generated id. */
  final class ModelErrorInsert {
    final long occurredAt;
    final String server;
    final String model;
    final String errorClass;
    final String message;
    final String action;
    long id;

    ModelErrorInsert(
        long occurredAt,
        String server,
        String model,
        String errorClass,
        String message,
        String action) {
      this.occurredAt = occurredAt;
      this.server = server;
      this.model = model;
      this.errorClass = errorClass;
      this.message = message;
      this.action = action;
    }
  }

  /** A row of the {@code model_errors} table. */
  record ModelErrorRow(
      long id,
      long occurredAt,
      String server,
      String model,
      String errorClass,
      String message,
      String action) {}
}
