package dev.phalanx.secrets.vault.admin;

import dev.phalanx.secrets.SecretValue;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders a Kubernetes {@code Secret} for vault-secrets-operator, values base64 in {@code data}.
 */
final class KubernetesSecrets {

  static final String NAMESPACE = "vault-secrets-operator";
  private static final Pattern NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private KubernetesSecrets() {}

  static String render(String name, Map<String, SecretValue> data) {
    if (name.length() > 253 || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid Kubernetes Secret name '" + name + "': use lowercase letters, digits, '-', '.'");
    }
    StringBuilder out = new StringBuilder();
    out.append("apiVersion: v1\n");
    out.append("kind: Secret\n");
    out.append("metadata:\n");
    out.append("  name: ").append(name).append('\n');
    out.append("  namespace: ").append(NAMESPACE).append('\n');
    out.append("data:\n");
    data.forEach(
        (k, v) ->
            out.append("  ")
                .append(k)
                .append(": ")
                .append(Base64.getEncoder().encodeToString(v.revealUtf8()))
                .append('\n'));
    out.append("type: Opaque\n");
    return out.toString();
  }
}
