package dev.secureinflux.internal;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;
import okio.Timeout;

/** A call that is never executed, passed to OkHttp's own listener factory to see which listener it wraps. */
final class ProbeCall implements Call {
  static final ProbeCall INSTANCE = new ProbeCall();

  private static final Request REQUEST = new Request.Builder().url("http://127.0.0.1/").build();

  private ProbeCall() {}

  @Override
  public Request request() {
    return REQUEST;
  }

  @Override
  public Response execute() {
    throw new UnsupportedOperationException("probe call");
  }

  @Override
  public void enqueue(Callback responseCallback) {
    throw new UnsupportedOperationException("probe call");
  }

  @Override
  public void cancel() {}

  @Override
  public boolean isExecuted() {
    return false;
  }

  @Override
  public boolean isCanceled() {
    return true;
  }

  @Override
  public Timeout timeout() {
    return Timeout.NONE;
  }

  @Override
  public Call clone() {
    return this;
  }
}
