package dev.beca.core.learning.bench;

import dev.beca.core.learning.MiningReport;
import dev.beca.core.learning.RepositoryMiner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Mines real repositories and prints what was found, with the time of a plain walk of the same tree
 * (every file listed, nothing read) measured in the same run as the baseline. Not a test: run it
 * with exec:java (see docs/learning.md). Arguments: repository folders; each is mined 5 times after
 * one warm-up, the median printed.
 */
public final class RepositoryMinerHarness {

  private RepositoryMinerHarness() {}

  public static void main(String[] args) throws IOException {
    RepositoryMiner miner = RepositoryMiner.builder().build();
    for (String arg : args) {
      Path root = Path.of(arg);
      miner.mine(root);
      walk(root);
      long[] mine = new long[5];
      long[] walk = new long[5];
      MiningReport report = null;
      for (int i = 0; i < 5; i++) {
        long t0 = System.nanoTime();
        walk(root);
        walk[i] = System.nanoTime() - t0;
        t0 = System.nanoTime();
        report = miner.mine(root);
        mine[i] = System.nanoTime() - t0;
      }
      java.util.Arrays.sort(mine);
      java.util.Arrays.sort(walk);
      System.out.println("== " + root);
      System.out.println(report.describe());
      report.frameworks().forEach(f -> System.out.println("  framework " + f));
      report.architectures().forEach(a -> System.out.println("  architecture " + a));
      report.topImports().stream().limit(10).forEach(i -> System.out.println("  import " + i));
      System.out.println("  patterns: " + report.patterns().size());
      System.out.printf(
          "  median mine %.1f ms, plain walk %.1f ms (baseline), ratio %.1f%n",
          mine[2] / 1e6, walk[2] / 1e6, (double) mine[2] / walk[2]);
    }
  }

  private static long walk(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).count();
    }
  }
}
