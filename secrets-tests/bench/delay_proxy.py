#!/usr/bin/env python3
"""A TCP proxy that delays everything the server sends by a fixed time (default 20 ms).

Used for the side-by-side CLI benchmarks of BENCHMARKS.md: each HTTP response reaches the client
DELAY later than the server sent it, as the WireMock proxy of the engine benchmarks does
(``withFixedDelay(20)``). Requests go through at once; connections are kept alive.

    python3 delay_proxy.py LISTEN_PORT UPSTREAM_HOST UPSTREAM_PORT [DELAY_MS]
"""
import asyncio
import sys


async def pipe(reader, writer, delay):
    loop = asyncio.get_running_loop()
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            if delay:
                loop.call_later(delay, writer.write, data)
            else:
                writer.write(data)
                await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        if delay:
            await asyncio.sleep(delay)
        try:
            writer.close()
        except Exception:
            pass


async def main():
    listen, host, port = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    delay = (float(sys.argv[4]) if len(sys.argv) > 4 else 20.0) / 1000.0

    async def handle(client_reader, client_writer):
        try:
            up_reader, up_writer = await asyncio.open_connection(host, port)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(
            pipe(client_reader, up_writer, 0), pipe(up_reader, client_writer, delay)
        )

    server = await asyncio.start_server(handle, "127.0.0.1", listen)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
