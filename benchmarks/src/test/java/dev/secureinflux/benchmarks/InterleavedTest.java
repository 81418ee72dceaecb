package dev.secureinflux.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterleavedTest {
  @Test
  void rounds_threeClients_orderRotatesEveryRound() throws Exception {
    List<Integer> order = new ArrayList<>();
    double[][][] out = Interleaved.rounds(4, 3, 2, c -> {
      order.add(c);
      return new double[] {c, order.size()};
    });
    assertEquals(List.of(0, 1, 2, 1, 2, 0, 2, 0, 1, 0, 1, 2), order);
    assertArrayEquals(new double[] {1, 1, 1, 1}, out[0][1]);
    assertArrayEquals(new double[] {1, 6, 8, 10}, out[1][0], "figure 1 of client 0 in each round");
  }

  @Test
  void medianRatio_pairsRoundByRound() {
    double[][] perClient = {{10, 20, 40}, {10, 10, 10}};
    assertEquals(2, Interleaved.medianRatio(perClient, 0, 1));
    assertArrayEquals(new double[] {20, 10}, Interleaved.medians(perClient));
  }
}
