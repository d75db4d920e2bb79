package dev.phalanx.secrets.vault.admin;

import dev.phalanx.secrets.vault.VaultConnection;
import java.util.Map;

/**
 * The credential names and policy texts of DESIGN §7, derived from an environment's prefix {@code
 * <mount>/<path>}: policies {@code <path>/read} and {@code <path>/write}, and {@code N}, the last
 * component of the path, as the read AppRole's name and the write token's display name.
 */
final class Policies {

  private final String mount;
  private final String path;

  private Policies(String mount, String path) {
    this.mount = mount;
    this.path = path;
  }

  /** From a prefix already checked by the connection: {@code <mount>/<path>}. */
  static Policies of(String prefix) {
    int slash = prefix.indexOf('/');
    return new Policies(prefix.substring(0, slash), prefix.substring(slash + 1));
  }

  /** The last path component: the AppRole name and the write token's display name. */
  String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  String readPolicyName() {
    return path + "/read";
  }

  String writePolicyName() {
    return path + "/write";
  }

  /**
   * The read policy of DESIGN §7, byte for byte as Phalanx renders it: its template rendered by
   * Jinja, which drops the final newline, so the text ends with {@code }}.
   */
  String readPolicy() {
    return String.join(
        "\n",
        block(mount + "/data/" + path + "/+", "\"read\""),
        block(mount + "/metadata/" + path + "/+", "\"list\", \"read\""));
  }

  /** The write policy of DESIGN §7, byte for byte as Phalanx renders it (no final newline). */
  String writePolicy() {
    String data = "\"create\", \"delete\", \"read\", \"update\"";
    String meta = "\"delete\", \"list\", \"read\", \"update\"";
    return String.join(
        "\n",
        block(mount + "/data/" + path, data),
        block(mount + "/data/" + path + "/+", data),
        block(mount + "/metadata/" + path, meta),
        block(mount + "/metadata/" + path + "/+", meta),
        block(mount + "/delete/" + path + "/+", "\"update\""),
        block(mount + "/destroy/" + path + "/+", "\"update\""),
        block(mount + "/undelete/" + path + "/+", "\"update\""));
  }

  /** Creates or replaces a policy. */
  void put(VaultConnection vault, String name, String text) {
    vault.put("sys/policies/acl/" + name, Map.of("policy", text));
  }

  private static String block(String path, String capabilities) {
    return "path \"" + path + "\" {\n  capabilities = [" + capabilities + "]\n}";
  }
}
