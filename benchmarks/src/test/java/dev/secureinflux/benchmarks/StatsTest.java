package dev.secureinflux.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void median_oddAndEvenCounts_middleOrMeanOfMiddles() {
    double[] values = {5, 1, 3};
    assertEquals(3, Stats.median(values));
    assertArrayEquals(new double[] {5, 1, 3}, values, "the input is not reordered");
    assertEquals(2.5, Stats.median(new double[] {4, 1, 2, 3}));
  }

  @Test
  void percentile_nearestRank() {
    long[] values = new long[100];
    for (int i = 0; i < 100; i++) {
      values[i] = 100 - i; // 100 .. 1
    }
    assertEquals(50, Stats.percentile(values.clone(), 100, 50));
    assertEquals(99, Stats.percentile(values.clone(), 100, 99));
    assertEquals(100, Stats.percentile(values.clone(), 100, 100));
    assertEquals(7, Stats.percentile(new long[] {9, 7, 1, 0}, 3, 50), "only the first count values count");
  }

  @Test
  void percentile_noValues_throws() {
    assertEquals("percentile 50.0 of 0 values",
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(new long[1], 0, 50)).getMessage());
  }
}
