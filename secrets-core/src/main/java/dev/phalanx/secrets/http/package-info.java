/**
 * The one HTTP seam for backend implementers (stores and sources that talk to a server over {@code
 * java.net.http}): a {@link dev.phalanx.secrets.http.Transport} and its request and response, the
 * one retry policy, the one redirect rule, timeouts on every request, the common option names
 * ({@link dev.phalanx.secrets.http.HttpSettings}), the classification of failures without a
 * response ({@link dev.phalanx.secrets.http.HttpFailure}) and the redaction of error texts ({@link
 * dev.phalanx.secrets.http.Redactor}).
 *
 * <p>{@link dev.phalanx.secrets.http.BackendHttp#open} builds the whole stack. Not for users of the
 * library: nothing here is needed to load a store or run a sync. Nothing in this package logs a
 * header or a body.
 */
@NullMarked
package dev.phalanx.secrets.http;

import org.jspecify.annotations.NullMarked;
