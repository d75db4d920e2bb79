package dev.phalanx.secrets.vault;

/**
 * A successful (2xx) or not-found (404) answer of {@link VaultClient}: its status and its {@link
 * VaultReply body}. The body may hold secrets, so {@link #toString()} prints only the status.
 *
 * @param status the HTTP status: 2xx, or 404
 * @param body the body, read by path
 */
record VaultResponse(int status, VaultReply body) {

  /** Whether the server answered 404. */
  boolean isNotFound() {
    return status == 404;
  }

  @Override
  public String toString() {
    return "VaultResponse[status=" + status + "]";
  }
}
