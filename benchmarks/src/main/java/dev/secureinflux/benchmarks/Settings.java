package dev.secureinflux.benchmarks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How long and how often each figure is measured. The defaults are the full run (about 10 minutes on an idle
 * 2-core machine); {@code smoke} is a short run that only shows the harness works. Each value can be overridden on
 * the command line as {@code key=value}, for example {@code rounds=20 run=2s}.
 *
 * @param sections which figures to measure: {@code write}, {@code query}, {@code handshakes}, {@code build},
 *     {@code memory} (command line {@code only=write,query})
 * @param rounds interleaved rounds per throughput and latency figure; each round runs every client once
 * @param run how long each client runs in one round
 * @param warmup how long each client runs before the first round of each figure (not counted)
 * @param handshakeRequests sequential requests per client on a server that keeps connections open
 * @param resumeRequests sequential requests per client on a server that closes every connection after one request
 * @param jmhRounds interleaved JMH runs (one fork each) per variant for the warm build
 * @param jmhWarmup warm-up iterations per JMH run ({@link #jmhIteration} each)
 * @param jmhMeasure measured iterations per JMH run
 * @param jmhIteration length of one JMH iteration
 * @param coldSamples fresh JVMs per variant for the cold build
 * @param memoryClients clients held at once in the retained-heap probe
 * @param memorySamples fresh JVMs per variant and state for the retained-heap probe
 */
record Settings(Set<String> sections, int rounds, Duration run, Duration warmup, int handshakeRequests,
    int resumeRequests, int jmhRounds, int jmhWarmup, int jmhMeasure, Duration jmhIteration, int coldSamples,
    int memoryClients, int memorySamples) {
  static final Set<String> ALL = Set.of("write", "query", "handshakes", "build", "memory");

  static Settings full() {
    return new Settings(ALL, 10, Duration.ofSeconds(1), Duration.ofSeconds(1), 10_000, 200, 3, 3, 5,
        Duration.ofSeconds(1), 5, 100, 3);
  }

  static Settings smoke() {
    return new Settings(ALL, 2, Duration.ofMillis(200), Duration.ofMillis(300), 1_000, 20, 1, 1, 2,
        Duration.ofMillis(300), 2, 20, 1);
  }

  /**
   * {@code smoke} (anywhere) starts from the smoke settings, else the full ones; then each {@code key=value}
   * overrides one value. Durations are {@code 500ms}, {@code 2s} or ISO-8601 ({@code PT2S}).
   *
   * @throws IllegalArgumentException naming the argument that is unknown or malformed
   */
  static Settings parse(String... args) {
    boolean smoke = false;
    Map<String, String> values = new LinkedHashMap<>();
    for (String arg : args) {
      if (arg.equals("smoke")) {
        smoke = true;
        continue;
      }
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("argument " + arg + " is not smoke or key=value; keys: " + keys());
      }
      values.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    Settings s = smoke ? smoke() : full();
    Set<String> sections = s.sections;
    int rounds = s.rounds;
    Duration run = s.run;
    Duration warmup = s.warmup;
    int handshakeRequests = s.handshakeRequests;
    int resumeRequests = s.resumeRequests;
    int jmhRounds = s.jmhRounds;
    int jmhWarmup = s.jmhWarmup;
    int jmhMeasure = s.jmhMeasure;
    Duration jmhIteration = s.jmhIteration;
    int coldSamples = s.coldSamples;
    int memoryClients = s.memoryClients;
    int memorySamples = s.memorySamples;
    for (Map.Entry<String, String> e : values.entrySet()) {
      String v = e.getValue();
      switch (e.getKey()) {
        case "only" -> sections = sections(v);
        case "rounds" -> rounds = positive(e.getKey(), v);
        case "run" -> run = duration(e.getKey(), v);
        case "warmup" -> warmup = duration(e.getKey(), v);
        case "handshakeRequests" -> handshakeRequests = positive(e.getKey(), v);
        case "resumeRequests" -> resumeRequests = positive(e.getKey(), v);
        case "jmhRounds" -> jmhRounds = positive(e.getKey(), v);
        case "jmhWarmup" -> jmhWarmup = positive(e.getKey(), v);
        case "jmhMeasure" -> jmhMeasure = positive(e.getKey(), v);
        case "jmhIteration" -> jmhIteration = duration(e.getKey(), v);
        case "coldSamples" -> coldSamples = positive(e.getKey(), v);
        case "memoryClients" -> memoryClients = positive(e.getKey(), v);
        case "memorySamples" -> memorySamples = positive(e.getKey(), v);
        default -> throw new IllegalArgumentException("unknown setting " + e.getKey() + "; keys: " + keys());
      }
    }
    return new Settings(sections, rounds, run, warmup, handshakeRequests, resumeRequests, jmhRounds, jmhWarmup,
        jmhMeasure, jmhIteration, coldSamples, memoryClients, memorySamples);
  }

  boolean runs(String section) {
    return sections.contains(section);
  }

  /** One line for the report header. */
  String describe() {
    return String.format(Locale.ROOT, "sections %s; %d rounds x %s per client (warm-up %s); %d sequential requests "
            + "for handshakes, %d for resumption; JMH %d rounds x (%d warm-up + %d measured) x %s; %d cold JVMs; "
            + "%d clients x %d JVMs for memory",
        String.join(",", new java.util.TreeSet<>(sections)), rounds, human(run), human(warmup), handshakeRequests,
        resumeRequests, jmhRounds, jmhWarmup, jmhMeasure, human(jmhIteration), coldSamples, memoryClients,
        memorySamples);
  }

  /**
   * A rough run time in seconds from the settings: the timed runs plus about 2 s per JMH fork and 1.5 to 3 s per
   * other fresh JVM; server start-up and a busy machine add to it.
   */
  long estimatedSeconds() {
    double total = 0;
    double perFigure = 3 * seconds(warmup) + rounds * 3 * seconds(run);
    if (runs("write")) {
      total += 8 * perFigure; // 4 servers x 1 and 4 threads.
    }
    if (runs("query")) {
      total += 4 * perFigure;
    }
    if (runs("handshakes")) {
      total += 4 * (handshakeRequests * 0.0003 + resumeRequests * 0.005);
    }
    if (runs("build")) {
      total += jmhRounds * 3 * ((jmhWarmup + jmhMeasure) * seconds(jmhIteration) + 2) + coldSamples * 3 * 1.5
          + 8 * 1.5;
    }
    if (runs("memory")) {
      total += 2 * memorySamples * 3 * (1 + memoryClients * 0.02);
    }
    return Math.round(total);
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static String keys() {
    return "only, rounds, run, warmup, handshakeRequests, resumeRequests, jmhRounds, jmhWarmup, jmhMeasure, "
        + "jmhIteration, coldSamples, memoryClients, memorySamples";
  }

  private static Set<String> sections(String value) {
    Set<String> out = Set.of(value.split(","));
    for (String section : out) {
      if (!ALL.contains(section)) {
        throw new IllegalArgumentException("only=" + value + ": unknown section " + section + "; sections: "
            + String.join(",", new java.util.TreeSet<>(ALL)));
      }
    }
    return out;
  }

  private static int positive(String key, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new IllegalArgumentException(key + "=" + value + " is not a positive whole number");
  }

  static Duration duration(String key, String value) {
    try {
      Duration d;
      if (value.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      } else if (value.endsWith("s") && !value.startsWith("P")) {
        d = Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
      } else {
        d = Duration.parse(value);
      }
      if (!d.isNegative() && !d.isZero()) {
        return d;
      }
    } catch (RuntimeException e) {
      // Reported below.
    }
    throw new IllegalArgumentException(key + "=" + value + " is not a positive duration such as 500ms or 2s");
  }

  static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
