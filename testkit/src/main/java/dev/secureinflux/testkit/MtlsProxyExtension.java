package dev.secureinflux.testkit;

import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs one {@link InfluxServer} and one {@link MtlsProxy} in front of it per test class:
 * started before the first test, closed (proxy first) after the last.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final MtlsProxyExtension mtls = MtlsProxyExtension.https();
 *
 * @Test
 * void ping_withClientCertificate_works() {
 *   TestCertificate client = mtls.proxy().newClientCertificate("app");
 *   // connect to mtls.proxy().url() trusting mtls.proxy().serverCaPem(), presenting client
 * }
 * }</pre>
 *
 * <p>Register it on a {@code static} field; test methods and constructors may also take an
 * {@link InfluxServer} or {@link MtlsProxy} parameter. {@code @Nested} classes share the outer class's pair.
 */
public final class MtlsProxyExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver {
  private final InfluxServer.Builder serverBuilder;
  private InfluxServer server;
  private MtlsProxy proxy;
  private String owner;

  private MtlsProxyExtension(InfluxServer.Builder serverBuilder) {
    this.serverBuilder = serverBuilder;
  }

  /** A default {@link InfluxServer} (HTTPS, auth on) behind a default {@link MtlsProxy}. */
  public static MtlsProxyExtension https() {
    return of(InfluxServer.builder());
  }

  /** An {@link InfluxServer} started from {@code serverBuilder} behind a default {@link MtlsProxy}. */
  public static MtlsProxyExtension of(InfluxServer.Builder serverBuilder) {
    return new MtlsProxyExtension(Objects.requireNonNull(serverBuilder, "serverBuilder == null"));
  }

  /**
   * The InfluxDB server behind the proxy.
   *
   * @throws IllegalStateException before the class's tests start or after they end
   */
  public InfluxServer server() {
    requireRunning();
    return server;
  }

  /**
   * The running proxy.
   *
   * @throws IllegalStateException before the class's tests start or after they end
   */
  public MtlsProxy proxy() {
    requireRunning();
    return proxy;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (proxy != null) {
      return;
    }
    InfluxServer started = serverBuilder.start();
    try {
      proxy = MtlsProxy.start(started);
    } catch (RuntimeException | Error e) {
      started.close();
      throw e;
    }
    server = started;
    owner = context.getUniqueId();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (proxy == null) {
      throw new IllegalStateException("MtlsProxyExtension was registered on an instance field: "
          + "make the @RegisterExtension field static so one server and proxy run per test class");
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (proxy == null || !context.getUniqueId().equals(owner)) {
      return;
    }
    try {
      proxy.close();
    } finally {
      try {
        server.close();
      } finally {
        proxy = null;
        server = null;
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == InfluxServer.class || type == MtlsProxy.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == MtlsProxy.class ? proxy() : server();
  }

  /** Format unspecified; never contains secrets. */
  @Override
  public String toString() {
    return "MtlsProxyExtension[" + (proxy == null ? "not running" : proxy) + "]";
  }

  private void requireRunning() {
    if (proxy == null) {
      throw new IllegalStateException("no MtlsProxy running: register MtlsProxyExtension with "
          + "@RegisterExtension on a static field and use it from a test or @BeforeAll/@BeforeEach");
    }
  }
}
