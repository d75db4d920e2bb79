package dev.phalanx.secrets.http;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** A transport that answers from a script: statuses, or failures to throw. */
final class Scripted implements Transport {

  final List<URI> seen = new ArrayList<>();
  private final Deque<Object> script = new ArrayDeque<>();

  Scripted then(int status) {
    script.add(new Response(status, Map.of(), new byte[0]));
    return this;
  }

  Scripted then(int status, String header, String value) {
    script.add(new Response(status, Map.of(header, List.of(value)), new byte[0]));
    return this;
  }

  Scripted thenFail(IOException e) {
    script.add(e);
    return this;
  }

  @Override
  public Response send(Request request) throws IOException {
    seen.add(request.uri());
    Object next = script.isEmpty() ? new Response(200, Map.of(), new byte[0]) : script.poll();
    if (next instanceof IOException e) {
      throw e;
    }
    return (Response) next;
  }

  static Request get(String uri) {
    return Request.get(URI.create(uri), Map.of("Authorization", "Bearer t"));
  }
}
