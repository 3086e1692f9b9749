package dev.beca.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The snippet of a hit found by meaning: the content on one line, stripped, cut. */
class SearchSnippetTest {

  /** The form the snippet had, with a regular expression; the loop must give the same text. */
  private static String byRegularExpression(String content) {
    String oneLine = content.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 157) + "...";
  }

  @Test
  void leadEqualsTheRegularExpressionFormForAnyWhitespace() {
    char[] alphabet = {
      'a', 'b', 'Z', '1', ' ', '\t', '\n', '\r', '\f', 0x0B, 0x1C, 0x1F, '\u00A0', '\u2003',
      '\u2028', '\u3000', '\u202F', '\uD83D', '\uDE00', '.'
    };
    Random random = new Random(7);
    for (int n = 0; n < 5_000; n++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(n % 10 == 0 ? 600 : 40);
      for (int i = 0; i < length; i++) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String content = text.toString();
      assertThat(SqliteHistorySearch.lead(content))
          .as("lead of %s", content.chars().boxed().toList())
          .isEqualTo(byRegularExpression(content));
    }
  }

  @Test
  void leadCutsLongContentToOneHundredSixtyCharacters() {
    String lead = SqliteHistorySearch.lead("  word\r\n\tword ".repeat(40));

    assertThat(lead).hasSize(160).startsWith("word word word").endsWith("...");
  }
}
