"""`timeline serve` says where the preview is: one line with its URL, which answers."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.request


def test_serve_prints_a_url_that_serves_the_site(project):
    process = subprocess.Popen(
        [sys.executable, "-m", "timeline", "serve", "--config", str(project.config), "--dev-addr", "127.0.0.1:0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8")
    try:
        deadline, url, seen = time.monotonic() + 120, None, []
        while url is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            seen.append(line)
            found = re.search(r"serving on (http://127\.0\.0\.1:\d+/)", line)
            url = found.group(1) if found else None
        assert url, "".join(seen)
        with urllib.request.urlopen(url, timeout=30) as response:
            page = response.read().decode("utf-8")
        assert response.status == 200 and '<html lang="ar" dir="rtl"' in page
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stdout.close()
