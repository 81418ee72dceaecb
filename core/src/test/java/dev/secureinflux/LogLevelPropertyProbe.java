package dev.secureinflux;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.secureinflux.auth.Credentials;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;

/**
 * Run by {@link LogLevelPropertyIT} in a fresh JVM with {@code -Dorg.influxdb.InfluxDB.logLevel=FULL}: a bare
 * influxdb-java client (the control, which logs) and then the secured client, against a loopback WireMock.
 */
public final class LogLevelPropertyProbe {
  private LogLevelPropertyProbe() {}

  public static void main(String[] args) {
    WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
        .dynamicPort());
    server.start();
    try {
      server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("X-Influxdb-Version", "1.8")
          .withHeader("Content-Type", "application/json").withBody("{\"results\":[{\"statement_id\":0}]}")));
      String url = "http://127.0.0.1:" + server.port();
      try (InfluxDB bare = InfluxDBFactory.connect(url, "control", "control-Secret-1")) {
        bare.query(new Query("CREATE USER \"c\" WITH PASSWORD 'control-Secret-2'"));
      }
      System.out.println("CONTROL-DONE");
      try (InfluxDB secured = SecureInflux.builder().url(url)
          .credentials(Credentials.basic("probe", "probe-Secret-1".toCharArray())).build()) {
        System.out.println("SECURED-START");
        secured.ping();
        secured.query(new Query("CREATE USER \"p\" WITH PASSWORD 'probe-Secret-2'"));
        secured.write("db", "autogen", InfluxDB.ConsistencyLevel.ONE, "m v=1");
      }
      System.out.println("SECURED-DONE");
    } finally {
      server.stop();
    }
  }
}
