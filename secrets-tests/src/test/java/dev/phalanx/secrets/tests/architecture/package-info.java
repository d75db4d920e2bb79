/** Architecture rules of the library modules, checked on their compiled classes. */
@NullMarked
package dev.phalanx.secrets.tests.architecture;

import org.jspecify.annotations.NullMarked;
