package dev.secureinflux.testkit.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;

/** Small JDK HTTP calls the servers use on themselves: readiness probes and admin statements. */
public final class Http {
  private Http() {}

  /** An HTTP/1.1 client that never follows redirects, using {@code tls} for https (null: plain HTTP only). */
  public static HttpClient client(SSLContext tls) {
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .proxy(HttpClient.Builder.NO_PROXY)
        .connectTimeout(Duration.ofSeconds(2));
    if (tls != null) {
      builder.sslContext(tls);
    }
    return builder.build();
  }

  /**
   * GET {@code uri}; the status code, or the exception text if it did not answer within 5 s. Gives up early once
   * {@code alive} turns false, so a listener that accepts but never answers (another process on the port) does not
   * hold the caller after the server it waits for has exited.
   */
  public static String probe(HttpClient client, URI uri, BooleanSupplier alive) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
    CompletableFuture<HttpResponse<Void>> answer = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    while (true) {
      try {
        return Integer.toString(answer.get(100, TimeUnit.MILLISECONDS).statusCode());
      } catch (TimeoutException e) {
        if (!alive.getAsBoolean()) {
          answer.cancel(true);
          return "no answer: the process exited";
        }
      } catch (ExecutionException e) {
        return String.valueOf(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        answer.cancel(true);
        return e.toString();
      }
    }
  }

  /** POST {@code body} with {@code contentType} to {@code uri}, with an Authorization header if not null. */
  public static HttpResponse<String> post(HttpClient client, URI uri, String contentType, String body,
      String authorization) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** {@code application/x-www-form-urlencoded} text of {@code form}. */
  public static String form(Map<String, String> form) {
    StringJoiner out = new StringJoiner("&");
    form.forEach((k, v) -> out.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return out.toString();
  }

  /** The value of a {@code Basic} Authorization header (UTF-8). */
  public static String basic(String user, char[] password) {
    CharBuffer joined = CharBuffer.allocate(user.length() + 1 + password.length);
    joined.put(user).put(':').put(password).flip();
    var bytes = StandardCharsets.UTF_8.encode(joined);
    byte[] raw = new byte[bytes.remaining()];
    bytes.get(raw);
    String header = "Basic " + Base64.getEncoder().encodeToString(raw);
    java.util.Arrays.fill(raw, (byte) 0);
    java.util.Arrays.fill(joined.array(), '\0');
    return header;
  }
}
