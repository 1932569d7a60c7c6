"""Benchmark of the production stack with wrk (Debian), side by side in one run:

1. an anonymous page through the front cache (Varnish) against nginx serving the same
   bytes as a static file: the cache must reach 25 % of nginx's rate;
2. a project page from gunicorn alone (2 workers, no front cache): 150 requests/s or more;
3. the home page's bytes on the wire through the front cache, uncompressed and compressed.

  .venv/bin/python tests/bench/bench_stack.py [--seconds 10] [--var var/stack]
"""

import argparse
import http.client
import re
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from deploy.stack import Stack  # noqa: E402

FRONT_CACHE_SHARE = 0.25
GUNICORN_RATE = 150


def wrk(url, seconds, connections, threads=2):
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    p99 = re.search(r"99%\s+(\S+)", out).group(1)
    return rate, int(bad.group(1)) if bad else 0, errors.group(1) if errors else "none", p99


def fetch(url):
    with urllib.request.urlopen(url) as response:  # noqa: S310 - local stack only
        return response.read()


def wire_bytes(stack, path, encoding=None):
    """(bytes of the status line, headers and body as sent, Content-Encoding) for one GET."""
    connection = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=30)
    connection.request("GET", path, headers={"Accept-Encoding": encoding} if encoding else {})
    response = connection.getresponse()
    body = response.read()  # http.client does not decode: these are the bytes sent
    head = len(f"HTTP/1.1 {response.status} {response.reason}\r\n\r\n")
    head += sum(len(f"{name}: {value}\r\n") for name, value in response.getheaders())
    connection.close()
    return head + len(body), response.getheader("Content-Encoding")


def compression(stack, path="/"):
    """The home page through the front cache, plain and as browsers ask for it."""
    sizes = {}
    for label, encoding in (("none", None), ("gzip", "gzip"), ("br", "gzip, deflate, br")):
        wire_bytes(stack, path, encoding)  # the front cache keeps one copy per encoding
        sizes[label], sent = wire_bytes(stack, path, encoding)
        assert sent == (encoding and label), f"{label}: sent {sent}"
    print(f"home page on the wire (headers + body, through the front cache): "
          f"uncompressed {sizes['none']} bytes, gzip {sizes['gzip']} bytes, "
          f"brotli {sizes['br']} bytes ({sizes['br'] / sizes['none']:.0%})")  # fmt: skip
    return sizes


def project_page(stack):
    listing = fetch(stack.url + "/projekty/").decode()
    return re.search(r'href="(/projekty/[^"/]+/)"', listing).group(1)


def run(stack, seconds):
    page = project_page(stack)
    body = fetch(stack.url + page)  # the front cache now holds it
    static = Path(stack.var) / "bench" / "page.html"
    static.write_bytes(body)
    nginx_url = f"http://127.0.0.1:{stack.files_port}/bench/page.html"
    assert fetch(nginx_url) == body

    print(f"page {page} ({len(body)} bytes), wrk {seconds} s each, 2 threads, 64 connections")
    cache = wrk(stack.url + page, seconds, 64)
    nginx = wrk(nginx_url, seconds, 64)
    share = cache[0] / nginx[0]
    print(f"  front cache (Varnish): {cache[0]:10.0f} requests/s  p99 {cache[3]:>8}  "
          f"non-2xx {cache[1]}  socket errors {cache[2]}")  # fmt: skip
    print(f"  nginx static file:     {nginx[0]:10.0f} requests/s  p99 {nginx[3]:>8}  "
          f"non-2xx {nginx[1]}  socket errors {nginx[2]}")  # fmt: skip
    print(f"  front cache / nginx = {share:.0%} (target >= {FRONT_CACHE_SHARE:.0%})")

    fetch(stack.app_url + page)
    direct = wrk(stack.app_url + page, seconds, 8, threads=1)
    print(f"  gunicorn alone, {stack.workers} workers: {direct[0]:.0f} requests/s  "
          f"p99 {direct[3]}  non-2xx {direct[1]}  (target >= {GUNICORN_RATE})")  # fmt: skip
    errors = cache[1] + nginx[1] + direct[1]
    wire = compression(stack)
    passed = share >= FRONT_CACHE_SHARE and direct[0] >= GUNICORN_RATE and not errors
    return {
        "front_cache": cache[0], "nginx": nginx[0], "share": share, "gunicorn": direct[0],
        "errors": errors, "passed": passed, "wire": wire,
    }  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--var", default=None, help="stack folder (default: a temporary one)")
    args = parser.parse_args()
    var = args.var or tempfile.mkdtemp(prefix="portal-stack-")
    with Stack(var, port=args.port) as stack:
        ok = run(stack, args.seconds)["passed"]
    print("RESULT:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
