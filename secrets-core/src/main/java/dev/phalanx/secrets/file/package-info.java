/** Local file backends: the {@code file} store and the static-secrets file source. */
@NullMarked
package dev.phalanx.secrets.file;

import org.jspecify.annotations.NullMarked;
