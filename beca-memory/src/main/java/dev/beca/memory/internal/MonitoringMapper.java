package dev.beca.memory.internal;

import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/**
 * MyBatis mapper of {@code metric_samples}, {@code metric_rollups} and {@code monitoring_alerts}.
 */
interface MonitoringMapper {

  @Delete("DELETE FROM metric_samples WHERE at < #{before}")
  int pruneSamples(@Param("before") long before);

  @Delete("DELETE FROM metric_rollups WHERE step = #{step} AND bucket < #{before}")
  int pruneRollups(@Param("step") int step, @Param("before") long before);

  @Select(
      "SELECT at, value AS average, value AS min, value AS max, 1 AS count FROM metric_samples"
          + " WHERE name = #{name} AND at >= #{from} AND at < #{to} ORDER BY at LIMIT #{limit}")
  List<PointRow> samples(
      @Param("name") String name,
      @Param("from") long from,
      @Param("to") long to,
      @Param("limit") int limit);

  @Select(
      "SELECT bucket AS at, total / count AS average, min, max, count FROM metric_rollups"
          + " WHERE name = #{name} AND step = #{step} AND bucket >= #{from} AND bucket < #{to}"
          + " ORDER BY bucket LIMIT #{limit}")
  List<PointRow> rollups(
      @Param("name") String name,
      @Param("step") int step,
      @Param("from") long from,
      @Param("to") long to,
      @Param("limit") int limit);

  @Select("SELECT DISTINCT name FROM metric_rollups WHERE step = 3600 ORDER BY name")
  List<String> names();

  @Insert(
      "INSERT INTO monitoring_alerts (rule, series, state, value, threshold, at, message)"
          + " VALUES (#{rule}, #{series}, #{state}, #{value}, #{threshold}, #{at}, #{message})")
  @Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
  int insertAlert(AlertInsert alert);

  @Delete(
      "DELETE FROM monitoring_alerts WHERE id <= (SELECT max(id) FROM monitoring_alerts) - #{kept}")
  int pruneAlerts(@Param("kept") int kept);

  String ALERT_COLUMNS = "id, rule, series, state, value, threshold, at, message";

  @Select("SELECT " + ALERT_COLUMNS + " FROM monitoring_alerts ORDER BY id DESC LIMIT #{limit}")
  List<AlertRow> recentAlerts(@Param("limit") int limit);

  @Select(
      "SELECT "
          + ALERT_COLUMNS
          + " FROM monitoring_alerts a WHERE id = (SELECT max(id) FROM monitoring_alerts b"
          + " WHERE b.rule = a.rule AND b.series = a.series) AND state = 'RAISED' ORDER BY id DESC")
  List<AlertRow> activeAlerts();

  /** A point as read. */
  record PointRow(long at, double average, double min, double max, long count) {}

  /** A row of {@code monitoring_alerts}. */
  record AlertRow(
      long id,
      String rule,
      String series,
      String state,
      double value,
      double threshold,
      long at,
      String message) {}

  /** An alert to insert; gets its id. */
  final class AlertInsert {
    public long id;
    public final String rule;
    public final String series;
    public final String state;
    public final double value;
    public final double threshold;
    public final long at;
    public final String message;

    AlertInsert(
        String rule,
        String series,
        String state,
        double value,
        double threshold,
        long at,
        String message) {
      this.rule = rule;
      this.series = series;
      this.state = state;
      this.value = value;
      this.threshold = threshold;
      this.at = at;
      this.message = message;
    }
  }
}
