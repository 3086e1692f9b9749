package dev.beca.app.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.app.internal.ChatInput.Block;
import dev.beca.app.internal.ChatInput.Entry;
import dev.beca.app.internal.ChatInput.Line;
import dev.beca.app.internal.ChatInput.Refused;
import dev.beca.core.testkit.DummySecrets;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link ChatInput}: how typed and piped input becomes messages, commands and refusals. */
class ChatInputTest {

  private static final String START = ChatInput.PASTE_START;
  private static final String END = ChatInput.PASTE_END;

  @Test
  void eachLineIsOneEntryStrippedWhateverItsLineEnd() throws IOException {
    assertThat(read("  hello \n/thread new x\r\nthird\rfourth"))
        .containsExactly(
            new Line("hello", 1),
            new Line("/thread new x", 2),
            new Line("third", 3),
            new Line("fourth", 4));
  }

  @Test
  void pasteBlockIsOneMessageKeepingItsLinesAndSlashCommandsAsText() throws IOException {
    String input =
        "/paste\n\nException in thread \"main\"\n\tat demo.Main(Main.java:3)\n/exit\n\n/end\nafter\n";

    assertThat(read(input))
        .containsExactly(
            new Block(
                "Exception in thread \"main\"\n\tat demo.Main(Main.java:3)\n/exit", 1, 7, null),
            new Line("after", 8));
  }

  @Test
  void pasteBlockWithItsOwnEndWordHoldsALineEnd() throws IOException {
    assertThat(read("/paste EOF\na\n/end\nEOF\n"))
        .containsExactly(new Block("a\n/end", 1, 4, null));
  }

  @Test
  void unclosedPasteBlockIsSentWithAReasonAtTheEndOfTheInput() throws IOException {
    assertThat(read("/paste\nline one\nline two"))
        .singleElement()
        .isEqualTo(
            new Block(
                "line one\nline two", 1, 3, "the /paste block was not closed with a line /end"));
  }

  @Test
  void bracketedPasteIsOneMessageWithWhatWasTypedAroundItAndNeverACommand() throws IOException {
    String input =
        "see "
            + START
            + "/exit\n  indented\n"
            + END
            + " please\nnext\n"
            + START
            + "one line"
            + END
            + "\n";

    assertThat(read(input))
        .containsExactly(
            new Block("see /exit\n  indented\n please", 1, 3, null),
            new Line("next", 4),
            new Block("one line", 5, 1, null));
  }

  @Test
  void strayPasteMarkersAreDroppedAndAnUnendedPasteEndsWithTheInput() throws IOException {
    assertThat(read("a" + END + "b\n" + START + "x\ny"))
        .containsExactly(
            new Block("ab", 1, 1, null),
            new Block(
                "x\ny",
                2,
                2,
                "the pasted text did not end with the terminal's end-of-paste marker"));
  }

  @Test
  void privateKeyPipedLineByLineIsJoinedIntoOneMessage() throws IOException {
    String pem = new DummySecrets(1).privateKeyPem("RSA");
    int lines = (int) pem.lines().count();

    List<Entry> entries = read("my key:\n" + pem + "\nthanks\n");

    assertThat(entries)
        .containsExactly(
            new Line("my key:", 1), new Block(pem, 2, lines, null), new Line("thanks", 2 + lines));
  }

  @Test
  void textEndingWithAPemHeaderJoinsTheLinesAfterItAndSoDoesAPasteEndingWithOne()
      throws IOException {
    String body = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7" + "a".repeat(20);
    String input =
        "key: -----BEGIN PRIVATE KEY-----\n"
            + body
            + "\n-----END PRIVATE KEY-----\n"
            + START
            + "-----BEGIN CERTIFICATE-----\n"
            + END
            + "\n"
            + body
            + "\n-----END CERTIFICATE-----\n";

    assertThat(read(input))
        .containsExactly(
            new Block(
                "key: -----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----",
                1,
                3,
                null),
            new Block(
                "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----",
                4,
                4,
                null));
  }

