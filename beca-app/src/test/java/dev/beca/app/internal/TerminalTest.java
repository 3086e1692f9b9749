package dev.beca.app.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Terminal}'s escaping of stored text before it is printed. */
class TerminalTest {

  @Test
  void printableKeepsLineBreaksTabsAndUnicodeButEscapesEveryOtherControlCharacter() {
    String text =
        "line one\n\tindented \u00e9t\u00e9 \u2713\u001b[31mred\u001b[0m\r\u0000\u007f\u0085";

    assertThat(Terminal.printable(text))
        .isEqualTo(
            "line one\n\tindented \u00e9t\u00e9 \u2713\\x1B[31mred\\x1B[0m\\r\\x00\\x7F\\u0085");
  }

  @Test
  void printableLineAlsoEscapesLineBreaksAndTabs() {
    assertThat(Terminal.printableLine("a\nb\tc")).isEqualTo("a\\nb\\tc");
  }

  @Test
  void plainTextIsReturnedAsItIs() {
    String plain = "billing migration (v2) \u2014 d\u00e9j\u00e0 vu";

    assertThat(Terminal.printable(plain)).isSameAs(plain);
    assertThat(Terminal.printableLine(plain)).isSameAs(plain);
  }
}
