package dev.beca.memory.internal;

import dev.beca.core.improve.ArchivedProposal;
import dev.beca.core.improve.ImprovementArchive;
import dev.beca.core.improve.ImprovementRun;
import dev.beca.core.improve.MeasureDelta;
import dev.beca.core.improve.ProposalStatus;
import dev.beca.core.improve.StepRecord;
import dev.beca.core.secrets.Redaction;
import dev.beca.core.secrets.SecretScanner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;

/**
 * {@link ImprovementArchive} on the SQLite knowledge base: the tables of migration {@code V12}
 * ({@code improvement_runs}, {@code improvement_proposals}, {@code improvement_steps}, {@code
 * improvement_measures}). Every write is committed before the method returns. Texts (description,
 * diff, reason, details) are redacted by the secret scanner on the way in, with an alert per secret
 * in the same transaction; the diff's hash is kept as given.
 */
public final class SqliteImprovementArchive implements ImprovementArchive {

  private static final String SOURCE = "improvement";

  private static final String PROPOSAL_COLUMNS =
      "id, run_id, source, description, diff, diff_hash, risk, status, reason, commit_id,"
          + " created_at, updated_at";

  private final SqliteDatabase database;
  private final SecretScanner scanner;

  /**
   * Creates the archive.
   *
   * @param database the opened database
   * @param scanner redacts texts before they are stored
   */
  public SqliteImprovementArchive(SqliteDatabase database, SecretScanner scanner) {
    this.database = Objects.requireNonNull(database, "database");
    this.scanner = Objects.requireNonNull(scanner, "scanner");
  }

  @FunctionalInterface
  private interface Jdbc<T> {
    T run(Connection c) throws SQLException;
  }

  @FunctionalInterface
  private interface Writes<T> {
    T run(SqlSession session, Connection c) throws SQLException;
  }

  private <T> T write(String doing, Writes<T> work) {
    try {
      return database.write(
          session -> {
            try {
              return work.run(session, session.getConnection());
            } catch (SQLException e) {
              throw new IllegalStateException(e.getMessage(), e);
            }
          });
    } catch (RuntimeException e) {
      throw SqliteErrors.storage(doing, database.file(), e);
    }
  }

  private <T> T read(String doing, Jdbc<T> work) {
    try (SqlSession session = database.autoCommitSession()) {
      return work.run(session.getConnection());
    } catch (SQLException | RuntimeException e) {
      throw SqliteErrors.storage(doing, database.file(), e);
    }
  }

