package dev.secureinflux.tls;

import java.security.cert.CertificateException;
import java.util.Objects;

/**
 * A server certificate (or the handshake that carried it) refused by the policy of a {@link TlsConfig}.
 *
 * <p>JSSE reports it as the cause of the {@code SSLHandshakeException} the client sees; {@link #reason()}
 * tells which rule refused, the message names the certificate (subject), the host and the fix. Messages never
 * contain key bytes or passwords.
 *
 * @since 0.1
 */
public final class CertificateRejectedException extends CertificateException {
  private static final long serialVersionUID = 1L;

  /** Which rule of the policy refused the certificate. */
  public enum Reason {
    /** No path from the server's certificate to a trust anchor or fingerprint. */
    UNTRUSTED,
    /** A certificate of the path has expired (at the configured clock). */
    EXPIRED,
    /** A certificate of the path is not valid yet (at the configured clock). */
    NOT_YET_VALID,
    /** The host name or IP address is not among the certificate's subjectAltNames. */
    HOSTNAME_MISMATCH,
    /** A certificate below the trust anchor is signed with SHA-1 or MD5. */
    WEAK_SIGNATURE,
    /** An RSA key under 2048 bits, an EC key under 256 bits, or a key algorithm the policy does not accept. */
    WEAK_KEY,
    /** An intermediate certificate that is not a CA (basicConstraints). */
    NOT_A_CA,
    /**
     * The server certificate's extended key usage does not allow serverAuth, or its keyUsage extension lacks
     * digitalSignature.
     */
    WRONG_KEY_USAGE,
    /** None of the configured pins matches the verified chain. */
    PIN_MISMATCH,
    /** The handshake had no peer host name, so the host name could not be checked. */
    NO_PEER_HOST,
    /** The negotiated protocol version is outside the policy (a socket or engine was widened by hand). */
    PROTOCOL_NOT_ALLOWED,
    /** The negotiated cipher suite is outside the policy (a socket or engine was widened by hand). */
    CIPHER_SUITE_NOT_ALLOWED,
    /**
     * A name of a certificate in the path (a subjectAltName of the server's certificate, a subject), or the host
     * name connected to, lies outside the name constraints of a CA above it: an intermediate's, or the trust
     * anchor's own (a private CA limited to its domain).
     */
    NAME_NOT_PERMITTED,
    /**
     * The path was refused by PKIX validation for another reason (signature, name chaining, other constraints), or
     * it cannot be checked (name constraints the validators cannot apply, a corrupt extension).
     */
    INVALID_CHAIN,
    /** The trust manager was asked to check a client certificate; it only checks servers. */
    NOT_A_SERVER_CHECK
  }

  private final Reason reason;

  /** A refusal for {@code reason}, described by {@code message}. */
  public CertificateRejectedException(Reason reason, String message) {
    super(Objects.requireNonNull(message, "message == null"));
    this.reason = Objects.requireNonNull(reason, "reason == null");
  }

  /** A refusal for {@code reason}, described by {@code message}, caused by {@code cause}. */
  public CertificateRejectedException(Reason reason, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message == null"), cause);
    this.reason = Objects.requireNonNull(reason, "reason == null");
  }

  /** The rule that refused the certificate. */
  public Reason reason() {
    return reason;
  }
}
