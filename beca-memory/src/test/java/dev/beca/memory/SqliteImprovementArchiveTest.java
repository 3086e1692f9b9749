package dev.beca.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.improve.ArchivedProposal;
import dev.beca.core.improve.ImprovementArchive;
import dev.beca.core.improve.ImprovementArchiveContract;
import dev.beca.core.improve.ImprovementRun;
import dev.beca.core.improve.ProposalStatus;
import dev.beca.core.testkit.DummySecrets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite improvement archive passes the archive contract on a real database file. */
class SqliteImprovementArchiveTest extends ImprovementArchiveContract {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

  @TempDir Path dataDir;
  private SqliteKnowledgeBase knowledgeBase;

  @Override
  protected ImprovementArchive createArchive() {
    knowledgeBase = SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open();
    return knowledgeBase.improvements();
  }

  @AfterEach
  void close() {
    knowledgeBase.close();
  }

  @Test
  void runsAndProposalsAreKeptAcrossReopeningTheFile() {
    ImprovementRun run = new ImprovementRun("r1", "/p", "abc", T0, Optional.empty(), "running");
    ArchivedProposal p =
        new ArchivedProposal(
            "p1",
            "r1",
            "recipes",
            "Fix",
            "--- a/x\n+++ b/x\n",
            "h",
            "low",
            ProposalStatus.AWAITING_APPROVAL,
            "accepted",
            "",
            T0,
            T0.plusMillis(5));
    knowledgeBase.improvements().saveRun(run);
    knowledgeBase.improvements().saveProposal(p);
    knowledgeBase.close();

    knowledgeBase = SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open();

    assertThat(knowledgeBase.improvements().run("r1")).contains(run);
    assertThat(knowledgeBase.improvements().proposal("p1")).contains(p);
    assertThat(knowledgeBase.schemaVersion())
        .isEqualTo(String.valueOf(dev.beca.memory.internal.SqliteDatabase.LATEST_SCHEMA_VERSION));
  }

  @Test
  void aRedactedSecretIsRecordedAsAnAlert() {
    String token = new DummySecrets(5).githubPat();
    long before = knowledgeBase.securityAlerts().count();
    knowledgeBase
        .improvements()
        .saveRun(new ImprovementRun("r1", "/p", "abc", T0, Optional.empty(), "token " + token));

    assertThat(knowledgeBase.securityAlerts().count()).isEqualTo(before + 1);
  }
}
