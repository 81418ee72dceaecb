package dev.secureinflux.benchmarks;

/**
 * Rounds in which every client runs once, the order rotating each round, so slow drift of the machine (other
 * processes, CPU frequency, the server warming up) touches every client alike; figures are then compared round by
 * round.
 */
final class Interleaved {
  /** One run of one client; returns its figures (for example points/s, or p50 and p99). */
  interface Run {
    double[] run(int client) throws Exception;
  }

  /**
   * The figures of each round, indexed {@code [figure][client][round]}.
   *
   * @param clients how many clients take turns
   * @param figures how many figures each run returns
   */
  static double[][][] rounds(int rounds, int clients, int figures, Run run) throws Exception {
    double[][][] out = new double[figures][clients][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < clients; k++) {
        int c = (k + r) % clients; // Rotate the order every round.
        double[] values = run.run(c);
        for (int f = 0; f < figures; f++) {
          out[f][c][r] = values[f];
        }
      }
    }
    return out;
  }

  /** Medians over rounds per client of one figure, {@code [client]}. */
  static double[] medians(double[][] perClient) {
    double[] out = new double[perClient.length];
    for (int c = 0; c < perClient.length; c++) {
      out[c] = Stats.median(perClient[c]);
    }
    return out;
  }

  /** The median over rounds of client {@code a}'s figure divided by client {@code b}'s in the same round. */
  static double medianRatio(double[][] perClient, int a, int b) {
    return Stats.median(Stats.ratios(perClient[a], perClient[b]));
  }

  private Interleaved() {}
}
