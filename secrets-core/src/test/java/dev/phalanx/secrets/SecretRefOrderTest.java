package dev.phalanx.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Secrets sort as Python sorts strings: by code point, not by UTF-16 unit. */
@DisplayName("SecretRef order")
class SecretRefOrderTest {

  /** The order by definition: code point after code point, the shorter first on a tie. */
  private static int byCodePoints(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    for (int k = 0; k < Math.min(x.length, y.length); k++) {
      if (x[k] != y[k]) {
        return Integer.compare(x[k], y[k]);
      }
    }
    return Integer.compare(x.length, y.length);
  }

  @Test
  @DisplayName("a character above U+FFFF sorts after U+E000 to U+FFFF, unlike String.compareTo")
  void supplementaryAfterPrivateUse() {
    String emoji = "a\uD83D\uDE00"; // U+1F600
    String privateUse = "a\uE000";
    assertThat(emoji.compareTo(privateUse)).isNegative();
    assertThat(SecretRef.CODE_POINT_ORDER.compare(emoji, privateUse)).isPositive();
    assertThat(new SecretRef("app", emoji)).isGreaterThan(new SecretRef("app", privateUse));
  }

  @Test
  @DisplayName(
      "agrees in sign with the code point definition on random strings, lone surrogates too")
  void agreesWithTheDefinition() {
    Random random = new Random(13);
    char[] alphabet = {
      'a', 'b', '-', '_', '.', '\u00e9', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uE000', '\uFFFF',
      '\uD83D', '\uDE00'
    };
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(5);
      for (int k = 0; k < length; k++) {
        s.append(alphabet[random.nextInt(alphabet.length)]);
      }
      strings.add(s.toString());
    }
    for (String a : strings) {
      for (String b : strings) {
        assertThat(Integer.signum(SecretRef.CODE_POINT_ORDER.compare(a, b)))
            .as("%s vs %s", a.chars().boxed().toList(), b.chars().boxed().toList())
            .isEqualTo(Integer.signum(byCodePoints(a, b)));
      }
    }
  }
}