  @Test
  void privateKeyWithoutItsEndIsRefusedWhetherPipedOrPasted() throws IOException {
    String pem = new DummySecrets(2).privateKeyPem("EC");
    String cut = pem.substring(0, pem.indexOf("-----END"));

    List<Entry> piped = read(cut + "\n");
    List<Entry> pasted = read("/paste\n" + cut + "/end\n" + "after\n");

    assertThat(piped)
        .singleElement()
        .isInstanceOf(Refused.class)
        .extracting(e -> ((Refused) e).problem())
        .asString()
        .contains("private key", "not sent or stored");
    assertThat(pasted.get(0)).isInstanceOf(Refused.class);
    assertThat(pasted.get(1)).isEqualTo(new Line("after", (int) cut.lines().count() + 3));
  }

  @Test
  void questionAboutAKeyHeaderIsNotRefused() throws IOException {
    String question = "How do I turn -----BEGIN RSA PRIVATE KEY----- into PKCS#8 format for Java?";

    assertThat(read(question + "\n")).containsExactly(new Line(question, 1));
  }

  @Test
  void aLineEndClosesAPemBlockThatNeverEnds() throws IOException {
    assertThat(read("-----BEGIN CERTIFICATE-----\nnot base64 at all\n/end\nnext\n"))
        .containsExactly(
            new Block("-----BEGIN CERTIFICATE-----\nnot base64 at all", 1, 3, null),
            new Line("next", 4));
  }

  @Test
  void overLimitLineIsRefusedWithItsLengthWithoutHoldingItAndTheNextLineIsRead()
      throws IOException {
    ChatInput input =
        new ChatInput(new StringReader("x".repeat(1_048_576) + "\nnext\n"), 1_000_000, () -> {});

    Entry first = input.next();

    assertThat(first).isInstanceOf(Refused.class);
    assertThat(((Refused) first).problem())
        .contains("1048576 characters", "limit of 1000000", "not sent or stored");
    assertThat(input.next()).isEqualTo(new Line("next", 2));
    assertThat(input.next()).isNull();
  }

  @Test
  void overLimitBlockIsRefusedWhateverTheLengthOfItsLines() throws IOException {
    String input = "/paste\n" + ("y".repeat(40) + "\n").repeat(10) + "/end\nok\n";

    List<Entry> entries = new ArrayList<>();
    ChatInput reader = new ChatInput(new StringReader(input), 100, () -> {});
    for (Entry e; (e = reader.next()) != null; ) {
      entries.add(e);
    }

    assertThat(entries.get(0)).isInstanceOf(Refused.class);
    assertThat(((Refused) entries.get(0)).problem()).contains("409 characters");
    assertThat(entries.get(1)).isEqualTo(new Line("ok", 13));
  }

  @Test
  void continuationIsAnnouncedBeforeEachFurtherLineOfABlock() throws IOException {
    AtomicInteger prompts = new AtomicInteger();
    ChatInput input =
        new ChatInput(new StringReader("/paste\na\nb\n/end\nc\n"), 100, prompts::incrementAndGet);

    input.next();
    assertThat(prompts).hasValue(3);
    input.next();
    assertThat(prompts).hasValue(3);
  }

  @Test
  void readerIsNeverAskedForMoreAfterTheEnd() throws IOException {
    AtomicInteger readsAfterEnd = new AtomicInteger();
    Reader once =
        new StringReader("a\r") {
          private boolean ended;

          @Override
          public int read() throws IOException {
            if (ended) {
              readsAfterEnd.incrementAndGet();
            }
            int c = super.read();
            ended |= c < 0;
            return c;
          }
        };
    ChatInput input = new ChatInput(once, 100, () -> {});

    assertThat(input.next()).isEqualTo(new Line("a", 1));
    assertThat(input.next()).isNull();
    assertThat(input.next()).isNull();
    assertThat(readsAfterEnd).hasValue(0);
  }

  static List<Entry> read(String input) throws IOException {
    ChatInput reader = new ChatInput(new StringReader(input), 1_000_000, () -> {});
    List<Entry> entries = new ArrayList<>();
    for (Entry e; (e = reader.next()) != null; ) {
      entries.add(e);
    }
    return entries;
  }
}
