/**
 * Small helpers shared by the engine, the generators, the CLI and the backends: Python-compatible
 * JSON ({@link dev.phalanx.secrets.support.PythonJson}), the one owner-only atomic file writer
 * ({@link dev.phalanx.secrets.support.OwnerOnlyFiles}) and the one export format ({@link
 * dev.phalanx.secrets.support.ExportFiles}).
 */
@NullMarked
package dev.phalanx.secrets.support;

import org.jspecify.annotations.NullMarked;
