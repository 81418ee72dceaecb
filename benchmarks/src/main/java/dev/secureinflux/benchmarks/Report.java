package dev.secureinflux.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures as rows of one Markdown table: absolute values per client and the ratios. */
final class Report {
  /**
   * One figure on one server.
   *
   * @param figure what was measured, with its unit
   * @param server which server
   * @param secured the secured client's value as shown
   * @param bare bare influxdb-java's value as shown
   * @param control the second bare client's value as shown, or empty
   * @param ratio secured / bare as shown, or empty
   * @param controlRatio control / bare as shown, or empty
   */
  record Row(String figure, String server, String secured, String bare, String control, String ratio,
      String controlRatio) {}

  private final List<Row> rows = new ArrayList<>();
  private final PrintStream out;

  Report(PrintStream out) {
    this.out = out;
  }

  /** Adds a row and prints it at once, so a long run shows progress. */
  void add(Row row) {
    rows.add(row);
    out.println("  " + row.figure() + " | " + row.server() + " | secured " + row.secured() + " | bare "
        + row.bare() + (row.control().isEmpty() ? "" : " | control " + row.control())
        + (row.ratio().isEmpty() ? "" : " | secured/bare " + row.ratio())
        + (row.controlRatio().isEmpty() ? "" : " | control/bare " + row.controlRatio()));
    out.flush();
  }

  /** A measured figure with all three clients and both ratios (medians of the per-round ratios). */
  void ratios(String figure, String server, double[] medians, double ratio, double controlRatio, String format) {
    add(new Row(figure, server, fmt(format, medians[0]), fmt(format, medians[1]), fmt(format, medians[2]),
        ratio(ratio), ratio(controlRatio)));
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  /** The whole table in Markdown. */
  void print(String title) {
    out.println();
    out.println(title);
    out.println();
    out.println("| figure | server | secured | bare influxdb-java | control (2nd bare) | secured / bare "
        + "| control / bare |");
    out.println("|---|---|---:|---:|---:|---:|---:|");
    for (Row r : rows) {
      out.println("| " + r.figure() + " | " + r.server() + " | " + r.secured() + " | " + r.bare() + " | "
          + r.control() + " | " + r.ratio() + " | " + r.controlRatio() + " |");
    }
    out.flush();
  }

  static String ratio(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  static String fmt(String format, double value) {
    return String.format(Locale.ROOT, format, value);
  }
}
