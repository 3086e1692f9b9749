package dev.beca.app.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@link TextTable}: cells line up under their headings as {@code printf} widths would put them.
 */
class TextTableTest {

  private final TextTable table =
      TextTable.builder().left("ID", 4).right("SCORE", 7).left("NAME").build();

  @Test
  void cellsArePaddedToTheirColumnsWidthSoTheyLineUpUnderTheHeadings() {
    assertThat(table.header()).isEqualTo("ID     SCORE NAME");
    assertThat(table.row(7, "0.913", "calc")).isEqualTo("7      0.913 calc");
    assertThat(table.row(12, "1.000", "billing service")).isEqualTo("12     1.000 billing service");
  }

  @Test
  void lineIsExactlyWhatPrintfWidthsWouldWrite() {
    String format = "%-4s %7s %s";

    assertThat(table.header()).isEqualTo(String.format(format, "ID", "SCORE", "NAME"));
    assertThat(table.row(123456, "12345678", ""))
        .isEqualTo(String.format(format, 123456, "12345678", ""));
  }

  @Test
  void controlCharactersInACellAreEscapedSoTheRowStaysOneInertLine() {
    String row = table.row(1, "0.5", "x\u001b]0;pwned\u0007\u001b[2J\ny\tz\r\u009b");

    assertThat(row).isEqualTo("1        0.5 x\\x1B]0;pwned\\x07\\x1B[2J\\ny\\tz\\r\\u009B");
    assertThat(row.chars()).noneMatch(Character::isISOControl);
  }

  @Test
  void cellWiderThanItsColumnIsWrittenWholeAndPushesTheRestOfItsLineRight() {
    assertThat(table.row("12345", "0.5", "x")).isEqualTo("12345     0.5 x");
  }

  @Test
  void gapWidensTheSpaceBeforeTheNextColumnAndBeforeTheFirstIndentsTheTable() {
    TextTable spaced =
        TextTable.builder().gap(2).left("metric", 8).right("A", 3).gap(3).left("NOTE").build();

    assertThat(spaced.header()).isEqualTo("  metric     A   NOTE");
    assertThat(spaced.row("tests", 2, "ok")).isEqualTo("  tests      2   ok");
  }

  @Test
  void rowWithMoreOrFewerCellsThanColumnsIsRefused() {
    assertThatThrownBy(() -> table.row(1, "0.5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a row needs 3 cells, one per column, got 2");
  }
}
