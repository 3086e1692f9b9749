package dev.beca.app.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.app.internal.ChatInput.Block;
import dev.beca.app.internal.ChatInput.Entry;
import dev.beca.app.internal.ChatInput.Line;
import dev.beca.app.internal.ChatInput.Refused;
import dev.beca.core.secrets.DefaultSecretScanner;
import dev.beca.core.secrets.SecretScanner;
import dev.beca.core.testkit.DummySecrets;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Generated chat input, 12,000 seeded cases of lines, commands, {@code /paste} blocks, bracketed
 * pastes, PEM blocks (whole and cut), over-long lines, control characters and mixed line ends: the
 * reader never throws and always ends, every line of input is in exactly one entry, no line is
 * silently dropped (it is in its message, is a block's own command line, or its entry is refused
 * with a reason that holds), and no line of a generated private key reaches a message the secret
 * scanner leaves it in.
 *
 * <p>A failing case prints its seed; {@code -Dbeca.fuzz.seed=N} replays it.
 */
class ChatInputFuzzTest {

  private static final int CASES = 12_000;
  static final int MAX_CHARS = 1_000;
  private static final String[] COMMANDS = {
    "/exit",
    "/help",
    "/thread new x",
    "/thread use 1",
    "/session",
    "/end",
    "/paste",
    "/paste EOF",
    "EOF",
    "/pasted",
    "\"\"\""
  };
  private static final String[] WORDS = {
    "hello",
    "records",
    "\u00e9t\u00e9",
    "\u2713",
    "x",
    "-----",
    "BEGIN",
    "/",
    "\\",
    "\u001b[2J",
    "\u0007",
    "\t",
    "\u0000",
    "\ud83d\ude00",
    "-----END",
    "PRIVATE KEY"
  };

  private final SecretScanner scanner = DefaultSecretScanner.standard();

