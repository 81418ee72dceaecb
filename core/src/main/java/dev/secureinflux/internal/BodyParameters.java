package dev.secureinflux.internal;

import java.io.IOException;
import okhttp3.FormBody;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.influxdb.dto.Query;

/**
 * Sends a POST statement's bound parameters in the request body, as a {@code params} form field next to the
 * statement's {@code q}.
 *
 * <p>influxdb-java 2.25 cannot: for a POST query with bound parameters, {@code query(Query)} and
 * {@code query(Query, onSuccess, onFailure)} call the Retrofit method {@code postQuery(db, epoch, q)} with
 * {@code (db, statement, parameters)}, so the statement lands in {@code epoch=} in the URL, the parameters become
 * the statement, and the server runs nothing; its {@code TimeUnit} and chunked overloads put the parameters in the
 * URL. So {@link #query} hands influxdb-java a query that reports no bound parameters (every overload then takes
 * its POST method with the statement as the only form field) and whose encoded statement carries the encoded
 * parameters behind {@link #MARKER}; this interceptor, the second application interceptor (before the user's and
 * influxdb-java's), splits that field into {@code q} and {@code params}.
 *
 * <p>The marker cannot come out of influxdb-java's {@code Query.encode} (which percent-encodes every {@code %}),
 * and OkHttp's form encoding keeps it as it is. Were it ever to reach a server undecoded, its invalid percent
 * escape would make the server drop the field ({@code missing required parameter "q"}) rather than run a
 * different statement.
 */
public final class BodyParameters implements Interceptor {
  /** Separates the encoded statement from its encoded parameters inside the {@code q} form field. */
  static final String MARKER = "%.params.";

  /** {@code original} (which has bound parameters) as a POST whose parameters travel in the body. */
  static Query query(Query original) {
    return new BodyQuery(original);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!"POST".equals(request.method()) || !(request.body() instanceof FormBody)) {
      return chain.proceed(request);
    }
    FormBody form = (FormBody) request.body();
    int marked = -1;
    for (int i = 0; i < form.size(); i++) {
      if (form.encodedName(i).equals("q") && form.encodedValue(i).contains(MARKER)) {
        marked = i;
        break;
      }
    }
    if (marked < 0) {
      return chain.proceed(request);
    }
    FormBody.Builder body = new FormBody.Builder();
    for (int i = 0; i < form.size(); i++) {
      if (i == marked) {
        String value = form.encodedValue(i);
        int at = value.indexOf(MARKER);
        body.addEncoded("q", value.substring(0, at));
        body.addEncoded("params", value.substring(at + MARKER.length()));
      } else {
        body.addEncoded(form.encodedName(i), form.encodedValue(i));
      }
    }
    return chain.proceed(request.newBuilder().post(body.build()).build());
  }

  @Override
  public String toString() {
    return "BodyParameters";
  }

  /** A POST query that influxdb-java sees without parameters; they ride in its encoded statement. */
  private static final class BodyQuery extends Query {
    private final Query original;

    BodyQuery(Query original) {
      super(original.getCommand(), original.getDatabase(), true);
      this.original = original;
    }

    /** False, so that every influxdb-java overload takes its POST method with the statement in the body. */
    @Override
    public boolean hasBoundParameters() {
      return false;
    }

    @Override
    public String getCommandWithUrlEncoded() {
      return super.getCommandWithUrlEncoded() + MARKER + original.getParameterJsonWithUrlEncoded();
    }

    @Override
    public String getParameterJsonWithUrlEncoded() {
      return original.getParameterJsonWithUrlEncoded();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof BodyQuery && original.equals(((BodyQuery) other).original);
    }

    @Override
    public int hashCode() {
      return original.hashCode();
    }
  }
}
