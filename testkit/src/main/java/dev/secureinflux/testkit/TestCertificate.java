package dev.secureinflux.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate and its private key from a throwaway test PKI: roots, intermediates, server and client leaves,
 * with chosen validity, key type, signature algorithm, subjectAltNames and key usages.
 *
 * <p>Signing and key generation use the JDK's own providers; BouncyCastle only assembles the certificate
 * structure, so no JVM-wide provider is registered. Test use only: keys live in memory and in temp files.
 *
 * <pre>{@code
 * TestCertificate root = TestCertificate.builder().commonName("Test Root").ca().build();
 * TestCertificate server = TestCertificate.builder().issuer(root).localhostServer().build();
 * }</pre>
 */
public final class TestCertificate {
  /** Key algorithms the PKI can generate. */
  public enum KeyType {
    EC_P256("EC", "secp256r1", "SHA256withECDSA"),
    EC_P384("EC", "secp384r1", "SHA384withECDSA"),
    RSA_1024("RSA", "1024", "SHA256withRSA"),
    RSA_2048("RSA", "2048", "SHA256withRSA"),
    RSA_3072("RSA", "3072", "SHA256withRSA"),
    ED25519("Ed25519", null, "Ed25519");

    final String algorithm;
    final String parameter;
    final String defaultSignature;

    KeyType(String algorithm, String parameter, String defaultSignature) {
      this.algorithm = algorithm;
      this.parameter = parameter;
      this.defaultSignature = defaultSignature;
    }

