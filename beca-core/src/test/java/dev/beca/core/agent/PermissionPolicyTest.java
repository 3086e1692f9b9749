package dev.beca.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PermissionPolicyTest {

  private static final ToolAction WRITE = ToolAction.write("src/Main.java", "x");
  private static final ToolAction COMMAND = ToolAction.command("git push --force origin main");

  private static RiskAssessment risk(RiskLevel level) {
    return new RiskAssessment(level, "test");
  }

  static Stream<Arguments> decisionTable() {
    return Stream.of(
        Arguments.of(ApprovalMode.READ_ONLY, RiskLevel.LOW, PolicyEffect.ALLOW),
        Arguments.of(ApprovalMode.READ_ONLY, RiskLevel.MEDIUM, PolicyEffect.DENY),
        Arguments.of(ApprovalMode.READ_ONLY, RiskLevel.HIGH, PolicyEffect.DENY),
        Arguments.of(ApprovalMode.READ_ONLY, RiskLevel.CRITICAL, PolicyEffect.DENY),
        Arguments.of(ApprovalMode.ASK, RiskLevel.LOW, PolicyEffect.ALLOW),
        Arguments.of(ApprovalMode.ASK, RiskLevel.MEDIUM, PolicyEffect.ASK),
        Arguments.of(ApprovalMode.ASK, RiskLevel.HIGH, PolicyEffect.ASK),
        Arguments.of(ApprovalMode.ASK, RiskLevel.CRITICAL, PolicyEffect.DENY),
        Arguments.of(ApprovalMode.AUTO_EDIT, RiskLevel.LOW, PolicyEffect.ALLOW),
        Arguments.of(ApprovalMode.AUTO_EDIT, RiskLevel.MEDIUM, PolicyEffect.ALLOW),
        Arguments.of(ApprovalMode.AUTO_EDIT, RiskLevel.HIGH, PolicyEffect.ASK),
        Arguments.of(ApprovalMode.AUTO_EDIT, RiskLevel.CRITICAL, PolicyEffect.DENY),
        Arguments.of(ApprovalMode.FULL_AUTO, RiskLevel.LOW, PolicyEffect.ALLOW),
        Arguments.of(ApprovalMode.FULL_AUTO, RiskLevel.MEDIUM, PolicyEffect.ALLOW),
        Arguments.of(ApprovalMode.FULL_AUTO, RiskLevel.HIGH, PolicyEffect.ALLOW),
        Arguments.of(ApprovalMode.FULL_AUTO, RiskLevel.CRITICAL, PolicyEffect.DENY));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("decisionTable")
  void modeDecidesByRiskWithoutRules(ApprovalMode mode, RiskLevel level, PolicyEffect expected) {
    PolicyDecision decision =
        PermissionPolicy.builder().mode(mode).build().decide("any_tool", WRITE, risk(level));

    assertThat(decision.effect()).isEqualTo(expected);
  }

  @Test
  void criticalDenialNamesTheReason() {
    PolicyDecision decision =
        PermissionPolicy.builder()
            .mode(ApprovalMode.FULL_AUTO)
            .build()
            .decide(
                "run_command",
                COMMAND,
                new RiskAssessment(RiskLevel.CRITICAL, "command force-pushes"));

    assertThat(decision.rule())
        .contains("critical risk (command force-pushes) is denied in every mode");
  }

  @Test
  void userRuleThatNamesACriticalCallLetsItThrough() {
    PermissionPolicy policy =
        PermissionPolicy.builder()
            .mode(ApprovalMode.ASK)
            .rule(PolicyRule.user(PolicyEffect.ASK, "run_command", "git push --force origin *"))
            .build();

    PolicyDecision decision = policy.decide("run_command", COMMAND, risk(RiskLevel.CRITICAL));

    assertThat(decision.effect()).isEqualTo(PolicyEffect.ASK);
    assertThat(decision.rule())
        .isEqualTo("user rule: ask run_command \"git push --force origin *\"");
  }

  @Test
  void userRuleForAWholeToolDoesNotUnlockCriticalCalls() {
    PermissionPolicy policy =
        PermissionPolicy.builder()
            .mode(ApprovalMode.FULL_AUTO)
            .rule(PolicyRule.user(PolicyEffect.ALLOW, "run_command", null))
            .rule(PolicyRule.user(PolicyEffect.ALLOW, "*", "*"))
            .build();

    assertThat(policy.decide("run_command", COMMAND, risk(RiskLevel.CRITICAL)).effect())
        .isEqualTo(PolicyEffect.DENY);
  }

  @Test
  void userAllowRuleLoosensAskMode() {
    PermissionPolicy policy =
        PermissionPolicy.builder()
            .mode(ApprovalMode.ASK)
            .rule(PolicyRule.user(PolicyEffect.ALLOW, "run_command", "mvn *"))
            .build();

    assertThat(
            policy
                .decide("run_command", ToolAction.command("mvn -q test"), risk(RiskLevel.HIGH))
                .effect())
        .isEqualTo(PolicyEffect.ALLOW);
    assertThat(
            policy
                .decide("run_command", ToolAction.command("gradle test"), risk(RiskLevel.HIGH))
                .effect())
        .isEqualTo(PolicyEffect.ASK);
  }

  @Test
  void allowRuleMustMatchEverySimpleCommandOfACompoundLine() {
    PermissionPolicy policy =
        PermissionPolicy.builder()
            .mode(ApprovalMode.ASK)
            .rule(PolicyRule.user(PolicyEffect.ALLOW, "run_command", "mvn *"))
            .build();

    assertThat(
            policy
                .decide(
                    "run_command", ToolAction.command("mvn test; rm -r src"), risk(RiskLevel.HIGH))
                .effect())
        .isEqualTo(PolicyEffect.ASK);
    assertThat(
            policy
                .decide(
                    "run_command",
                    ToolAction.command("mvn clean && mvn test"),
                    risk(RiskLevel.HIGH))
                .effect())
        .isEqualTo(PolicyEffect.ALLOW);
  }

  @Test
  void ruleNamingACriticalCommandDoesNotCoverAnotherOneChainedToIt() {
    PermissionPolicy policy =
        PermissionPolicy.builder()
            .mode(ApprovalMode.FULL_AUTO)
            .rule(PolicyRule.user(PolicyEffect.ALLOW, "run_command", "git push --force origin *"))
            .build();

    assertThat(
            policy
                .decide(
                    "run_command",
                    ToolAction.command("git push --force origin main; sudo reboot"),
                    risk(RiskLevel.CRITICAL))
                .effect())
        .isEqualTo(PolicyEffect.DENY);
  }

  @Test
  void denyRuleCatchesAnySimpleCommandOfACompoundLine() {
    PermissionPolicy policy =
        PermissionPolicy.builder()
            .mode(ApprovalMode.FULL_AUTO)
            .rule(PolicyRule.project(PolicyEffect.DENY, "run_command", "git push*"))
            .build();

    assertThat(
            policy
                .decide(
                    "run_command",
                    ToolAction.command("mvn test && git push origin main"),
                    risk(RiskLevel.HIGH))
                .effect())
        .isEqualTo(PolicyEffect.DENY);
  }

  @Test
  void strictestMatchingUserRuleWins() {
    PermissionPolicy policy =
        PermissionPolicy.builder()
            .mode(ApprovalMode.FULL_AUTO)
            .rule(PolicyRule.user(PolicyEffect.ALLOW, "write_file", "*"))
            .rule(PolicyRule.user(PolicyEffect.DENY, "write_file", "*.lock"))
            .rule(PolicyRule.user(PolicyEffect.ASK, "*", "package*"))
            .build();

    assertThat(
            policy
                .decide("write_file", ToolAction.write("package.lock", "x"), risk(RiskLevel.MEDIUM))
                .effect())
        .isEqualTo(PolicyEffect.DENY);
    assertThat(
            policy
                .decide("write_file", ToolAction.write("package.json", "x"), risk(RiskLevel.MEDIUM))
                .effect())
        .isEqualTo(PolicyEffect.ASK);
    assertThat(
            policy
                .decide("write_file", ToolAction.write("src/A.java", "x"), risk(RiskLevel.MEDIUM))
                .effect())
        .isEqualTo(PolicyEffect.ALLOW);
  }

  @Test
  void projectAllowRuleCannotLoosenTheModeOrAUserRule() {
    PermissionPolicy policy =
        PermissionPolicy.builder()
            .mode(ApprovalMode.ASK)
            .rule(PolicyRule.project(PolicyEffect.ALLOW, "*", null))
            .rule(
                PolicyRule.project(
                    PolicyEffect.ALLOW, "run_command", "git push --force origin main"))
            .rule(PolicyRule.user(PolicyEffect.DENY, "write_file", "*.lock"))
            .build();

    assertThat(policy.decide("write_file", WRITE, risk(RiskLevel.MEDIUM)).effect())
        .isEqualTo(PolicyEffect.ASK);
    assertThat(
            policy
                .decide("write_file", ToolAction.write("a.lock", "x"), risk(RiskLevel.MEDIUM))
                .effect())
        .isEqualTo(PolicyEffect.DENY);
    assertThat(policy.decide("run_command", COMMAND, risk(RiskLevel.CRITICAL)).effect())
        .isEqualTo(PolicyEffect.DENY);
  }

  @Test
  void projectRuleTightensTheUsersPolicy() {
    PermissionPolicy policy =
        PermissionPolicy.builder()
            .mode(ApprovalMode.FULL_AUTO)
            .rule(PolicyRule.user(PolicyEffect.ALLOW, "run_command", "*"))
            .rule(PolicyRule.project(PolicyEffect.DENY, "run_command", "docker *"))
            .rule(PolicyRule.project(PolicyEffect.ASK, "write_file", "pom.xml"))
            .build();

    PolicyDecision docker =
        policy.decide("run_command", ToolAction.command("docker run x"), risk(RiskLevel.HIGH));
    assertThat(docker.effect()).isEqualTo(PolicyEffect.DENY);
    assertThat(docker.rule()).isEqualTo("project rule: deny run_command \"docker *\"");
    assertThat(
            policy
                .decide("write_file", ToolAction.write("pom.xml", "x"), risk(RiskLevel.MEDIUM))
                .effect())
        .isEqualTo(PolicyEffect.ASK);
  }

  @Test
  void readOnlyModeCannotBeLoosenedByUserRules() {
    PermissionPolicy policy =
        PermissionPolicy.builder()
            .mode(ApprovalMode.READ_ONLY)
            .rule(PolicyRule.user(PolicyEffect.ALLOW, "write_file", "*"))
            .build();

    PolicyDecision decision = policy.decide("write_file", WRITE, risk(RiskLevel.MEDIUM));

    assertThat(decision.effect()).isEqualTo(PolicyEffect.DENY);
    assertThat(decision.rule()).isEqualTo("mode read-only: medium risk is denied");
  }

  @Test
  void userRuleCanTightenALowRiskRead() {
    PermissionPolicy policy =
        PermissionPolicy.builder()
            .mode(ApprovalMode.FULL_AUTO)
            .rule(PolicyRule.user(PolicyEffect.DENY, "read_file", "*.pem"))
            .build();

    assertThat(
            policy
                .decide("read_file", ToolAction.read("certs/server.pem"), risk(RiskLevel.LOW))
                .effect())
        .isEqualTo(PolicyEffect.DENY);
  }

  @Test
  void modeNamesParseAndUnknownNamesSayWhatIsAllowed() {
    assertThat(ApprovalMode.parse("auto-edit")).isEqualTo(ApprovalMode.AUTO_EDIT);
    assertThat(ApprovalMode.parse(" Read-Only ")).isEqualTo(ApprovalMode.READ_ONLY);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApprovalMode.parse("yolo"))
        .hasMessageContaining("Use one of read-only, ask, auto-edit, full-auto");
  }
}
