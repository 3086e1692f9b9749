package dev.beca.memory.internal;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** MyBatis mapper of the {@code patterns} table and its FTS5 index. */
interface PatternMapper {

  String COLUMNS =
      "p.id, p.kind, p.task_type, p.request, p.solution_summary, p.tools_used, p.architecture_type, "
          + "p.frameworks, p.performance_notes, p.source, p.evidence, p.occurrences, p.created_at, "
          + "p.updated_at";

  String ORDER = "ORDER BY p.occurrences DESC, p.updated_at DESC, p.id";

  @Select("SELECT " + COLUMNS + " FROM patterns p WHERE p.identity = #{identity}")
  PatternRow byIdentity(@Param("identity") String identity);

  @Select("SELECT " + COLUMNS + " FROM patterns p WHERE p.id = #{id}")
  PatternRow byId(@Param("id") long id);

  @Insert(
      "INSERT INTO patterns (identity, kind, task_type, request, solution_summary, tools_used, "
          + "architecture_type, frameworks, performance_notes, source, evidence, occurrences, "
          + "created_at, updated_at) VALUES (#{identity}, #{kind}, #{taskType}, #{request}, "
          + "#{solutionSummary}, #{toolsUsed}, #{architectureType}, #{frameworks}, "
          + "#{performanceNotes}, #{source}, #{evidence}, 1, #{at}, #{at})")
  @Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
  int insert(PatternInsert pattern);

  @Update(
      "UPDATE patterns SET tools_used = #{toolsUsed}, performance_notes = #{performanceNotes}, "
          + "evidence = #{evidence}, occurrences = #{occurrences}, updated_at = #{at} WHERE id = #{id}")
  int seenAgain(
      @Param("id") long id,
      @Param("toolsUsed") String toolsUsed,
      @Param("performanceNotes") String performanceNotes,
      @Param("evidence") String evidence,
      @Param("occurrences") long occurrences,
      @Param("at") long at);

  @Select("SELECT " + COLUMNS + " FROM patterns p " + ORDER + " LIMIT #{limit}")
  List<PatternRow> all(@Param("limit") int limit);

  @Select(
      "SELECT " + COLUMNS + " FROM patterns p WHERE p.kind = #{kind} " + ORDER + " LIMIT #{limit}")
  List<PatternRow> ofKind(@Param("kind") String kind, @Param("limit") int limit);

  @Select(
      "SELECT "
          + COLUMNS
          + " FROM patterns_fts f JOIN patterns p ON p.id = f.rowid WHERE patterns_fts MATCH #{query} "
          + "ORDER BY bm25(patterns_fts), p.occurrences DESC, p.id LIMIT #{limit}")
  List<PatternRow> search(@Param("query") String query, @Param("limit") int limit);
}
