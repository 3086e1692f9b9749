package dev.beca.memory.internal;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * MyBatis mapper of the {@code benchmarks}, {@code benchmark_results} and {@code learning_queue}
 * tables.
 */
interface BenchmarkMapper {

  String LATEST = "ORDER BY r.started_at DESC, r.id DESC LIMIT 1";

  @Insert(
      "INSERT INTO benchmarks (name, project_path, created_at) VALUES (#{name}, #{projectPath}, #{at}) "
          + "ON CONFLICT (name) DO UPDATE SET project_path = excluded.project_path")
  int upsertBenchmark(
      @Param("name") String name, @Param("projectPath") String projectPath, @Param("at") long at);

  @Select("SELECT id FROM benchmarks WHERE name = #{name}")
  Long benchmarkId(@Param("name") String name);

  @Insert(
      "INSERT INTO benchmark_results (benchmark_id, started_at, duration_ms, score, commit_id, dirty, tree_hash, "
          + "cache_key, timed_out, result_json) VALUES (#{benchmarkId}, #{startedAt}, #{durationMs}, #{score}, "
          + "#{commitId}, #{dirty}, #{treeHash}, #{cacheKey}, #{timedOut}, #{resultJson})")
  @Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
  int insertResult(BenchmarkResultInsert result);

  @Insert(
      "INSERT INTO learning_queue (result_id, hints, queued_at) VALUES (#{resultId}, #{hints}, #{at})")
  int enqueue(@Param("resultId") long resultId, @Param("hints") String hints, @Param("at") long at);

  @Insert(
      "INSERT INTO learning_queue (result_id, hints, queued_at) "
          + "SELECT id, #{hints}, #{at} FROM benchmark_results WHERE id = #{resultId} "
          + "ON CONFLICT (result_id) DO UPDATE SET hints = excluded.hints || char(10) || hints, "
          + "taken_at = NULL, claimed_by = NULL, lease_until = NULL, attempts = 0, failed = 0, "
          + "last_error = NULL")
  int enqueueExisting(
      @Param("resultId") long resultId, @Param("hints") String hints, @Param("at") long at);

  @Select(
      "SELECT r.id, r.result_json FROM benchmark_results r JOIN benchmarks b ON b.id = r.benchmark_id "
          + "WHERE b.name = #{name} "
          + LATEST)
  StoredResultRow latest(@Param("name") String name);

  @Select("SELECT r.id, r.result_json FROM benchmark_results r WHERE r.id = #{id}")
  StoredResultRow result(@Param("id") long id);

  @Select(
      "SELECT r.id, r.result_json FROM benchmark_results r JOIN benchmarks b ON b.id = r.benchmark_id "
          + "WHERE b.name = #{name} AND r.cache_key = #{cacheKey} AND r.cache_key <> '' "
          + LATEST)
  StoredResultRow cached(@Param("name") String name, @Param("cacheKey") String cacheKey);

  @Select(
      "SELECT r.id, r.started_at, r.score, r.commit_id, r.dirty FROM benchmark_results r "
          + "JOIN benchmarks b ON b.id = r.benchmark_id WHERE b.name = #{name} AND r.started_at >= #{since} "
          + "ORDER BY r.started_at, r.id")
  List<TrendRow> trend(@Param("name") String name, @Param("since") long since);

  @Select(
      "SELECT b.name, b.project_path, "
          + "(SELECT count(*) FROM benchmark_results c WHERE c.benchmark_id = b.id) AS runs, "
          + "r.score AS latest_score, r.started_at AS latest_at, r.commit_id AS latest_commit "
          + "FROM benchmarks b JOIN benchmark_results r ON r.id = (SELECT x.id FROM benchmark_results x "
          + "WHERE x.benchmark_id = b.id ORDER BY x.started_at DESC, x.id DESC LIMIT 1) ORDER BY b.name")
  List<BenchmarkSummaryRow> summaries();

  @Select(
      "SELECT q.id, q.result_id, b.name AS benchmark, r.score, q.hints, q.queued_at FROM learning_queue q "
          + "JOIN benchmark_results r ON r.id = q.result_id JOIN benchmarks b ON b.id = r.benchmark_id "
          + "WHERE q.taken_at IS NULL ORDER BY q.id LIMIT #{limit}")
  List<LearningRow> learningQueue(@Param("limit") int limit);

  @Update("UPDATE learning_queue SET taken_at = #{at} WHERE id = #{id} AND taken_at IS NULL")
  int take(@Param("id") long id, @Param("at") long at);

  @Select(
      "SELECT id FROM learning_queue WHERE taken_at IS NULL "
          + "AND (lease_until IS NULL OR lease_until <= #{now}) ORDER BY id LIMIT 1")
  Long claimable(@Param("now") long now);

  @Update(
      "UPDATE learning_queue SET claimed_by = #{worker}, lease_until = #{until}, "
          + "attempts = attempts + 1 WHERE id = #{id}")
  int claim(@Param("id") long id, @Param("worker") String worker, @Param("until") long until);

  @Select(
      "SELECT q.id, q.result_id, b.name AS benchmark, r.score, q.hints, q.queued_at FROM learning_queue q "
          + "JOIN benchmark_results r ON r.id = q.result_id JOIN benchmarks b ON b.id = r.benchmark_id "
          + "WHERE q.id = #{id}")
  LearningRow learningItem(@Param("id") long id);

  @Select(
      "SELECT attempts FROM learning_queue WHERE id = #{id} AND claimed_by = #{worker} "
          + "AND taken_at IS NULL")
  Integer heldAttempts(@Param("id") long id, @Param("worker") String worker);

  @Update(
      "UPDATE learning_queue SET taken_at = #{at}, lease_until = NULL WHERE id = #{id} "
          + "AND claimed_by = #{worker} AND taken_at IS NULL")
  int complete(@Param("id") long id, @Param("worker") String worker, @Param("at") long at);

  @Update(
      "UPDATE learning_queue SET claimed_by = NULL, lease_until = NULL, last_error = #{reason} "
          + "WHERE id = #{id} AND claimed_by = #{worker} AND taken_at IS NULL")
  int release(@Param("id") long id, @Param("worker") String worker, @Param("reason") String reason);

  @Update(
      "UPDATE learning_queue SET taken_at = #{at}, lease_until = NULL, failed = 1, "
          + "last_error = #{reason} WHERE id = #{id} AND claimed_by = #{worker} AND taken_at IS NULL")
  int park(
      @Param("id") long id,
      @Param("worker") String worker,
      @Param("reason") String reason,
      @Param("at") long at);
}