  @Override
  public void saveRun(ImprovementRun run) {
    Objects.requireNonNull(run, "run");
    Redaction summary = scanner.redact(SOURCE + ":run", run.summary());
    long now = System.currentTimeMillis();
    write(
        "store the improvement run " + run.id(),
        (session, c) -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO improvement_runs"
                      + " (id, project, base_commit, started_at, ended_at, summary)"
                      + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                      + " project = excluded.project, base_commit = excluded.base_commit,"
                      + " started_at = excluded.started_at, ended_at = excluded.ended_at,"
                      + " summary = excluded.summary")) {
            s.setString(1, run.id());
            s.setString(2, run.project());
            s.setString(3, run.baseCommit());
            s.setLong(4, run.startedAt().toEpochMilli());
            if (run.endedAt().isPresent()) {
              s.setLong(5, run.endedAt().get().toEpochMilli());
            } else {
              s.setNull(5, Types.INTEGER);
            }
            s.setString(6, summary.text());
            s.executeUpdate();
          }
          SecretAlerts.record(session, SOURCE, "improvement_runs/" + run.id(), summary, now);
          return null;
        });
  }

  @Override
  public Optional<ImprovementRun> run(String id) {
    Objects.requireNonNull(id, "id");
    return read(
        "read the improvement run " + id,
        c -> runs(c, "SELECT * FROM improvement_runs WHERE id = ?", id).stream().findFirst());
  }

  @Override
  public List<ImprovementRun> runs(int limit) {
    requirePositive(limit);
    return read(
        "read the improvement runs",
        c ->
            runs(
                c,
                "SELECT * FROM improvement_runs ORDER BY started_at DESC, id DESC LIMIT ?",
                limit));
  }

  private static List<ImprovementRun> runs(Connection c, String sql, Object arg)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, arg);
      try (ResultSet r = s.executeQuery()) {
        List<ImprovementRun> out = new ArrayList<>();
        while (r.next()) {
          long ended = r.getLong("ended_at");
          boolean hasEnd = !r.wasNull();
          out.add(
              new ImprovementRun(
                  r.getString("id"),
                  r.getString("project"),
                  r.getString("base_commit"),
                  Instant.ofEpochMilli(r.getLong("started_at")),
                  hasEnd ? Optional.of(Instant.ofEpochMilli(ended)) : Optional.empty(),
                  r.getString("summary")));
        }
        return out;
      }
    }
  }

  @Override
  public void saveProposal(ArchivedProposal p) {
    Objects.requireNonNull(p, "proposal");
    Redaction description = scanner.redact(SOURCE + ":description", p.description());
    Redaction diff = scanner.redact(SOURCE + ":diff", p.diff());
    Redaction reason = scanner.redact(SOURCE + ":reason", p.reason());
    long now = System.currentTimeMillis();
    write(
        "store the proposal " + p.id(),
        (session, c) -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO improvement_proposals ("
                      + PROPOSAL_COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE"
                      + " SET run_id = excluded.run_id, source = excluded.source,"
                      + " description = excluded.description, diff = excluded.diff,"
                      + " diff_hash = excluded.diff_hash, risk = excluded.risk,"
                      + " status = excluded.status, reason = excluded.reason,"
                      + " commit_id = excluded.commit_id, created_at = excluded.created_at,"
                      + " updated_at = excluded.updated_at")) {
            s.setString(1, p.id());
            s.setString(2, p.runId());
            s.setString(3, p.source());
            s.setString(4, description.text());
            s.setString(5, diff.text());
            s.setString(6, p.diffHash());
            s.setString(7, p.risk());
            s.setString(8, p.status().name());
            s.setString(9, reason.text());
            s.setString(10, p.commit());
            s.setLong(11, p.createdAt().toEpochMilli());
            s.setLong(12, p.updatedAt().toEpochMilli());
            s.executeUpdate();
          }
          String where = "improvement_proposals/" + p.id();
          SecretAlerts.record(session, SOURCE, where, description, now);
          SecretAlerts.record(session, SOURCE, where, diff, now);
          SecretAlerts.record(session, SOURCE, where, reason, now);
          return null;
        });
  }

  @Override
  public Optional<ArchivedProposal> proposal(String id) {
    Objects.requireNonNull(id, "id");
    return read(
        "read the proposal " + id, c -> proposals(c, "WHERE id = ?", id).stream().findFirst());
  }

  @Override
  public List<ArchivedProposal> proposalsOfRun(String runId) {
    Objects.requireNonNull(runId, "runId");
    return read(
        "read the proposals of run " + runId,
        c -> proposals(c, "WHERE run_id = ? ORDER BY seq", runId));
  }

  @Override
  public List<ArchivedProposal> recentProposals(int limit) {
    requirePositive(limit);
    return read(
        "read the latest proposals",
        c -> proposals(c, "ORDER BY created_at DESC, id DESC LIMIT ?", limit));
  }

  @Override
  public List<ArchivedProposal> proposalsWithStatus(ProposalStatus status) {
    Objects.requireNonNull(status, "status");
    return read(
        "read the proposals that are " + status.label(),
        c -> proposals(c, "WHERE status = ? ORDER BY created_at, seq", status.name()));
  }

  @Override
  public List<ArchivedProposal> proposalsWithDiffHash(String diffHash) {
    Objects.requireNonNull(diffHash, "diffHash");
    return read(
        "read the proposals with a diff hash",
        c -> proposals(c, "WHERE diff_hash = ? ORDER BY created_at, seq", diffHash));
  }

  private static List<ArchivedProposal> proposals(Connection c, String where, Object arg)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT " + PROPOSAL_COLUMNS + " FROM improvement_proposals " + where)) {
      s.setObject(1, arg);
      try (ResultSet r = s.executeQuery()) {
        List<ArchivedProposal> out = new ArrayList<>();
        while (r.next()) {
          out.add(
              new ArchivedProposal(
                  r.getString("id"),
                  r.getString("run_id"),
                  r.getString("source"),
                  r.getString("description"),
                  r.getString("diff"),
                  r.getString("diff_hash"),
                  r.getString("risk"),
                  ProposalStatus.valueOf(r.getString("status")),
                  r.getString("reason"),
                  r.getString("commit_id"),
                  Instant.ofEpochMilli(r.getLong("created_at")),
                  Instant.ofEpochMilli(r.getLong("updated_at"))));
        }
        return out;
      }
    }
  }

  @Override
  public void addStep(StepRecord step) {
    Objects.requireNonNull(step, "step");
    Redaction detail = scanner.redact(SOURCE + ":step", step.detail());
    List<Redaction> measureDetails =
        step.measures().stream().map(m -> scanner.redact(SOURCE + ":measure", m.detail())).toList();
    long now = System.currentTimeMillis();
    write(
        "store the step " + step.step() + " of " + step.proposalId(),
        (session, c) -> {
          long id;
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO improvement_steps"
                      + " (proposal_id, position, step, outcome, detail, duration_ms)"
                      + " VALUES (?, ?, ?, ?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, step.proposalId());
            s.setInt(2, step.position());
            s.setString(3, step.step());
            s.setString(4, step.outcome().name());
            s.setString(5, detail.text());
            s.setLong(6, step.duration().toMillis());
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
              keys.next();
              id = keys.getLong(1);
            }
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO improvement_measures (step_id, position, name, before_value,"
                      + " after_value, change, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < step.measures().size(); i++) {
              MeasureDelta m = step.measures().get(i);
              s.setLong(1, id);
              s.setInt(2, i);
              s.setString(3, m.name());
              s.setString(4, m.before());
              s.setString(5, m.after());
              s.setString(6, m.change().name());
              s.setString(7, measureDetails.get(i).text());
              s.addBatch();
            }
            s.executeBatch();
          }
          String where = "improvement_steps/" + id;
          SecretAlerts.record(session, SOURCE, where, detail, now);
          for (Redaction r : measureDetails) {
            SecretAlerts.record(session, SOURCE, where, r, now);
          }
          return null;
        });
  }

  @Override
  public List<StepRecord> steps(String proposalId) {
    Objects.requireNonNull(proposalId, "proposalId");
    return read(
        "read the steps of " + proposalId,
        c -> {
          Map<Long, List<MeasureDelta>> measures = new LinkedHashMap<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT m.step_id, m.name, m.before_value, m.after_value, m.change, m.detail"
                      + " FROM improvement_measures m JOIN improvement_steps t ON t.id = m.step_id"
                      + " WHERE t.proposal_id = ? ORDER BY m.step_id, m.position")) {
            s.setString(1, proposalId);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                measures
                    .computeIfAbsent(r.getLong(1), k -> new ArrayList<>())
                    .add(
                        new MeasureDelta(
                            r.getString(2),
                            r.getString(3),
                            r.getString(4),
                            MeasureDelta.Change.valueOf(r.getString(5)),
                            r.getString(6)));
              }
            }
          }
          List<StepRecord> out = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT id, position, step, outcome, detail, duration_ms FROM improvement_steps"
                      + " WHERE proposal_id = ? ORDER BY id")) {
            s.setString(1, proposalId);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                out.add(
                    new StepRecord(
                        proposalId,
                        r.getInt("position"),
                        r.getString("step"),
                        StepRecord.StepOutcome.valueOf(r.getString("outcome")),
                        r.getString("detail"),
                        measures.getOrDefault(r.getLong("id"), List.of()),
                        Duration.ofMillis(r.getLong("duration_ms"))));
              }
            }
          }
          return out;
        });
  }

  private static void requirePositive(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
  }
}
