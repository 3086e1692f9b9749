package dev.beca.app.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for the terminal: a header line and one line per row, each column padded to a
 * fixed width so that it lines up under its heading. Columns are one space apart unless {@link
 * Builder#gap} says otherwise. As with {@code printf} widths, a cell longer than its column is
 * written whole and pushes the rest of its line right; a column of width 0, usually the last, is
 * not padded at all. Control characters in a cell (a line break, an escape sequence in a stored
 * name) are shown escaped ({@link Terminal#printableLine}), so a row stays one line and cannot
 * drive the terminal.
 *
 * <pre>{@code
 * TextTable table = TextTable.builder().left("ID", 6).right("SCORE", 7).left("NAME").build();
 * out.println(table.header());
 * out.println(table.row(7, "0.913", "calc"));
 * }</pre>
 */
final class TextTable {

  private record Column(String header, int width, boolean rightAligned, int spacesBefore) {}

  private final List<Column> columns;

  private TextTable(List<Column> columns) {
    this.columns = List.copyOf(columns);
  }

  /** A builder of a table with no columns yet. */
  static Builder builder() {
    return new Builder();
  }

  /** The line of column headings. */
  String header() {
    return line(columns.stream().map(Column::header).toArray());
  }

  /**
   * One row's line.
   *
   * @param cells one value per column, written with {@link String#valueOf(Object)}
   * @throws IllegalArgumentException when the number of cells is not the number of columns
   */
  String row(Object... cells) {
    if (cells.length != columns.size()) {
      throw new IllegalArgumentException(
          "a row needs " + columns.size() + " cells, one per column, got " + cells.length);
    }
    return line(cells);
  }

  private String line(Object[] cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      Column column = columns.get(i);
      String text = Terminal.printableLine(String.valueOf(cells[i]));
      String padding = " ".repeat(Math.max(0, column.width() - text.length()));
      line.append(" ".repeat(column.spacesBefore()));
      line.append(column.rightAligned() ? padding + text : text + padding);
    }
    return line.toString();
  }

  /** Adds the columns from left to right. */
  static final class Builder {
    private final List<Column> columns = new ArrayList<>();
    private Integer gap;

    private Builder() {}

    /** A column whose cells are padded on the right to {@code width} characters. */
    Builder left(String header, int width) {
      return add(header, width, false);
    }

    /** A column whose cells are padded on the left to {@code width} characters (for numbers). */
    Builder right(String header, int width) {
      return add(header, width, true);
    }

    /** A column whose cells are not padded: the last one, which may be as long as it likes. */
    Builder left(String header) {
      return add(header, 0, false);
    }

    /**
     * Puts {@code spaces} spaces, instead of one, before the next column; before the first column
     * it indents the table.
     */
    Builder gap(int spaces) {
      if (spaces < 0) {
        throw new IllegalArgumentException("gap must not be negative, was " + spaces);
      }
      this.gap = spaces;
      return this;
    }

    /** Builds the table. */
    TextTable build() {
      if (columns.isEmpty()) {
        throw new IllegalStateException("a table needs at least one column");
      }
      return new TextTable(columns);
    }

    private Builder add(String header, int width, boolean rightAligned) {
      if (width < 0) {
        throw new IllegalArgumentException(
            "width of column '" + header + "' must not be negative, was " + width);
      }
      int spacesBefore = gap != null ? gap : columns.isEmpty() ? 0 : 1;
      columns.add(new Column(header, width, rightAligned, spacesBefore));
      gap = null;
      return this;
    }
  }
}