    KeyPair generate() {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
          generator.initialize(new ECGenParameterSpec(parameter));
        } else if (algorithm.equals("RSA")) {
          generator.initialize(Integer.parseInt(parameter));
        }
        return generator.generateKeyPair();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot generate " + this + " key", e);
      }
    }
  }

  private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() & 0xffffffffL);

  private final X509Certificate certificate;
  private final KeyPair keyPair;
  private final List<X509Certificate> chain;

  private TestCertificate(X509Certificate certificate, KeyPair keyPair, List<X509Certificate> chain) {
    this.certificate = certificate;
    this.keyPair = keyPair;
    this.chain = List.copyOf(chain);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A self-signed root CA with an EC P-256 key, valid from an hour ago for ten years. */
  public static TestCertificate newRootCa(String commonName) {
    return builder().commonName(commonName).ca().build();
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public KeyPair keyPair() {
    return keyPair;
  }

  /** This certificate followed by its issuers up to, but not including, a self-signed root (what a peer sends). */
  public List<X509Certificate> chain() {
    return chainWithoutRoot();
  }

  /** This certificate, its issuers, and the root, leaf first. */
  public List<X509Certificate> chainWithRoot() {
    return chain;
  }

  public String certificatePem() {
    return pem("CERTIFICATE", encoded(certificate));
  }

  /** {@link #chain()} as concatenated PEM blocks, leaf first. */
  public String chainPem() {
    StringBuilder out = new StringBuilder();
    for (X509Certificate c : chainWithoutRoot()) {
      out.append(pem("CERTIFICATE", encoded(c)));
    }
    return out.toString();
  }

  /** The private key as unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}). */
  public String privateKeyPem() {
    return pem("PRIVATE KEY", keyPair.getPrivate().getEncoded());
  }

  /** Writes {@link #certificatePem()} to {@code file} and returns it. */
  public Path writeCertificatePem(Path file) {
    return write(file, certificatePem());
  }

  /** Writes {@link #chainPem()} to {@code file} and returns it. */
  public Path writeChainPem(Path file) {
    return write(file, chainPem());
  }

  /** Writes {@link #privateKeyPem()} to {@code file} with mode 600 where POSIX permissions exist. */
  public Path writePrivateKeyPem(Path file) {
    write(file, privateKeyPem());
    ownerOnly(file);
    return file;
  }

  /**
   * A key store of {@code type} ("PKCS12" or "JKS") holding this key and {@link #chain()} under {@code alias},
   * written to {@code file} with mode 600.
   */
  public Path writeKeyStore(Path file, String type, String alias, char[] storePassword, char[] keyPassword) {
    try {
      KeyStore store = KeyStore.getInstance(type);
      store.load(null, null);
      store.setKeyEntry(alias, keyPair.getPrivate(), keyPassword, chain().toArray(new Certificate[0]));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, storePassword);
      Files.write(file, out.toByteArray());
      ownerOnly(file);
      return file;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build " + type + " key store", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A trust store of {@code type} holding {@code certificates} as trusted entries, written to {@code file}. */
  public static Path writeTrustStore(Path file, String type, char[] storePassword, X509Certificate... certificates) {
    try {
      KeyStore store = KeyStore.getInstance(type);
      store.load(null, null);
      for (int i = 0; i < certificates.length; i++) {
        store.setCertificateEntry("ca-" + i, certificates[i]);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      store.store(out, storePassword);
      Files.write(file, out.toByteArray());
      return file;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build " + type + " trust store", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** PEM text of one block. */
  public static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private List<X509Certificate> chainWithoutRoot() {
    List<X509Certificate> out = new ArrayList<>();
    for (X509Certificate c : chain) {
      if (c == certificate || !isSelfSigned(c)) {
        out.add(c);
      }
    }
    return List.copyOf(out);
  }

  private static boolean isSelfSigned(X509Certificate c) {
    return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
  }

  private static byte[] encoded(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.US_ASCII);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void ownerOnly(Path file) {
    try {
      if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Builds one certificate. Defaults: EC P-256, valid from one hour ago for 10 years, no SANs, not a CA. */
  public static final class Builder {
    private String commonName = "Test Certificate";
    private String organization = "secureinflux tests";
    private TestCertificate issuer;
    private KeyType keyType = KeyType.EC_P256;
    private KeyPair keyPair;
    private String signatureAlgorithm;
    private Instant notBefore = Instant.now().minus(Duration.ofHours(1));
    private Instant notAfter = notBefore.plus(Duration.ofDays(3650));
    private boolean ca;
    private Integer pathLength;
    private boolean basicConstraints = true;
    private final List<GeneralName> sans = new ArrayList<>();
    private final List<KeyPurposeId> extendedKeyUsages = new ArrayList<>();
    private final List<GeneralSubtree> permitted = new ArrayList<>();
    private final List<GeneralSubtree> excluded = new ArrayList<>();
    private Integer keyUsage;

    private Builder() {}

    public Builder commonName(String commonName) {
      this.commonName = Objects.requireNonNull(commonName, "commonName == null");
      return this;
    }

    public Builder organization(String organization) {
      this.organization = Objects.requireNonNull(organization, "organization == null");
      return this;
    }

    /** Signed by {@code issuer}'s key; without it the certificate is self-signed. */
    public Builder issuer(TestCertificate issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer == null");
      return this;
    }

    public Builder keyType(KeyType keyType) {
      this.keyType = Objects.requireNonNull(keyType, "keyType == null");
      return this;
    }

    /** Reuses an existing key pair (for example to re-issue a certificate for the same key). */
    public Builder keyPair(KeyPair keyPair) {
      this.keyPair = Objects.requireNonNull(keyPair, "keyPair == null");
      return this;
    }

    /** JCA signature name such as {@code SHA1withRSA}; default follows the issuer's key type. */
    public Builder signatureAlgorithm(String signatureAlgorithm) {
      this.signatureAlgorithm = Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm == null");
      return this;
    }

    public Builder validity(Instant notBefore, Instant notAfter) {
      this.notBefore = Objects.requireNonNull(notBefore, "notBefore == null");
      this.notAfter = Objects.requireNonNull(notAfter, "notAfter == null");
      return this;
    }

    /** Valid from one hour ago for {@code lifetime}. */
    public Builder validFor(Duration lifetime) {
      this.notBefore = Instant.now().minus(Duration.ofHours(1));
      this.notAfter = Instant.now().plus(lifetime);
      return this;
    }

    /** A CA certificate: basicConstraints CA=true, keyUsage keyCertSign and cRLSign. */
    public Builder ca() {
      this.ca = true;
      return this;
    }

    public Builder pathLength(int pathLength) {
      this.pathLength = pathLength;
      return this;
    }

    /** Omits the basicConstraints extension entirely. */
    public Builder withoutBasicConstraints() {
      this.basicConstraints = false;
      return this;
    }

    public Builder addDnsSan(String name) {
      sans.add(new GeneralName(GeneralName.dNSName, name));
      return this;
    }

    public Builder addIpSan(String address) {
      sans.add(new GeneralName(GeneralName.iPAddress, address));
      return this;
    }

    /** Adds a permitted dNSName subtree to a (critical) nameConstraints extension, e.g. {@code internal.example}. */
    public Builder permitDns(String domain) {
      permitted.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, domain)));
      return this;
    }

    /** Adds an excluded dNSName subtree to a (critical) nameConstraints extension. */
    public Builder excludeDns(String domain) {
      excluded.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, domain)));
      return this;
    }

    /** Adds a permitted iPAddress subtree, {@code address/prefixLength}, to a nameConstraints extension. */
    public Builder permitIp(String cidr) {
      permitted.add(new GeneralSubtree(new GeneralName(GeneralName.iPAddress, cidr)));
      return this;
    }

    /** Adds an excluded iPAddress subtree, {@code address/prefixLength}, to a nameConstraints extension. */
    public Builder excludeIp(String cidr) {
      excluded.add(new GeneralSubtree(new GeneralName(GeneralName.iPAddress, cidr)));
      return this;
    }

    /** Adds a permitted subtree of any name type (an x400Address, a registeredID) to the nameConstraints. */
    public Builder permitSubtree(GeneralName base) {
      permitted.add(new GeneralSubtree(Objects.requireNonNull(base, "base == null")));
      return this;
    }

    /** Adds an excluded subtree of any name type (an x400Address, a registeredID) to the nameConstraints. */
    public Builder excludeSubtree(GeneralName base) {
      excluded.add(new GeneralSubtree(Objects.requireNonNull(base, "base == null")));
      return this;
    }

    public Builder serverAuth() {
      extendedKeyUsages.add(KeyPurposeId.id_kp_serverAuth);
      return this;
    }

    public Builder clientAuth() {
      extendedKeyUsages.add(KeyPurposeId.id_kp_clientAuth);
      return this;
    }

    /** BouncyCastle {@link KeyUsage} bits; default digitalSignature (and keyEncipherment for RSA) on leaves. */
    public Builder keyUsage(int bits) {
      this.keyUsage = bits;
      return this;
    }

    /** CN=localhost, SANs localhost, 127.0.0.1 and ::1, EKU serverAuth. */
    public Builder localhostServer() {
      return commonName("localhost").addDnsSan("localhost").addIpSan("127.0.0.1").addIpSan("::1").serverAuth();
    }

    public TestCertificate build() {
      KeyPair keys = keyPair != null ? keyPair : keyType.generate();
      KeyPair signer = issuer != null ? issuer.keyPair : keys;
      String algorithm = signatureAlgorithm != null ? signatureAlgorithm : defaultSignature(signer);
      X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
          .addRDN(BCStyle.O, organization)
          .addRDN(BCStyle.CN, commonName)
          .build();
      X500Name issuerName = issuer != null
          ? X500Name.getInstance(issuer.certificate.getSubjectX500Principal().getEncoded())
          : subject;
      try {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
            issuerName,
            BigInteger.valueOf(SERIALS.incrementAndGet()).shiftLeft(32).or(BigInteger.valueOf(new SecureRandom().nextInt() & 0x7fffffff)),
            Date.from(notBefore),
            Date.from(notAfter),
            subject,
            keys.getPublic());
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
            utils.createAuthorityKeyIdentifier(signer.getPublic()));
        if (basicConstraints) {
          BasicConstraints constraints = ca
              ? (pathLength != null ? new BasicConstraints(pathLength) : new BasicConstraints(true))
              : new BasicConstraints(false);
          builder.addExtension(Extension.basicConstraints, true, constraints);
        }
        int usage = keyUsage != null ? keyUsage
            : ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature
            : keys.getPublic().getAlgorithm().equals("RSA")
                ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                : KeyUsage.digitalSignature;
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
        if (!sans.isEmpty()) {
          builder.addExtension(Extension.subjectAlternativeName, false,
              new GeneralNames(sans.toArray(new GeneralName[0])));
        }
        if (!permitted.isEmpty() || !excluded.isEmpty()) {
          builder.addExtension(Extension.nameConstraints, true, new NameConstraints(
              permitted.isEmpty() ? null : permitted.toArray(new GeneralSubtree[0]),
              excluded.isEmpty() ? null : excluded.toArray(new GeneralSubtree[0])));
        }
        if (!extendedKeyUsages.isEmpty()) {
          builder.addExtension(Extension.extendedKeyUsage, false,
              new ExtendedKeyUsage(extendedKeyUsages.toArray(new KeyPurposeId[0])));
        }
        X509Certificate certificate = new JcaX509CertificateConverter()
            .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        if (issuer != null) {
          chain.addAll(issuer.chain);
        }
        return new TestCertificate(certificate, keys, chain);
      } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
        throw new IllegalStateException("cannot issue test certificate " + commonName, e);
      }
    }

    private static String defaultSignature(KeyPair signer) {
      switch (signer.getPrivate().getAlgorithm()) {
        case "RSA":
          return "SHA256withRSA";
        case "EC":
          return "SHA256withECDSA";
        case "EdDSA": // the JDK's name for Ed25519 keys; the signature name BouncyCastle knows is Ed25519
        case "Ed25519":
          return "Ed25519";
        default:
          return signer.getPrivate().getAlgorithm();
      }
    }
  }
}
