package dev.secureinflux.benchmarks;

import java.util.Arrays;

/** Medians and percentiles of measured samples. */
final class Stats {
  private Stats() {}

  /** The median; the mean of the two middle values for an even count. */
  static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("median of no values");
    }
    double[] sorted = values.clone(); // Defensive copy.
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The nearest-rank percentile ({@code p} in (0, 100]) of {@code count} values, sorting them in place. */
  static long percentile(long[] values, int count, double p) {
    if (count == 0 || p <= 0 || p > 100) {
      throw new IllegalArgumentException("percentile " + p + " of " + count + " values");
    }
    Arrays.sort(values, 0, count);
    int rank = (int) Math.ceil(p / 100 * count);
    return values[rank - 1];
  }

  /** {@code a[i] / b[i]} for each i. */
  static double[] ratios(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] / b[i];
    }
    return out;
  }
}
