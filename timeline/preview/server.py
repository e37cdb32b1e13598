"""The preview's HTTP server: the built folder, a reload signal, the problems.

Pages are read from the preview's folder as they are on disk (a file is
replaced in one step, never served half-written). Every HTML page gets a
small script that waits for the preview's next version (one long-lived
request; no polling loop while nothing changes) and reloads the page then;
while content is invalid, every page also shows the problems
(``path:line: field: message``) above the last good version of the page.
Nothing here is part of the built site: the identity test compares the
folder, not what the server adds.
"""

from __future__ import annotations

import html
import json
import posixpath
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from timeline.content.problems import errors

WAIT_PATH = "/__timeline_preview/wait"
WAIT_SECONDS = 25
TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
    ".json": "application/json", ".xml": "application/xml", ".csv": "text/csv; charset=utf-8",
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".woff2": "font/woff2", ".txt": "text/plain; charset=utf-8",
}
RELOAD_SCRIPT = """<script>(function(){var v=%d,u="%s?version="+v+"&page="+encodeURIComponent(location.pathname);
function wait(){fetch(u,{cache:"no-store"}).then(function(r){return r.json()})
.then(function(d){if(d.reload){location.reload()}else{wait()}})
.catch(function(){setTimeout(wait,2000)})}wait()})();</script>"""


class PreviewServer(ThreadingHTTPServer):
    """Serves ``preview.site_dir`` on ``(host, port)``."""

    daemon_threads = True

    def __init__(self, preview, address: tuple[str, int]) -> None:  # noqa: ANN001 - a Preview
        self.preview = preview
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer

    def log_message(self, format: str, *args) -> None:  # noqa: A002, ANN002 - quiet: the terminal shows builds
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        parts = urlsplit(self.path)
        if parts.path == WAIT_PATH:
            query = parse_qs(parts.query)
            return self._wait(query.get("version", ["-1"])[0], query.get("page", ["/"])[0])
        preview = self.server.preview
        relative = _relative(parts.path)
        if relative is None:
            return self._send(HTTPStatus.NOT_FOUND, b"", "text/plain")
        target = preview.site_dir / relative
        if target.is_dir():
            if not parts.path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", parts.path + "/")
                self.end_headers()
                return None
            target = target / "index.html"
        status = HTTPStatus.OK
        if not _inside(target, preview.site_dir) or not target.is_file():
            status, target = HTTPStatus.NOT_FOUND, preview.site_dir / "404.html"
        try:
            data = target.read_bytes()
        except OSError:
            data, target = b"", Path("empty.html")
        kind = TYPES.get(target.suffix, "application/octet-stream")
        if kind.startswith("text/html"):
            data = self._decorate(data)
        return self._send(status, data, kind)

    def _decorate(self, page: bytes) -> bytes:
        """The reload script, and the problems while the content is invalid."""
        preview = self.server.preview
        extra = RELOAD_SCRIPT % (preview.version, WAIT_PATH)
        if errors(preview.problems):
            extra = problems_panel(preview.problems) + extra
        extra_bytes = extra.encode("utf-8")
        if not page:
            return ('<!doctype html><html lang="ar" dir="rtl"><meta charset="utf-8"><title>معاينة</title><body>'
                    "<p>لم يكتمل بناء الموقع بعد.</p></body></html>").encode("utf-8").replace(b"</body>", extra_bytes + b"</body>")
        return before_body_end(page, extra_bytes)

    def _wait(self, seen: str, page: str) -> None:
        """Answer once the file behind ``page`` changed after version ``seen`` (or after
        WAIT_SECONDS): every browser reloads when its own page is ready, and only then."""
        preview = self.server.preview
        version = int(seen) if seen.lstrip("-").isdigit() else -1
        files = _files_of(_relative(urlsplit(page).path) or "")

        def changed() -> bool:
            return any(preview.changed_since(name, version) for name in files)

        with preview.changed:
            reload = preview.changed.wait_for(changed, timeout=WAIT_SECONDS)
            current = preview.version
        self._send(HTTPStatus.OK, json.dumps({"version": current, "reload": bool(reload)}).encode(), "application/json")

    def _send(self, status: int, data: bytes, kind: str) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass


def before_body_end(page: bytes, extra: bytes) -> bytes:
    """``page`` with ``extra`` inserted before its last ``</body>`` (at the end if none)."""
    at = page.rfind(b"</body>")
    return page[:at] + extra + page[at:] if at >= 0 else page + extra


def problems_panel(problems) -> str:  # noqa: ANN001 - a list of Problem
    """The problems as a panel above the page: Arabic heading, one ``path:line: field: message`` per line."""
    found = errors(problems)
    lines = "\n".join(html.escape(str(problem)) for problem in found)
    return ('<div id="timeline-preview-problems" role="alert" style="position:fixed;inset-block-start:0;'
            'inset-inline:0;z-index:9999;max-block-size:60vh;overflow:auto;background:#fff4f4;color:#600;'
            'border-block-end:3px solid #b3261e;padding:1em;font:14px/1.5 system-ui,sans-serif">'
            f"<strong>في المحتوى أخطاء (العدد: {len(found)})؛ تُعرض آخر نسخة سليمة من الموقع حتى تُصحَّح:</strong>"
            f'<pre dir="ltr" style="white-space:pre-wrap;text-align:start;margin:0.5em 0 0">{lines}</pre></div>')


def _relative(url_path: str) -> str | None:
    """The site file or folder a URL path names ("" for the root), None if it leaves the site."""
    relative = posixpath.normpath(unquote(url_path)).lstrip("/")
    if relative == ".":
        relative = ""
    if relative.startswith("..") or "\x00" in relative:
        return None
    return relative


def _files_of(relative: str) -> list[str]:
    """The site files a page at ``relative`` may be read from."""
    if relative == "":
        return ["index.html"]
    return [relative] if relative.endswith(".html") else [relative, relative + "/index.html"]


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def serve_in_thread(server: PreviewServer) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, name="timeline-preview-http", daemon=True)
    thread.start()
    return thread
