"""Shared test helpers: temporary projects built from the default content.

A module of its own (not conftest.py) so tests can import it by a unique name;
``tests/conftest.py`` turns these helpers into fixtures.
"""

from __future__ import annotations

import shutil
import textwrap
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


REPO = Path(__file__).resolve().parents[1]
SEED_ARTICLE_ID = "elaph-2018-04-08-douma-talks"
# A second stored article (our own sentence) that reports the seed's Wafideen meeting.
SECOND_ARTICLE = """---
id: sana-2018-04-08-wafideen
outlet: sana
published: 2018-04-08
language: ar
---
عقد اليوم الأحد في ممر مخيم الوافدين اجتماع بين ممثلين عن الحكومة السورية ووفد من جيش الإسلام لبحث إخراج المسلحين من مدينة دوما.
"""


class Project:
    """A copy of the project (mkdocs.yml, content/, theme/) in a temp folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.config = root / "mkdocs.yml"
        self.content = root / "content"
        self.events = self.content / "events"

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def write_entry(self, entry_id: str, front_matter: str, body: str = "نص.", folder: str = "2018-04") -> Path:
        text = "---\n" + textwrap.dedent(front_matter).strip("\n") + "\n---\n" + body + "\n"
        path = self.events / folder / f"{entry_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path


def copy_project(destination: Path, *, with_events: bool = True) -> Project:
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", destination / "mkdocs.yml")
    shutil.copytree(REPO / "theme", destination / "theme")
    ignore = None if with_events else shutil.ignore_patterns("*.md")
    shutil.copytree(REPO / "content", destination / "content",
                    ignore=lambda folder, names: (ignore(folder, names) if ignore and Path(folder).name != "content" and "events" in Path(folder).parts else []))
    (destination / "content" / "events").mkdir(exist_ok=True)
    return Project(destination)


def outlets_only_content(tmp_path: Path) -> Path:
    """A content folder holding only the project's outlets.yml: what import needs."""
    root = tmp_path / "content"
    root.mkdir()
    shutil.copy(REPO / "content" / "outlets.yml", root / "outlets.yml")
    return root


@contextmanager
def serving_preview(config: Path) -> Iterator[tuple[object, str]]:
    """``timeline serve``'s engine and HTTP server on ``config`` in this process:
    (the Preview after its full build, the base URL); both closed at the end."""
    from timeline.preview import Preview
    from timeline.preview.server import PreviewServer, serve_in_thread

    preview = Preview(config)
    preview.full_build()
    httpd = PreviewServer(preview, ("127.0.0.1", 0))
    serve_in_thread(httpd)
    try:
        yield preview, f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        preview.close()
