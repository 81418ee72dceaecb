package dev.secureinflux.tls.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Objects;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** Socket factory whose sockets have only the policy's protocols and cipher suites enabled. Not API. */
public final class PolicySocketFactory extends SSLSocketFactory {
  private final SSLSocketFactory delegate;
  private final TlsPolicy policy;

  /** Sockets of {@code delegate}, restricted to {@code policy}. */
  public PolicySocketFactory(SSLSocketFactory delegate, TlsPolicy policy) {
    this.delegate = Objects.requireNonNull(delegate, "delegate == null");
    this.policy = Objects.requireNonNull(policy, "policy == null");
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return policy.cipherSuites().toArray(new String[0]);
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return policy.cipherSuites().toArray(new String[0]);
  }

  @Override
  public Socket createSocket() throws IOException {
    return restrict(delegate.createSocket());
  }

  @Override
  public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
    return restrict(delegate.createSocket(s, host, port, autoClose));
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return restrict(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return restrict(delegate.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return restrict(delegate.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return restrict(delegate.createSocket(address, port, localAddress, localPort));
  }

  private Socket restrict(Socket socket) throws IOException {
    if (!(socket instanceof SSLSocket)) {
      socket.close();
      throw new IOException("the JDK socket factory returned a socket that is not an SSLSocket: "
          + socket.getClass().getName());
    }
    return policy.apply((SSLSocket) socket);
  }
}
