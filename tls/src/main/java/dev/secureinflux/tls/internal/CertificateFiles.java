package dev.secureinflux.tls.internal;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/** Reads certificates from PEM, DER and PKCS#7 files. Not API. */
public final class CertificateFiles {
  private CertificateFiles() {}

  /** CA certificates of a trust file. */
  public static List<X509Certificate> readTrusted(Path file) {
    throw new UnsupportedOperationException("not yet");
  }
}
