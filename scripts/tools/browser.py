"""Serve the built site as a host would, and start Debian's Chromium.

Shared by the browser tests, the benchmark and scripts/tools/screenshot.py. The server
sends the headers in site/_headers (written by scripts/hooks/mkdocs_security_headers.py),
so the tests see the same Content-Security-Policy as readers will, and it can
act as a well-set static host (gzip, cache headers) for the benchmark.
"""
from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import re
import shutil
import sys
import threading
from pathlib import Path
from typing import Iterator

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]
HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)$")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


def chromium_path() -> str | None:
    """CHROMIUM_PATH if set, else Debian's /usr/bin/chromium, else any chromium on PATH."""
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def read_headers(site: Path) -> dict[str, str]:
    headers_file = site / "_headers"
    if not headers_file.exists():
        return {}
    pairs = (line.strip().split(":", 1) for line in headers_file.read_text().splitlines() if line.startswith("  "))
    return {name.strip(): value.strip() for name, value in pairs}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}
    use_gzip = False

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        if self.use_gzip:  # as a well-set host: long cache for files whose names carry a hash
            immutable = HASHED.search(self.path) is not None
            self.send_header("Cache-Control", "public, max-age=31536000, immutable" if immutable else "no-cache")
        super().end_headers()

    def send_head(self):  # gzip like a static host, when asked to
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects /page to /page/
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.use_gzip and accepts_gzip and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def log_message(self, *args) -> None:  # quiet
        pass


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser that closes a connection early (a PDF printed, a page left) is not an
    error: say nothing, instead of the socket server's traceback on stderr."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_site(site: Path, gzip_responses: bool = False) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 with its security headers; yield the base URL."""
    handler = type("Handler", (SiteHandler,), {"extra_headers": read_headers(site), "use_gzip": gzip_responses})
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium():
    """A headless Chromium browser from Playwright, using the system's Chromium."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        raise FileNotFoundError("Chromium not found: apt-get install chromium, or set CHROMIUM_PATH")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()
