package dev.beca.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.reflection.ReflectionException;
import org.junit.jupiter.api.Test;

/**
 * The object factory builds this package's package-private row types through their constructors and
 * leaves every other type (the collections MyBatis asks for) to the default factory.
 */
class AccessibleObjectFactoryTest {

  private final AccessibleObjectFactory factory = new AccessibleObjectFactory();

  @Test
  void buildsAPackagePrivateRowThroughItsConstructorEveryTime() {
    List<Class<?>> types = List.of(long.class, long.class);
    for (int i = 0; i < 3; i++) {
      assertThat(factory.create(CandidateRow.class, types, List.of(7L + i, 9L)))
          .isEqualTo(new CandidateRow(7L + i, 9L));
    }
  }

  @Test
  void leavesCollectionsToTheDefaultFactory() {
    assertThat(factory.create(List.class)).isInstanceOf(ArrayList.class);
    assertThat(factory.create(Map.class)).isEmpty();
  }

  @Test
  void aConstructorThatDoesNotExistIsAReflectionError() {
    assertThatThrownBy(
            () -> factory.create(CandidateRow.class, List.of(String.class), List.of("x")))
        .isInstanceOf(ReflectionException.class)
        .hasMessageContaining("CandidateRow");
  }
}
