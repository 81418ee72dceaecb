package dev.secureinflux.internal;

import dev.secureinflux.auth.AuthException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.influxdb.InfluxDB;

/**
 * Gives callers the auth module's typed {@link AuthException} instead of influxdb-java's wrappers.
 *
 * <p>{@code AuthInterceptor} fails a request with an {@code AuthFailureIOException} whose cause is the typed
 * exception; influxdb-java wraps that in its {@code InfluxDBIOException} (sync calls) or hands it to failure
 * callbacks. {@link #wrap} rethrows the typed exception from every synchronous call; {@link #callback} and
 * {@link #handler} pass it to callbacks.
 */
final class AuthUnwrapping implements InvocationHandler {
  final InfluxDB delegate;

  private AuthUnwrapping(InfluxDB delegate) {
    this.delegate = delegate;
  }

  /** {@code delegate}, rethrowing the typed {@link AuthException} found in anything a call throws. */
  static InfluxDB wrap(InfluxDB delegate) {
    Objects.requireNonNull(delegate, "delegate == null");
    return (InfluxDB) Proxy.newProxyInstance(InfluxDB.class.getClassLoader(), new Class<?>[] {InfluxDB.class},
        new AuthUnwrapping(delegate));
  }

  /** The typed {@link AuthException} inside {@code failure}, or {@code failure} itself. */
  static Throwable unwrap(Throwable failure) {
    Optional<AuthException> typed = AuthException.unwrap(failure);
    return typed.isPresent() ? typed.get() : failure;
  }

  /** {@code onFailure} receiving unwrapped failures; {@code null} stays {@code null}. */
  static Consumer<Throwable> callback(Consumer<Throwable> onFailure) {
    return onFailure == null ? null : failure -> onFailure.accept(unwrap(failure));
  }

  /** A batch exception handler receiving unwrapped failures; {@code null} stays {@code null}. */
  static <T> BiConsumer<T, Throwable> handler(BiConsumer<T, Throwable> handler) {
    return handler == null ? null : (points, failure) -> handler.accept(points, unwrap(failure));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      switch (method.getName()) {
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        default:
          return "AuthUnwrapping{" + delegate + "}";
      }
    }
    try {
      return method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw unwrap(e.getCause());
    }
  }
}
