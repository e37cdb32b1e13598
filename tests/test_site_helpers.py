"""Helpers for the site tests: a small project from tests/fixtures/site, built
through ``timeline.build.build_site`` (the plugin and the real theme), and
model objects made directly for unit tests. Holds no tests itself."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from timeline.content.model import Article, Category, Citation, Content, Entry, EventDate, GazetteerItem, Outlet, PartialDate

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "site"
CATEGORIES = {
    "negotiation": ("مفاوضات", "#1f5fa8"),
    "bombardment": ("قصف", "#b3261e"),
    "casualties": ("ضحايا", "#5d4037"),
    "other": ("أخرى", "#6b6b6b"),
}


def make_site_project(root: Path, *, site_url: str | None = None, plugin_options: str = "") -> Path:
    """Copy the fixture content into ``root`` with a mkdocs.yml; return the config file."""
    shutil.copytree(FIXTURE / "content", root / "content")
    categories = "\n".join(f"        {k}: {{label: {v[0]}, color: '{v[1]}'}}" for k, v in CATEGORIES.items())
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: خط زمني تجريبي\n"
        "site_description: موقع للاختبار\n"
        + (f"site_url: {site_url}\n" if site_url else "")
        + "docs_dir: content\nuse_directory_urls: true\n"
        f"theme:\n  name: null\n  custom_dir: {REPO / 'theme'}\n  locale: ar\n"
        "nav:\n  - الخط الزمني: index.md\n  - عن المشروع: about.md\n"
        "plugins:\n  - timeline:\n      site_id: test-timeline\n"
        + plugin_options
        + "      categories:\n" + categories + "\n",
        encoding="utf-8",
    )
    return config


def write_entry(root: Path, entry_id: str, front_matter: str, body: str = "") -> Path:
    path = root / "content" / "events" / "extra" / f"{entry_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front_matter.strip()}\n---\n{body}\n", encoding="utf-8")
    return path


def make_content(entries: list[Entry] | None = None, text: str = "جملة أولى. جملة ثانية فيها 1200 مدني.") -> Content:
    """A small valid Content built from model objects, without the loader."""
    article = Article(id="a1", outlet="elaph", published=date(2018, 4, 8), language="ar", text=text,
                      path=Path("a1.md"), body_line=8, url="https://example.org/a1",
                      archived_url="https://web.archive.org/web/20180409000000/https://example.org/a1")
    if entries is None:
        entries = [make_entry("e1", "2018-04-08", "اجتماع في دوما")]
    return Content(
        root=Path("."), articles={"a1": article}, entries=tuple(sorted(entries, key=Entry.sort_key)),
        outlets={"elaph": Outlet("elaph", "إيلاف", "Elaph", "private-outlet"),
                 "sana": Outlet("sana", "سانا", "SANA", "state-media")},
        actors={"russia": GazetteerItem("russia", "actor", "روسيا", "Russia")},
        places={"douma": GazetteerItem("douma", "place", "دوما", "Douma")},
        categories={k: Category(k, v[0], v[1]) for k, v in CATEGORIES.items()},
    )


def make_entry(entry_id: str, start: str, title: str, *, end: str | None = None, approximate: bool = False,
               categories: tuple[str, ...] = ("negotiation",), review: str = "verified",
               quote: str = "جملة أولى.", attributed_to: str | None = None, body: str = "",
               actors: tuple[str, ...] = ("russia",), places: tuple[str, ...] = ("douma",)) -> Entry:
    return Entry(
        id=entry_id, title=title, categories=categories, path=Path(f"{entry_id}.md"), review=review,
        date=EventDate(PartialDate.parse(start), PartialDate.parse(end) if end else None, approximate),
        sources=(Citation(quote=quote, article="a1", attributed_to=attributed_to, sentence=1, span=(0, 10)),),
        actors=actors, places=places, body=body,
    )
