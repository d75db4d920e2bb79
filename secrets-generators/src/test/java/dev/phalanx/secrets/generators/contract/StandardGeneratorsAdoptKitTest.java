package dev.phalanx.secrets.generators.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.generators.StandardGenerators;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Guards against a new standard generator type without an adoption of the kit. */
class StandardGeneratorsAdoptKitTest {

  @Test
  @DisplayName("every standard generator type has a contract test class")
  void everyTypeAdopted() {
    List<String> missing =
        StandardGenerators.TYPES.stream().filter(type -> !adopted(type)).toList();
    assertThat(missing).as("types without <Type>GeneratorContractTest").isEmpty();
  }

  private static boolean adopted(String type) {
    StringBuilder name = new StringBuilder();
    for (String part : type.split("-")) {
      name.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
    }
    String className =
        StandardGeneratorsAdoptKitTest.class.getPackageName()
            + "."
            + name
            + "GeneratorContractTest";
    try {
      Class.forName(className);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
