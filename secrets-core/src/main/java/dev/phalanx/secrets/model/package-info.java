/**
 * The secrets model: specifications as written, the four kinds of required secret, environment
 * settings.
 */
@NullMarked
package dev.phalanx.secrets.model;

import org.jspecify.annotations.NullMarked;
