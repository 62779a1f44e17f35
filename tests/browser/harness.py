"""What the browser tests and `make screenshots` share: the list of real pages of a built site, a local
web server for it, and headless Chromium from Debian (never a browser downloaded by Playwright)."""

from __future__ import annotations

import contextlib
import functools
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HOST = "127.0.0.1"
REDIRECT_MARK = '<meta http-equiv="refresh"'


def real_pages(site: Path) -> list[str]:
    """URL paths ("/", "/actions/", …) of every index.html of the build that is a page, not a redirect stub."""
    urls = []
    for html in site.rglob("index.html"):
        if REDIRECT_MARK in html.read_text(encoding="utf-8"):
            continue
        relative = html.parent.relative_to(site).as_posix()
        urls.append("/" if relative == "." else f"/{relative}/")
    return sorted(urls)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # `format`: the stdlib's signature
        pass


@contextlib.contextmanager
def serve(site: Path, handler_class: type[SimpleHTTPRequestHandler] = _QuietHandler):
    """Serve `site` on 127.0.0.1 on a free port, in a thread, with `handler_class` (which finds the site as its
    `site` attribute); yields the base URL (no trailing slash)."""
    handler = functools.partial(type("Handler", (handler_class,), {"site": site}), directory=str(site))
    server = ThreadingHTTPServer((HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextlib.contextmanager
def chromium(playwright):
    """Debian's Chromium, headless, every background service that could go on the network turned off.

    Whatever a page asks for, nothing leaves 127.0.0.1: every other host goes through a "proxy" that is a
    local port nobody listens on, so the request fails at once (pages still report it, so the privacy tests
    see it). Unlike request interception, this keeps the browser's cache on.
    """
    closed = socket.socket()
    closed.bind((HOST, 0))  # bound, never listening: connections to it are refused
    try:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
            proxy={"server": f"http://{HOST}:{closed.getsockname()[1]}", "bypass": HOST})
        try:
            yield browser
        finally:
            browser.close()
    finally:
        closed.close()


class NotFoundHandler(SimpleHTTPRequestHandler):
    """Serves the site (`site`, set on a subclass), and its 404.html for any missing address, as hosting
    services do."""

    site: Path

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (self.site / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # `format`: the stdlib's signature
        pass
