"""A stand-in for the Central Portal's upload endpoint, for .ci/central-bundle-check.

python3 fake_central.py PORT_FILE OUT_FILE: listens on a free loopback port (written to
PORT_FILE), stores the bundle of the first upload in OUT_FILE and answers with a deployment id,
so the release profile runs to its end without anything leaving the machine.
"""

import http.server
import sys


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int(self.rfile.readline().strip(), 16)
                if size == 0:
                    self.rfile.readline()
                    break
                body += self.rfile.read(size)
                self.rfile.readline()
        else:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        start = body.find(b"PK\x03\x04")
        end = body.rfind(b"PK\x05\x06")
        if start >= 0 and end > start:
            comment = int.from_bytes(body[end + 20 : end + 22], "little")
            with open(OUT, "wb") as f:
                f.write(body[start : end + 22 + comment])
        self.send_response(201)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"00000000-0000-0000-0000-000000000000")

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"deploymentState":"VALIDATED","errors":{}}')

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    OUT = sys.argv[2]
    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    with open(sys.argv[1], "w") as f:
        f.write(str(server.server_port))
    server.serve_forever()
