package dev.beca.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommitMessagesTest {

  @Test
  void composedTrailersAreReadBack() {
    Map<String, String> trailers = new LinkedHashMap<>();
    trailers.put("BECA-Session", "s-1");
    trailers.put("Co-authored-by", "BECA <beca@example.org>");

    String message = CommitMessages.compose("  Fix the parser\n\nLonger body.  ", trailers);

    assertThat(message)
        .isEqualTo(
            "Fix the parser\n\nLonger body.\n\nBECA-Session: s-1\n"
                + "Co-authored-by: BECA <beca@example.org>\n");
    assertThat(CommitMessages.trailers(message)).isEqualTo(trailers);
  }

  @Test
  void aMessageWithoutATrailerParagraphHasNoTrailers() {
    assertThat(CommitMessages.trailers("Fix: the parser\n")).isEmpty();
    assertThat(CommitMessages.trailers("Fix\n\nthis is prose: not a trailer\n")).isEmpty();
    assertThat(CommitMessages.compose("Fix", Map.of())).isEqualTo("Fix\n");
  }

  @Test
  void blankMessagesAndMalformedTrailersAreRefused() {
    assertThatThrownBy(() -> CommitMessages.compose(" ", Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> CommitMessages.compose("x", Map.of("-x", "v")))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> CommitMessages.compose("x", Map.of("K", " ")))
        .isInstanceOf(InvalidInputException.class);
  }
}
