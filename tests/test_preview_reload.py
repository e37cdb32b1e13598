"""The preview tells each browser to reload when its own page is ready.

``timeline serve`` injects a script into every page that waits on the
server (one long request) with the version the page was served at and the
page's path. The server answers ``reload: true`` once that page's file
changed after that version, or once every page did (a full build, problems
appearing or going away), and ``reload: false`` after WAIT_SECONDS
otherwise. An edited entry's own page is announced as soon as it is written,
before the listings of a large site are rendered.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.make_corpus import make_corpus  # noqa: E402
from timeline.preview import server as preview_server  # noqa: E402
from timeline.preview.server import WAIT_PATH  # noqa: E402
from project_helpers import serving_preview  # noqa: E402


@pytest.fixture()
def served(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(preview_server, "WAIT_SECONDS", 2)
    config = make_corpus(40, 8, tmp_path / "project", seed=5)
    with serving_preview(config) as (preview, base):
        yield config, preview, base


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def served_version(base: str, page: str) -> int:
    found = re.search(r"var v=(\d+)", get(base + page))
    assert found, f"{page} has no reload script"
    return int(found[1])


def start_waiting(base: str, page: str) -> dict:
    """The answer the page's script would get, filled in by a thread."""
    version = served_version(base, page)
    answer: dict = {}

    def wait() -> None:
        answer.update(json.loads(get(f"{base}{WAIT_PATH}?version={version}&page={page}")))

    answer["thread"] = threading.Thread(target=wait)
    answer["thread"].start()
    return answer


def edited_entry(config: Path) -> Path:
    entries = [p for p in sorted((config.parent / "content" / "events").rglob("*.md"))
               if "review: rejected" not in p.read_text(encoding="utf-8")]
    return entries[len(entries) // 2]


def retitle(entry: Path, title: str) -> None:
    text = re.sub(r"^title: .*$", f"title: {title}", entry.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE)
    entry.write_text(text, encoding="utf-8")


def test_only_the_browsers_whose_page_changed_reload(served) -> None:
    config, preview, base = served
    entry = edited_entry(config)
    event_page, unchanged_page = f"/events/{entry.stem}/", "/about/"
    assert "<html" in get(base + unchanged_page)
    on_event, on_unchanged = start_waiting(base, event_page), start_waiting(base, unchanged_page)
    retitle(entry, "عنوان جديد للتجربة")
    assert preview.update([entry]).kind == "update"
    on_event["thread"].join(10)
    on_unchanged["thread"].join(10)
    assert on_event["reload"] is True
    assert on_unchanged["reload"] is False, "a page that did not change was reloaded"
    assert "عنوان جديد للتجربة" in get(base + event_page)


def test_the_edited_page_is_announced_before_the_listings_are_written(served) -> None:
    config, preview, base = served
    entry = edited_entry(config)
    seen = {"event": served_version(base, f"/events/{entry.stem}/"), "index": served_version(base, "/")}
    at_first_pages: dict[str, bool] = {}

    def look() -> None:
        with preview.changed:
            at_first_pages["event"] = preview.changed_since(f"events/{entry.stem}/index.html", seen["event"])
            at_first_pages["index"] = preview.changed_since("index.html", seen["index"])

    preview.first_pages_written = look
    retitle(entry, "عنوان يظهر في القوائم")
    assert preview.update([entry]).kind == "update"
    assert at_first_pages == {"event": True, "index": False}
    with preview.changed:
        assert preview.changed_since("index.html", seen["index"]), "the listing's browsers were never told"


def test_problems_appearing_and_going_away_reload_every_page(served) -> None:
    config, preview, base = served
    entry = edited_entry(config)
    original = entry.read_text(encoding="utf-8")
    waiting = start_waiting(base, "/about/")
    entry.write_text(re.sub(r"^date: .*$", "date: '2018-13-45'", original, count=1, flags=re.MULTILINE),
                     encoding="utf-8")
    assert preview.update([entry]).kind == "failed"
    waiting["thread"].join(10)
    assert waiting["reload"] is True
    page = get(base + "/about/")
    assert 'id="timeline-preview-problems"' in page and f"{entry}:" in page
    waiting = start_waiting(base, "/about/")
    entry.write_text(original, encoding="utf-8")
    assert preview.update([entry]).kind == "update"
    waiting["thread"].join(10)
    assert waiting["reload"] is True
    assert 'id="timeline-preview-problems"' not in get(base + "/about/")
