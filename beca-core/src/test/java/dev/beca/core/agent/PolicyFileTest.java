package dev.beca.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTest {

  @Test
  void rulesAreReadInFileOrderWithTheirScope() {
    List<PolicyRule> rules =
        PolicyFile.parse(
            "policy.toml",
            """
        [[rules]]
        action = "allow"
        tool = "run_command"
        pattern = "mvn *"

        [[rules]]
        action = "DENY"
        tool = "*"
        """,
            RuleScope.PROJECT);

    assertThat(rules)
        .containsExactly(
            new PolicyRule(
                PolicyEffect.ALLOW, "run_command", Optional.of("mvn *"), RuleScope.PROJECT),
            new PolicyRule(PolicyEffect.DENY, "*", Optional.empty(), RuleScope.PROJECT));
  }

  @Test
  void emptyFileHasNoRules() {
    assertThat(PolicyFile.parse("policy.toml", "", RuleScope.USER)).isEmpty();
  }

  @Test
  void invalidTomlIsRefusedNamingTheFile() {
    assertThatThrownBy(
            () -> PolicyFile.parse("/p/.beca/policy.toml", "[[rules]\naction=", RuleScope.USER))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("/p/.beca/policy.toml is not valid TOML");
  }

  @Test
  void typoInAKeyIsRefusedRatherThanDroppingTheRule() {
    assertThatThrownBy(
            () ->
                PolicyFile.parse(
                    "policy.toml",
                    """
        [[rules]]
        action = "deny"
        tool = "write_file"
        patern = "*.lock"
        """,
                    RuleScope.USER))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("rule 1 has an unknown key 'patern'");
  }

  @Test
  void unknownActionOrMissingToolIsRefusedNamingTheRule() {
    assertThatThrownBy(
            () ->
                PolicyFile.parse(
                    "policy.toml", "[[rules]]\naction = \"maybe\"\ntool = \"*\"\n", RuleScope.USER))
        .hasMessageContaining("rule 1: 'maybe' is not a policy action");
    assertThatThrownBy(
            () -> PolicyFile.parse("policy.toml", "[[rules]]\naction = \"deny\"\n", RuleScope.USER))
        .hasMessageContaining("rule 1 needs tool as a string");
    assertThatThrownBy(
            () -> PolicyFile.parse("policy.toml", "mode = \"full-auto\"\n", RuleScope.USER))
        .hasMessageContaining("unknown key 'mode'");
  }

  @Test
  void projectFileOnTheBuilderCanOnlyTighten(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("policy.toml");
    Files.writeString(
        file,
        "[[rules]]\naction = \"allow\"\ntool = \"*\"\n\n"
            + "[[rules]]\naction = \"deny\"\ntool = \"write_file\"\npattern = \"pom.xml\"\n");

    PermissionPolicy policy =
        PermissionPolicy.builder()
            .mode(ApprovalMode.ASK)
            .rulesFrom(file, RuleScope.PROJECT)
            .rulesFrom(dir.resolve("missing.toml"), RuleScope.USER)
            .build();

    RiskAssessment medium = new RiskAssessment(RiskLevel.MEDIUM, "writes inside the project");
    assertThat(policy.decide("write_file", ToolAction.write("src/A.java", "x"), medium).effect())
        .isEqualTo(PolicyEffect.ASK);
    assertThat(policy.decide("write_file", ToolAction.write("pom.xml", "x"), medium).effect())
        .isEqualTo(PolicyEffect.DENY);
  }
}
