package dev.secureinflux.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Building a client: warm (JMH, one fork per run), cold (the first build in a fresh JVM), and which BouncyCastle
 * classes a cold build loads for each key format (from {@code -Xlog:class+load}).
 */
final class BuildFigures {
  private static final String[] METHODS = {"secured", "bare", "control"};

  private BuildFigures() {}

  /** {microseconds per build, bytes allocated per build} of one JMH run of {@code METHODS[client]}. */
  static double[] warm(int client, Path dir, String url, Settings s) throws RunnerException {
    String name = BuildBenchmark.class.getName() + "." + METHODS[client];
    Options options = new OptionsBuilder()
        .include("^" + Pattern.quote(name) + "$")
        .param("dir", dir.toString())
        .param("url", url)
        .forks(1)
        .warmupIterations(s.jmhWarmup())
        .warmupTime(TimeValue.milliseconds(s.jmhIteration().toMillis()))
        .measurementIterations(s.jmhMeasure())
        .measurementTime(TimeValue.milliseconds(s.jmhIteration().toMillis()))
        .addProfiler(GCProfiler.class)
        .jvmArgsAppend(Loopback.jvmArgument())
        .verbosity(VerboseMode.SILENT)
        .shouldFailOnError(true)
        .build();
    Collection<RunResult> results = new Runner(options).run();
    if (results.size() != 1) {
      throw new IllegalStateException("JMH ran " + results.size() + " benchmarks for " + name + ", expected 1");
    }
    RunResult result = results.iterator().next();
    return new double[] {result.getPrimaryResult().getScore(), allocatedPerOp(result)};
  }

  private static double allocatedPerOp(RunResult result) {
    for (Map.Entry<String, Result> e : result.getSecondaryResults().entrySet()) {
      if (e.getKey().endsWith("gc.alloc.rate.norm")) {
        return e.getValue().getScore();
      }
    }
    throw new IllegalStateException("the GC profiler reported no gc.alloc.rate.norm: "
        + result.getSecondaryResults().keySet());
  }

  /** {milliseconds, kilobytes allocated, classes loaded} of the first build in a fresh JVM. */
  static double[] cold(int client, Path dir, String url) throws IOException, InterruptedException {
    String[] f = ChildJvm.run(List.of(), ColdBuild.class, client == 0 ? "secured" : "bare",
        Identity.PKCS8.name(), dir.toString(), url).split(" ");
    return new double[] {Long.parseLong(f[0]) / 1e6, Long.parseLong(f[1]) / 1024.0, Long.parseLong(f[2])};
  }

  /** BouncyCastle classes among all classes a fresh JVM loaded to build one client with {@code identity}. */
  static String bouncyCastleClasses(boolean secured, Identity identity, Path dir, String url)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "class-load", ".log");
    try {
      ChildJvm.run(List.of("-Xlog:class+load=info:file=" + log), ColdBuild.class, secured ? "secured" : "bare",
          identity.name(), dir.toString(), url);
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      long bc = lines.stream().filter(l -> l.contains(" org.bouncycastle.")).count();
      return bc + " of " + lines.size();
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
