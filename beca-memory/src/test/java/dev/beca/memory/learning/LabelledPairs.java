package dev.beca.memory.learning;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The hand-written labelled lesson pairs in {@code learning/dedup-pairs.tsv}. */
record LabelledPairs(String label, String a, String b) {

  static List<LabelledPairs> load() {
    List<LabelledPairs> pairs = new ArrayList<>();
    try (InputStream in = LabelledPairs.class.getResourceAsStream("/learning/dedup-pairs.tsv");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t");
        if (parts.length != 3) {
          throw new IllegalStateException("Not label<TAB>a<TAB>b: " + line);
        }
        pairs.add(new LabelledPairs(parts[0], parts[1], parts[2]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pairs;
  }
}
