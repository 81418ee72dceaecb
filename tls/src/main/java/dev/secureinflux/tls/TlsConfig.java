package dev.secureinflux.tls;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS settings that cannot be made insecure. SHELL: signatures agreed for parallel work.
 */
public final class TlsConfig implements AutoCloseable {
  /** TLS protocol versions allowed, newest first. */
  public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private TlsConfig() {}

  public static Builder builder() {
    return new Builder();
  }

  public SSLContext sslContext() {
    throw new UnsupportedOperationException("not yet");
  }

  public X509TrustManager trustManager() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Sockets from this factory have only the policy's protocols and cipher suites enabled. */
  public SSLSocketFactory socketFactory() {
    throw new UnsupportedOperationException("not yet");
  }

  /** subjectAltName-only host name rule (and exact match for fingerprinted server certificates). */
  public HostnameVerifier hostnameVerifier() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Parameters for {@code java.net.http.HttpClient.Builder.sslParameters}. */
  public SSLParameters sslParameters() {
    throw new UnsupportedOperationException("not yet");
  }

  public List<String> protocols() {
    throw new UnsupportedOperationException("not yet");
  }

  public List<String> cipherSuites() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Re-reads the files now; on failure keeps the old material and throws. */
  public void reload() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Stops file watching, if any. */
  @Override
  public void close() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Called after new material was swapped in. */
  @FunctionalInterface
  public interface ReloadListener {
    void reloaded(TlsConfig config);
  }

  public static final class Builder {
    private Builder() {}

    public Builder trust(TrustMaterial trust) {
      throw new UnsupportedOperationException("not yet");
    }

    public Builder identity(KeyMaterial identity) {
      throw new UnsupportedOperationException("not yet");
    }

    /** {@code sha256/<base64 of SubjectPublicKeyInfo>}; checked in addition to validation. */
    public Builder addPin(String pin) {
      throw new UnsupportedOperationException("not yet");
    }

    public Builder protocols(String... protocols) {
      throw new UnsupportedOperationException("not yet");
    }

    public Builder cipherSuites(String... cipherSuites) {
      throw new UnsupportedOperationException("not yet");
    }

    /** Watch the files and reload when they change, polling at {@code interval} as the fallback. */
    public Builder reloading(Duration interval) {
      throw new UnsupportedOperationException("not yet");
    }

    public Builder addReloadListener(ReloadListener listener) {
      throw new UnsupportedOperationException("not yet");
    }

    /** For tests: the clock that validity checks use. Default: the system clock. */
    public Builder clock(Clock clock) {
      throw new UnsupportedOperationException("not yet");
    }

    public TlsConfig build() {
      throw new UnsupportedOperationException("not yet");
    }
  }
}
