package dev.phalanx.secrets.onepassword;

/**
 * A vault or item as a Connect list returns it.
 *
 * @param id the id
 * @param title the vault {@code name} or item {@code title}, empty when absent
 */
record ConnectSummary(String id, String title) {}
