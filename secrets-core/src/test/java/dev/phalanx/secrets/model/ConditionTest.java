package dev.phalanx.secrets.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConditionTest {

  static Stream<Arguments> truthiness() {
    return Stream.of(
        Arguments.of("true", true, true),
        Arguments.of("false", false, false),
        Arguments.of("non-zero integer", 1, true),
        Arguments.of("negative integer", -3, true),
        Arguments.of("zero", 0, false),
        Arguments.of("long zero", 0L, false),
        Arguments.of("non-zero float", 0.5, true),
        Arguments.of("float zero", 0.0, false),
        Arguments.of("negative float zero", -0.0, false),
        Arguments.of("big integer", new BigInteger("100000000000000000000"), true),
        Arguments.of("non-empty string", "x", true),
        Arguments.of("string 'false' is non-empty", "false", true),
        Arguments.of("empty string", "", false),
        Arguments.of("non-empty list", List.of(0), true),
        Arguments.of("empty list", List.of(), false),
        Arguments.of("non-empty map", Map.of("a", false), true),
        Arguments.of("empty map", Map.of(), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("truthiness")
  void finalValueFollowsPythonTruthiness(String name, Object value, boolean expected) {
    assertThat(new Condition("a.b").test(Map.of("a", Map.of("b", value)))).isEqualTo(expected);
    assertThat(Condition.isTruthy(value)).isEqualTo(expected);
  }

  @Test
  void nullIsFalse() {
    Map<String, Object> inner = new HashMap<>();
    inner.put("b", null);
    assertThat(new Condition("a.b").test(Map.of("a", inner))).isFalse();
    assertThat(Condition.isTruthy(null)).isFalse();
  }

  @Test
  void missingStepsAreFalse() {
    assertThat(new Condition("a.b").test(Map.of())).isFalse();
    assertThat(new Condition("a.b").test(Map.of("a", Map.of()))).isFalse();
    assertThat(new Condition("a.b.c").test(Map.of("a", Map.of("b", Map.of("x", true))))).isFalse();
  }

  @Test
  void anIntermediateStepThatIsNotAMappingIsFalse() {
    assertThat(new Condition("a.b").test(Map.of("a", "b"))).isFalse();
    assertThat(new Condition("a.b").test(Map.of("a", true))).isFalse();
    assertThat(new Condition("a.0").test(Map.of("a", List.of(true)))).isFalse();
    assertThat(new Condition("a.b.c").test(Map.of("a", Map.of("b", 1)))).isFalse();
  }

  @Test
  void deepPathsAreFollowed() {
    Map<String, Object> values =
        Map.of("config", Map.of("oidcServer", Map.of("enabled", true, "off", false)));
    assertThat(new Condition("config.oidcServer.enabled").test(values)).isTrue();
    assertThat(new Condition("config.oidcServer.off").test(values)).isFalse();
    assertThat(new Condition("config.oidcServer").test(values)).isTrue();
  }

  @Test
  void aSingleStepLooksAtTheTopLevel() {
    assertThat(new Condition("enabled").test(Map.of("enabled", true))).isTrue();
    assertThat(new Condition("enabled").test(Map.of("enabled", 0))).isFalse();
  }

  @Test
  void stepsSplitOnDots() {
    assertThat(new Condition("a.b.c").steps()).isEqualTo(Arrays.asList("a", "b", "c"));
    assertThat(new Condition("a.b.c")).hasToString("a.b.c");
  }

  @Test
  void anEmptyPathIsRejected() {
    // An empty 'if' means no condition (the parser never builds one); a blank path is a path.
    assertThatThrownBy(() -> new Condition("")).isInstanceOf(IllegalArgumentException.class);
    assertThat(new Condition(" ").test(Map.of("a", true))).isFalse();
    assertThat(new Condition(" ").test(Map.of(" ", true))).isTrue();
  }

  @Test
  void anEmptyStepLooksForTheEmptyKeySoIsNormallyFalse() {
    Map<String, Object> values = Map.of("a", Map.of("b", true));
    assertThat(new Condition("a..b").test(values)).isFalse();
    assertThat(new Condition("a.").test(values)).isFalse();
    assertThat(new Condition(".a").test(values)).isFalse();
    assertThat(new Condition("a.").test(Map.of("a", Map.of("", 1)))).isTrue();
  }

  @Test
  void stepsMatchOnlyStringKeysAsInPhalanx() {
    Map<Object, Object> ports = new HashMap<>();
    ports.put(80, true);
    ports.put(Boolean.TRUE, true);
    Map<Object, Object> values = Map.of("ports", ports);
    assertThat(new Condition("ports.80").test(values)).isFalse();
    assertThat(new Condition("ports.true").test(values)).isFalse();
    ports.put("80", true);
    assertThat(new Condition("ports.80").test(values)).isTrue();
  }

  @Test
  void aKeyPresentWithNullStopsTheWalk() {
    Map<String, Object> inner = new HashMap<>();
    inner.put("b", null);
    assertThat(new Condition("a.b.c").test(Map.of("a", inner))).isFalse();
  }
}
