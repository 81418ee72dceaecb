package dev.secureinflux.testkit;

import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs one {@link InfluxServer} per test class: started before the first test, closed
 * after the last.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final InfluxServerExtension influx = InfluxServerExtension.https();
 *
 * @Test
 * void query_asAdmin_works() {
 *   influx.server().query("SHOW DATABASES");
 * }
 * }</pre>
 *
 * <p>Register it on a {@code static} field; test methods and constructors may also take an
 * {@link InfluxServer} parameter. {@code @Nested} classes share the outer class's server.
 */
public final class InfluxServerExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver {
  private final Supplier<InfluxServer> starter;
  private InfluxServer server;
  private String owner;

  private InfluxServerExtension(Supplier<InfluxServer> starter) {
    this.starter = starter;
  }

  /** The default server: HTTPS, auth on, admin user created. */
  public static InfluxServerExtension https() {
    return of(InfluxServer.builder());
  }

  /** A server with HTTPS off ({@code http://127.0.0.1:PORT}) and auth on. */
  public static InfluxServerExtension plainHttp() {
    return of(InfluxServer.builder().https(false));
  }

  /** A server started from {@code builder} (configured before the class's tests run). */
  public static InfluxServerExtension of(InfluxServer.Builder builder) {
    Objects.requireNonNull(builder, "builder == null");
    return new InfluxServerExtension(builder::start);
  }

  /**
   * The running server.
   *
   * @throws IllegalStateException before the class's tests start or after they end
   */
  public InfluxServer server() {
    if (server == null) {
      throw new IllegalStateException("no InfluxServer running: register InfluxServerExtension with "
          + "@RegisterExtension on a static field and call server() from a test or @BeforeAll/@BeforeEach");
    }
    return server;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (server == null) {
      server = starter.get();
      owner = context.getUniqueId();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (server == null) {
      throw new IllegalStateException("InfluxServerExtension was registered on an instance field: "
          + "make the @RegisterExtension field static so one server runs per test class");
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null && context.getUniqueId().equals(owner)) {
      try {
        server.close();
      } finally {
        server = null;
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == InfluxServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server();
  }

  /** Format unspecified; never contains secrets. */
  @Override
  public String toString() {
    return "InfluxServerExtension[" + (server == null ? "not running" : server) + "]";
  }
}
