package dev.secureinflux;

import dev.secureinflux.testkit.TestCertificate;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;

/** Writes a test certificate's private key as passphrase-encrypted PKCS#8 PEM (AES-256-CBC), mode 600. */
final class EncryptedKeys {
  private EncryptedKeys() {}

  static Path writePkcs8(TestCertificate certificate, String passphrase, Path file) throws Exception {
    JceOpenSSLPKCS8EncryptorBuilder encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
        .setProvider(new BouncyCastleProvider()).setPassword(passphrase.toCharArray());
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      writer.writeObject(new JcaPKCS8Generator(certificate.keyPair().getPrivate(), encryptor.build()));
    }
    Files.writeString(file, pem.toString());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }
}