  @Test
  void generatedInputIsSplitWithoutLossOrLeak() throws IOException {
    long base = Long.getLong("beca.fuzz.seed", 20261201L);
    int cases = Long.getLong("beca.fuzz.seed") != null ? 1 : CASES;
    for (int i = 0; i < cases; i++) {
      long seed = base + i;
      Case generated = generate(new Random(seed));
      try {
        check(generated);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "case with seed "
                + seed
                + " (replay with -Dbeca.fuzz.seed="
                + seed
                + "): "
                + Terminal.printableLine(generated.input),
            e);
      }
    }
  }

  /** One generated input, and the body lines of the private keys in it. */
  record Case(String input, Set<String> keyLines) {}

  /** A chat input of up to a dozen fragments: lines, commands, pastes, PEM blocks, long lines. */
  static Case generate(Random random) {
    DummySecrets secrets = new DummySecrets(random.nextLong());
    List<String> lines = new ArrayList<>();
    Set<String> keyLines = new HashSet<>();
    int fragments = random.nextInt(12);
    for (int f = 0; f < fragments; f++) {
      List<String> fragment = new ArrayList<>();
      switch (random.nextInt(9)) {
        case 0, 1, 2 -> fragment.add(words(random));
        case 3 -> fragment.add(COMMANDS[random.nextInt(COMMANDS.length)]);
        case 4 -> fragment.add("");
        case 5 -> fragment.add("y".repeat(random.nextInt(MAX_CHARS * 2)));
        case 6 -> {
          String kind = List.of("RSA", "EC", "OPENSSH", "").get(random.nextInt(4));
          List<String> pem = secrets.privateKeyPem(kind).lines().toList();
          pem.stream().filter(l -> !l.startsWith("-----")).forEach(keyLines::add);
          int keep = random.nextInt(4) == 0 ? 1 + random.nextInt(pem.size() - 1) : pem.size();
          fragment.addAll(pem.subList(0, keep));
          if (random.nextBoolean()) {
            fragment.set(0, words(random) + " " + fragment.get(0));
          }
        }
        case 7 -> {
          fragment.add("-----BEGIN CERTIFICATE-----");
          fragment.add(secrets.base64(64));
          if (random.nextBoolean()) {
            fragment.add("-----END CERTIFICATE-----");
          }
        }
        default -> {
          fragment.add(words(random) + ChatInput.PASTE_END + words(random));
          if (random.nextBoolean()) {
            fragment.add(ChatInput.PASTE_START);
          }
        }
      }
      if (random.nextInt(5) == 0) {
        // A bracketed paste of the whole fragment, with typed text around it.
        int last = fragment.size() - 1;
        fragment.set(
            0, (random.nextBoolean() ? "typed " : "") + ChatInput.PASTE_START + fragment.get(0));
        fragment.set(
            last,
            fragment.get(last)
                + (random.nextInt(4) == 0 ? "" : ChatInput.PASTE_END)
                + (random.nextBoolean() ? " after" : ""));
      }
      lines.addAll(fragment);
    }
    StringBuilder input = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      input.append(lines.get(i));
      if (i < lines.size() - 1 || random.nextBoolean()) {
        input.append(List.of("\n", "\r\n", "\r").get(random.nextInt(3)));
      }
    }
    return new Case(input.toString(), keyLines);
  }

  private static String words(Random random) {
    StringBuilder line = new StringBuilder(random.nextBoolean() ? "" : "  ");
    int n = 1 + random.nextInt(6);
    for (int i = 0; i < n; i++) {
      line.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(3) == 0 ? "" : " ");
    }
    return line.toString();
  }

  private void check(Case generated) throws IOException {
    List<String> physical = physicalLines(generated.input());
    ChatInput input = new ChatInput(new StringReader(generated.input()), MAX_CHARS, () -> {});
    List<Entry> entries = new ArrayList<>();
    for (Entry e; (e = input.next()) != null; ) {
      entries.add(e);
      assertThat(entries)
          .as("no more entries than lines")
          .hasSizeLessThanOrEqualTo(physical.size());
    }
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      int from = entry.firstLine();
      int to = i + 1 < entries.size() ? entries.get(i + 1).firstLine() - 1 : physical.size();
      assertThat(from)
          .as("entries follow each other from line 1")
          .isEqualTo(i == 0 ? 1 : entries.get(i - 1).firstLine() + span(entries.get(i - 1)));
      List<String> covered = physical.subList(from - 1, to);
      if (entry instanceof Refused refused) {
        String all = String.join("\n", covered);
        if (refused.problem().contains("private key")) {
          assertThat(all).contains("PRIVATE KEY-----");
        } else {
          assertThat(refused.problem()).contains("more than the limit of " + MAX_CHARS);
          assertThat(all.length()).isGreaterThan(MAX_CHARS);
        }
        continue;
      }
      String text = entry instanceof Line line ? line.text() : ((Block) entry).text();
      assertThat(text.length()).as("%s", entry).isLessThanOrEqualTo(MAX_CHARS);
      assertThat(text).doesNotContain(ChatInput.PASTE_START, ChatInput.PASTE_END);
      if (entry instanceof Line) {
        assertThat(covered).hasSize(1);
        assertThat(text).isEqualTo(covered.get(0).strip());
        assertThat(generated.keyLines()).as("a key line sent on its own").doesNotContain(text);
      } else {
        for (int l = 0; l < covered.size(); l++) {
          String line =
              covered
                  .get(l)
                  .replace(ChatInput.PASTE_START, "")
                  .replace(ChatInput.PASTE_END, "")
                  .strip();
          boolean blockCommand =
              l == 0 && line.startsWith("/paste")
                  || l == covered.size() - 1 && List.of("/end", "EOF").contains(line);
          if (!line.isEmpty() && !blockCommand) {
            assertThat(text).as("line %d of the entry", l).contains(line);
          }
        }
      }
      if (generated.keyLines().stream().anyMatch(text::contains)) {
        String redacted = scanner.redact("fuzz", text).text();
        for (String keyLine : generated.keyLines()) {
          assertThat(redacted).as("private key material after redaction").doesNotContain(keyLine);
        }
      }
    }
  }

  /** How many lines of input an entry took. */
  private static int span(Entry entry) {
    if (entry instanceof Block block) {
      return block.lines();
    }
    return entry instanceof Refused refused ? refused.lines() : 1;
  }

  /** The input's lines as {@link ChatInput} counts them: ended by LF, CR LF or CR. */
  private static List<String> physicalLines(String input) {
    List<String> lines = new ArrayList<>(List.of(input.split("\r\n|\r|\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }
}
