package dev.secureinflux.tls;

/**
 * A protocol version or cipher suite that the policy allows but the running JDK does not support (or has
 * disabled in its {@code java.security}): it is refused instead of silently dropped.
 *
 * @since 0.1
 */
public final class UnsupportedTlsParameterException extends TlsMaterialException {
  private static final long serialVersionUID = 1L;

  /** An unsupported name, described by {@code message}. */
  public UnsupportedTlsParameterException(String message) {
    super(message);
  }
}
