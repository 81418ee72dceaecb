/** TLS material and policy for any Java TLS client; depends on the JDK and BouncyCastle only. */
module dev.secureinflux.tls {
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;

  exports dev.secureinflux.tls;
}
