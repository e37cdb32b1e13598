"""The preview's reload script in a real browser: an open tab shows a saved
edit by itself, and shows the problems of invalid content above the page."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.make_corpus import make_corpus  # noqa: E402
from project_helpers import serving_preview  # noqa: E402
from tests.browser.conftest import SCREENSHOTS  # noqa: E402


@pytest.fixture()
def preview_site(tmp_path: Path):
    config = make_corpus(30, 6, tmp_path / "project", seed=7)
    with serving_preview(config) as (preview, base):
        yield config, preview, base


def set_line(entry: Path, field: str, value: str) -> None:
    text = re.sub(rf"^{field}: .*$", f"{field}: {value}", entry.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE)
    entry.write_text(text, encoding="utf-8")


def test_an_open_tab_reloads_itself_after_a_save_and_shows_problems(preview_site, visit) -> None:
    config, preview, base = preview_site
    entry = sorted((config.parent / "content" / "events").rglob("*.md"))[4]
    tab = visit(width=360, height=800)
    page = tab.open(f"{base}/events/{entry.stem}/")
    set_line(entry, "title", "عنوان حفظه المحرر للتو")
    assert preview.update([entry]).kind == "update"
    page.wait_for_function("document.querySelector('h1') && document.querySelector('h1').textContent"
                           ".includes('عنوان حفظه المحرر للتو')", timeout=20000)
    set_line(entry, "date", "'2018-13-45'")
    assert preview.update([entry]).kind == "failed"
    page.wait_for_selector("#timeline-preview-problems", timeout=20000)
    panel = page.inner_text("#timeline-preview-problems")
    assert f"{entry}:" in panel and "date" in panel
    assert "عنوان حفظه المحرر للتو" in page.inner_text("h1"), "the last good page is not kept under the problems"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "preview-problems-360.png"))
    assert tab.errors == [] and tab.external == []
