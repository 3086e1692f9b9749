package dev.beca.memory.internal;

import dev.beca.core.learning.NewPattern;
import dev.beca.core.learning.Pattern;
import dev.beca.core.learning.PatternKind;
import dev.beca.core.learning.PatternQueries;
import dev.beca.core.learning.PatternStore;
import dev.beca.core.secrets.Redaction;
import dev.beca.core.secrets.SecretScanner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.ibatis.session.SqlSession;

/**
 * {@link PatternStore} on the SQLite knowledge base: the {@code patterns} table, its FTS5 index
 * {@code patterns_fts} kept by triggers, and a unique identity column so that a pattern seen again
 * (by this or another process) updates its row instead of adding one. Every text is redacted by the
 * secret scanner before it is stored, with an alert per secret in the same transaction.
 */
public final class SqlitePatternStore implements PatternStore {

  private static final String SOURCE = "pattern";

  private final SqliteDatabase database;
  private final Clock clock;
  private final SecretScanner scanner;

  /**
   * Creates the store.
   *
   * @param database the opened database
   * @param clock stamps patterns
   * @param scanner redacts every text before it is stored
   */
  public SqlitePatternStore(SqliteDatabase database, Clock clock, SecretScanner scanner) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scanner = Objects.requireNonNull(scanner, "scanner");
  }

  @Override
  public Pattern save(NewPattern pattern) {
    Objects.requireNonNull(pattern, "pattern");
    List<Redaction> redactions = new ArrayList<>();
    NewPattern clean =
        pattern.mapTexts(
            text -> {
              Redaction r = scanner.redact(SOURCE, text);
              if (!r.isClean()) {
                redactions.add(r);
              }
              return r.text();
            });
    String identity = sha256(clean.identity());
    long now = clock.millis();
    try {
      long id =
          database.write(
              session -> {
                PatternMapper mapper = session.getMapper(PatternMapper.class);
                PatternRow old = mapper.byIdentity(identity);
                long rowId;
                if (old == null) {
                  PatternInsert insert =
                      new PatternInsert(
                          identity,
                          clean.kind().name(),
                          clean.taskType(),
                          clean.request(),
                          clean.solutionSummary(),
                          PatternRow.joined(clean.toolsUsed()),
                          clean.architectureType(),
                          PatternRow.joined(clean.frameworks()),
                          clean.performanceNotes(),
                          clean.source().name(),
                          PatternRow.joined(clean.evidence()),
                          now);
                  mapper.insert(insert);
                  rowId = insert.id;
                } else {
                  rowId = old.id();
                  seenAgain(mapper, old, clean, now);
                }
                for (Redaction r : redactions) {
                  SecretAlerts.record(session, SOURCE, "patterns/" + rowId, r, now);
                }
                return rowId;
              });
      return get(id).orElseThrow();
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("save a pattern", database.file(), e);
    }
  }

  /** The merge rule of {@link PatternStore#save}: new evidence, new tools, newer notes, +1. */
  private static void seenAgain(PatternMapper mapper, PatternRow old, NewPattern clean, long now) {
    List<String> evidence = new ArrayList<>(PatternRow.lines(old.evidence()));
    Set<String> known = Set.copyOf(evidence);
    List<String> fresh = clean.evidence().stream().filter(e -> !known.contains(e)).toList();
    boolean sameEvidence = !clean.evidence().isEmpty() && fresh.isEmpty();
    evidence.addAll(fresh);
    if (evidence.size() > NewPattern.MAX_EVIDENCE) {
      evidence = evidence.subList(evidence.size() - NewPattern.MAX_EVIDENCE, evidence.size());
    }
    LinkedHashSet<String> tools = new LinkedHashSet<>(PatternRow.lines(old.toolsUsed()));
    tools.addAll(clean.toolsUsed());
    mapper.seenAgain(
        old.id(),
        tools.stream().collect(Collectors.joining("\n")),
        clean.performanceNotes().isEmpty() ? old.performanceNotes() : clean.performanceNotes(),
        PatternRow.joined(evidence),
        old.occurrences() + (sameEvidence ? 0 : 1),
        now);
  }

  @Override
  public List<Pattern> search(String query, int limit) {
    List<String> words = PatternQueries.words(query);
    positive(limit);
    // Words are letters and digits only, so quoting each makes any text a valid FTS5 query.
    String match = words.stream().map(w -> "\"" + w + "\"").collect(Collectors.joining(" OR "));
    try (SqlSession session = database.autoCommitSession()) {
      return session.getMapper(PatternMapper.class).search(match, limit).stream()
          .map(PatternRow::toPattern)
          .toList();
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("search the patterns", database.file(), e);
    }
  }

  @Override
  public List<Pattern> list(Optional<PatternKind> kind, int limit) {
    Objects.requireNonNull(kind, "kind");
    positive(limit);
    try (SqlSession session = database.autoCommitSession()) {
      PatternMapper mapper = session.getMapper(PatternMapper.class);
      List<PatternRow> rows =
          kind.isPresent() ? mapper.ofKind(kind.get().name(), limit) : mapper.all(limit);
      return rows.stream().map(PatternRow::toPattern).toList();
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("list the patterns", database.file(), e);
    }
  }

  @Override
  public Optional<Pattern> get(long id) {
    try (SqlSession session = database.autoCommitSession()) {
      return Optional.ofNullable(session.getMapper(PatternMapper.class).byId(id))
          .map(PatternRow::toPattern);
    } catch (RuntimeException e) {
      throw SqliteErrors.storage("read pattern " + id, database.file(), e);
    }
  }

  private static void positive(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
