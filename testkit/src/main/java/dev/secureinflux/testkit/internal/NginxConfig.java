package dev.secureinflux.testkit.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the nginx config of the mutual-TLS proxy, or of a stub that answers itself: one server on 127.0.0.1,
 * everything in one directory.
 */
public final class NginxConfig {
  /**
   * The access log line, tab-separated (nginx escapes tabs, quotes and other control bytes inside values, so a tab
   * always separates fields): time, method, path without query string (no {@code u}/{@code p} parameters), status,
   * client-certificate verification, subject DN, serial, the connection's serial number and whether its TLS session
   * was resumed ({@code r}, else {@code .}).
   */
  public static final String ACCESS_LOG_FORMAT =
      "$msec\\t$request_method\\t$uri\\t$status\\t$ssl_client_verify\\t$ssl_client_s_dn\\t$ssl_client_serial"
          + "\\t$connection\\t$ssl_session_reused";

  /** The stub's answer to {@code /query}: one series with one row, whatever the statement. */
  public static final String STUB_QUERY_RESULT = "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"one\","
      + "\"columns\":[\"time\",\"v\"],\"values\":[[\"2024-01-01T00:00:00Z\",1]]}]}]}";

  private NginxConfig() {}

  /** Client certificates required, every path proxied; see the full {@code render}. */
  public static String render(Path dir, int port, boolean runAsRoot, int upstreamPort, Path upstreamCa) {
    return render(dir, port, runAsRoot, upstreamPort, upstreamCa, "on", List.of(), 0);
  }

  /** nginx's own {@code keepalive_requests}; see the full {@code render}. */
  public static String render(Path dir, int port, boolean runAsRoot, int upstreamPort, Path upstreamCa,
      String verifyClient, List<String> allowPaths) {
    return render(dir, port, runAsRoot, upstreamPort, upstreamCa, verifyClient, allowPaths, 0);
  }

  /**
   * The config text of the proxy.
   *
   * @param dir the proxy's directory (pid, logs, temp paths live under it)
   * @param port listen port on 127.0.0.1
   * @param runAsRoot whether nginx runs as root (then workers stay root so they can use {@code dir}, mode 700)
   * @param upstreamPort the upstream's port on 127.0.0.1
   * @param upstreamCa CA file to verify an HTTPS upstream as {@code localhost}, or null for a plain-HTTP upstream
   * @param verifyClient {@code ssl_verify_client}: {@code on}, {@code optional} or {@code off} (then no
   *     {@code ssl_client_certificate} either)
   * @param allowPaths exact paths proxied besides {@code /ping}, every other path answering 404; empty: every path
   *     proxied. Each must be checked by the caller (letters, digits, {@code /_.-} only)
   * @param keepaliveRequests {@code keepalive_requests} (requests per client connection before nginx closes it), or
   *     0 for nginx's default (1000)
   */
  public static String render(Path dir, int port, boolean runAsRoot, int upstreamPort, Path upstreamCa,
      String verifyClient, List<String> allowPaths, int keepaliveRequests) {
    StringBuilder out = new StringBuilder();
    head(out, dir, runAsRoot);
    server(out, dir, port, verifyClient, keepaliveRequests);
    if (allowPaths.isEmpty()) {
      proxyLocation(out, "/", upstreamPort, upstreamCa);
    } else {
      List<String> proxied = new ArrayList<>(List.of("/ping"));
      allowPaths.stream().filter(p -> !proxied.contains(p)).forEach(proxied::add);
      for (String path : proxied) {
        proxyLocation(out, "= " + path, upstreamPort, upstreamCa);
      }
      notFound(out, "this proxy forwards only " + String.join(" and ", proxied));
    }
    out.append("  }\n");
    out.append("}\n");
    return out.toString();
  }

  /**
   * The config text of a stub with no upstream, answering at once: {@code /ping} and {@code /write} 204,
   * {@code /query} 200 with {@link #STUB_QUERY_RESULT}, anything else 404 (JSON); every answer carries
   * {@code X-Influxdb-Version: stub}. Request bodies are read and discarded.
   *
   * @param verifyClient as for {@code render}
   * @param keepaliveRequests as for {@code render}
   */
  public static String renderStub(Path dir, int port, boolean runAsRoot, String verifyClient,
      int keepaliveRequests) {
    StringBuilder out = new StringBuilder();
    head(out, dir, runAsRoot);
    server(out, dir, port, verifyClient, keepaliveRequests);
    out.append("    add_header X-Influxdb-Version stub always;\n");
    out.append("    add_header X-Influxdb-Build OSS always;\n");
    out.append("    location = /ping {\n      return 204;\n    }\n");
    out.append("    location = /write {\n      return 204;\n    }\n");
    out.append("    location = /query {\n      default_type application/json;\n      return 200 '")
        .append(STUB_QUERY_RESULT).append("';\n    }\n");
    notFound(out, "this stub answers only /ping, /write and /query");
    out.append("  }\n");
    out.append("}\n");
    return out.toString();
  }

