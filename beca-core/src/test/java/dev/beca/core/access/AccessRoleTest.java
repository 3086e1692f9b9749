package dev.beca.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class AccessRoleTest {

  @Test
  void eachRoleIncludesTheOnesBelowItOnly() {
    assertThat(AccessRole.ADMIN.includes(AccessRole.VIEWER)).isTrue();
    assertThat(AccessRole.OPERATOR.includes(AccessRole.OPERATOR)).isTrue();
    assertThat(AccessRole.OPERATOR.includes(AccessRole.ADMIN)).isFalse();
    assertThat(AccessRole.VIEWER.includes(AccessRole.OPERATOR)).isFalse();
  }

  @Test
  void parseIgnoresCaseAndNamesTheRolesWhenItRefuses() {
    assertThat(AccessRole.parse(" Admin ")).isEqualTo(AccessRole.ADMIN);
    assertThatThrownBy(() -> AccessRole.parse("root"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("viewer, operator, admin");
  }
}
