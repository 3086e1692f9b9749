package dev.beca.memory.internal;

import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.ResultMap;
import org.apache.ibatis.annotations.Results;
import org.apache.ibatis.annotations.Select;

/** MyBatis mapper of the {@code messages} table. */
interface MessageMapper {

  String COLUMNS =
      "id, session_id, thread_id, parent_id, role, content, created_at, tools_json, success, token_count";

  /** The id of the explicit row mapping below, for the other mappers' {@code @ResultMap}. */
  String ROW = "dev.beca.memory.internal.MessageMapper.messageRow";

  // Explicit constructor mapping: several times faster per row than MyBatis's name-based
  // auto-mapping, which matters when a whole 10,000-message thread is read.
  @Select("SELECT " + COLUMNS + " FROM messages WHERE id = #{id}")
  @Results(id = "messageRow")
  @ConstructorArgs({
    @Arg(column = "id", javaType = long.class),
    @Arg(column = "session_id", javaType = String.class),
    @Arg(column = "thread_id", javaType = Long.class),
    @Arg(column = "parent_id", javaType = Long.class),
    @Arg(column = "role", javaType = String.class),
    @Arg(column = "content", javaType = String.class),
    @Arg(column = "created_at", javaType = long.class),
    @Arg(column = "tools_json", javaType = String.class),
    @Arg(column = "success", javaType = boolean.class),
    @Arg(column = "token_count", javaType = int.class)
  })
  MessageRow find(@Param("id") long id);

  /** Newest first; the store reverses the page. */
  @Select(
      "SELECT "
          + COLUMNS
          + " FROM messages WHERE session_id = #{sessionId} "
          + "ORDER BY id DESC LIMIT #{limit}")
  @ResultMap(ROW)
  List<MessageRow> latest(@Param("sessionId") String sessionId, @Param("limit") int limit);

  @Select("SELECT count(*) FROM messages WHERE session_id = #{sessionId}")
  long count(@Param("sessionId") String sessionId);

  @Select({
    "<script>SELECT " + COLUMNS + " FROM messages WHERE id IN ",
    "<foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach>",
    "</script>"
  })
  @ResultMap(ROW)
  List<MessageRow> findAll(@Param("ids") java.util.Collection<Long> ids);
}
