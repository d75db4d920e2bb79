package dev.phalanx.secrets.tests.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on the loopback interface that delivers everything the server sends a fixed time
 * later, as {@code bench/delay_proxy.py} does for the CLI benchmarks: requests pass at once, each
 * response reaches the client {@code delay} after the server sent it, connections are kept alive.
 * Unlike WireMock's proxy it parses nothing and opens no second HTTP connection per request, so the
 * time it adds is the delay and little else (BENCHMARKS.md, issue 13). It counts nothing: the
 * benchmark counts requests through {@link VaultSyncBenchmark.Proxy}.
 */
final class DelayProxy implements AutoCloseable {

  private static final byte[] END = new byte[0];

  private final ServerSocket server;
  private final InetSocketAddress upstream;
  private final long delayNanos;
  private final List<Socket> sockets = new ArrayList<>();
  private volatile boolean closed;

  /**
   * Starts the proxy on a free loopback port.
   *
   * @param upstreamPort the server's port on 127.0.0.1
   * @param delayMillis the delay added to what the server sends
   */
  DelayProxy(int upstreamPort, int delayMillis) {
    try {
      this.server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.upstream = new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort);
    this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
    daemon("delay-proxy-accept", this::accept).start();
  }

  /** The proxy's base URL. */
  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Socket target = new Socket();
        target.connect(upstream, 5000);
        client.setTcpNoDelay(true);
        target.setTcpNoDelay(true);
        synchronized (sockets) {
          sockets.add(client);
          sockets.add(target);
        }
        daemon("delay-proxy-up", () -> pump(client, target)).start();
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        daemon("delay-proxy-down", () -> delayed(target, queue)).start();
        daemon("delay-proxy-deliver", () -> deliver(queue, client)).start();
      } catch (IOException e) {
        if (!closed) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /** Client to server, at once. */
  private static void pump(Socket from, Socket to) {
    byte[] buffer = new byte[65536];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      // The connection ended.
    }
  }

  /** Server to client: each chunk stamped with the time it may be delivered. */
  private void delayed(Socket from, BlockingQueue<Chunk> queue) {
    byte[] buffer = new byte[65536];
    try (InputStream in = from.getInputStream()) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        queue.add(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
      }
    } catch (IOException e) {
      // The connection ended.
    }
    queue.add(new Chunk(System.nanoTime() + delayNanos, END));
  }

  private static void deliver(BlockingQueue<Chunk> queue, Socket to) {
    try {
      OutputStream out = to.getOutputStream();
      while (true) {
        Chunk chunk = queue.take();
        long wait = chunk.due() - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        if (chunk.bytes() == END) {
          to.close();
          return;
        }
        out.write(chunk.bytes());
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The client went away.
    }
  }

  private record Chunk(long due, byte[] bytes) {}

  private static Thread daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // Closing.
    }
    synchronized (sockets) {
      for (Socket s : sockets) {
        try {
          s.close();
        } catch (IOException e) {
          // Closing.
        }
      }
    }
  }
}
