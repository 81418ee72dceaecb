package dev.secureinflux.tls.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factory whose sockets have only the policy's protocols and cipher suites enabled; each socket comes
 * from the factory current at its creation (the JDK context changes with each reload). Not API.
 */
public final class PolicySocketFactory extends SSLSocketFactory {
  private final Supplier<SSLSocketFactory> delegate;
  private final TlsPolicy policy;

  /** Sockets of the factory {@code delegate} gives at each creation, restricted to {@code policy}. */
  public PolicySocketFactory(Supplier<SSLSocketFactory> delegate, TlsPolicy policy) {
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
    return restrict(delegate.get().createSocket());
  }

  @Override
  public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
    return restrict(delegate.get().createSocket(s, host, port, autoClose));
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return restrict(delegate.get().createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return restrict(delegate.get().createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return restrict(delegate.get().createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return restrict(delegate.get().createSocket(address, port, localAddress, localPort));
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
