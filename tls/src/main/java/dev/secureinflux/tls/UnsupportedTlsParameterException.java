package dev.secureinflux.tls;

/**
 * A protocol version or cipher suite that the policy allows and the caller asked for, but that the running JDK
 * does not support: it is refused instead of silently dropped. (Policy defaults the JDK lacks are left out with a
 * warning; when none is left, this is thrown too.)
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
