package dev.phalanx.secrets.testkit.openbao;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class against an OpenBao dev server, injected as an {@link OpenBaoServer}
 * parameter (constructor, lifecycle or test method).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(OpenBaoExtension.class)
public @interface OpenBao {

  /**
   * Whether the server listens with TLS ({@code -dev-tls}); its CA is then {@link
   * OpenBaoServer#caCertificate()}.
   *
   * @return true for TLS
   */
  boolean tls() default false;

  /**
   * Whether to share one server among every class of the test run that asks for the same {@link
   * #tls()} (stopped at the end of the run) instead of one server per class.
   *
   * @return true to share
   */
  boolean shared() default false;
}
