package dev.beca.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default rules are read without Jackson, into exactly what Jackson's TOML mapper reads. */
class SimpleTomlTest {

  private static Map<?, ?> jackson(String toml) throws Exception {
    return new TomlMapper().readValue(toml, Map.class);
  }

  @Test
  void theDefaultRuleFileReadsExactlyAsJacksonReadsIt() throws Exception {
    String toml;
    try (InputStream in = SecretRuleSet.class.getResourceAsStream("default-rules.toml")) {
      toml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, Object> simple = SimpleToml.parse(toml);

    assertThat(simple).isEqualTo(jackson(toml));
    assertThat((List<?>) simple.get("rules")).hasSizeGreaterThan(50);
    assertThat(SecretRuleSet.defaults().rules())
        .extracting(SecretRule::id)
        .containsExactlyElementsOf(
            SecretRuleSet.parse("defaults through Jackson", toml).rules().stream()
                .map(SecretRule::id)
                .toList());
  }

  @Test
  void everyConstructOfTheSubsetReadsAsJacksonReadsIt() throws Exception {
    String toml =
        String.join(
            "\n",
            "# a comment",
            "title = \"quotes \\\" tab\\t unicode \\u00e9 backslash \\\\\" # trailing comment",
            "count = 42",
            "big = 3_000_000_000",
            "ratio = 3.5",
            "negative = -2",
            "on = true",
            "off = false",
            "literal = 'C:\\path\\no escapes'",
            "multi = '''",
            "first line",
            "second 'quoted' line'''",
            "basicMulti = \"\"\"",
            "a\\nb\"\"\"",
            "list = [",
            "  \"a\", # comment inside",
            "  'b',",
            "  [1, 2],",
            "]",
            "empty = []",
            "[allowlist]",
            "paths = ['''x''']",
            "[[rules]]",
            "id = \"one\"",
            "[[rules.allowlists]]",
            "stopwords = [\"example\"]",
            "[[rules.allowlists]]",
            "regexes = ['''^a$''']",
            "[[rules]]",
            "id = \"two\"",
            "[extend]",
            "useDefault = true",
            "");

    assertThat(SimpleToml.parse(toml)).isEqualTo(jackson(toml));
  }

  @Test
  void whatTheSubsetDoesNotCoverIsRefusedWithItsLine() {
    assertThatThrownBy(() -> SimpleToml.parse("a = 1\nb = { inline = 1 }\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> SimpleToml.parse("a = \"unclosed\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimpleToml.parse("a = 1\na = 2\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate key a");
  }
}