  private static void head(StringBuilder out, Path dir, boolean runAsRoot) {
    out.append("# Generated by the secureinflux testkit. Listens on 127.0.0.1 only.\n");
    if (runAsRoot) {
      out.append("user root root;\n");
    }
    out.append("worker_processes 1;\n");
    out.append("worker_shutdown_timeout 10s;\n");
    out.append("pid ").append(q(dir.resolve("nginx.pid"))).append(";\n");
    out.append("error_log ").append(q(dir.resolve("nginx.log"))).append(" info;\n");
    out.append("events {\n  worker_connections 256;\n}\n");
    out.append("http {\n");
    out.append("  log_format secureinflux '").append(ACCESS_LOG_FORMAT).append("';\n");
    out.append("  access_log ").append(q(dir.resolve("access.log"))).append(" secureinflux;\n");
    for (String temp : new String[] {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
      out.append("  ").append(temp).append("_temp_path ").append(q(dir.resolve("tmp").resolve(temp))).append(";\n");
    }
    out.append("  client_max_body_size 0;\n");
  }

  private static void server(StringBuilder out, Path dir, int port, String verifyClient, int keepaliveRequests) {
    out.append("  server {\n");
    out.append("    listen 127.0.0.1:").append(port).append(" ssl;\n");
    out.append("    server_name localhost;\n");
    out.append("    ssl_certificate ").append(q(dir.resolve("server.pem"))).append(";\n");
    out.append("    ssl_certificate_key ").append(q(dir.resolve("server-key.pem"))).append(";\n");
    out.append("    ssl_protocols TLSv1.2 TLSv1.3;\n");
    if (!verifyClient.equals("off")) {
      out.append("    ssl_client_certificate ").append(q(dir.resolve("client-ca.pem"))).append(";\n");
    }
    out.append("    ssl_verify_client ").append(verifyClient).append(";\n");
    out.append("    ssl_verify_depth 4;\n");
    if (keepaliveRequests > 0) {
      out.append("    keepalive_requests ").append(keepaliveRequests).append(";\n");
    }
  }

  private static void notFound(StringBuilder out, String what) {
    out.append("    location / {\n");
    out.append("      default_type application/json;\n");
    out.append("      return 404 '{\"error\":\"not found: ").append(what).append("\"}';\n");
    out.append("    }\n");
  }

  private static void proxyLocation(StringBuilder out, String location, int upstreamPort, Path upstreamCa) {
    out.append("    location ").append(location).append(" {\n");
    if (upstreamCa != null) {
      out.append("      proxy_pass https://127.0.0.1:").append(upstreamPort).append(";\n");
      out.append("      proxy_ssl_verify on;\n");
      out.append("      proxy_ssl_name localhost;\n");
      out.append("      proxy_ssl_trusted_certificate ").append(q(upstreamCa)).append(";\n");
      out.append("      proxy_ssl_protocols TLSv1.2 TLSv1.3;\n");
      out.append("      proxy_ssl_verify_depth 4;\n");
    } else {
      out.append("      proxy_pass http://127.0.0.1:").append(upstreamPort).append(";\n");
    }
    out.append("      proxy_http_version 1.1;\n");
    out.append("      proxy_set_header Connection \"\";\n");
    out.append("      proxy_set_header Host $host;\n");
    out.append("      proxy_buffering off;\n");
    out.append("      proxy_request_buffering off;\n");
    out.append("      proxy_read_timeout 300s;\n");
    out.append("    }\n");
  }

  /** A double-quoted nginx string; refuses characters that would need escaping. */
  static String q(Path path) {
    String value = path.toString();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || c == '$' || c == 0x7f) {
        throw new IllegalArgumentException("path " + value + " has a character nginx config cannot hold at index " + i);
      }
    }
    return "\"" + value + "\"";
  }
}
