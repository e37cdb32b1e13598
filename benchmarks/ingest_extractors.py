"""Which HTML text extractor keeps the article and drops the furniture on our saved pages.

Scores trafilatura (what `timeline import` uses, with its settings), readability-lxml
(if installed: `pip install readability-lxml`) and jusText on tests/fixtures/ingest/:
paragraphs kept (of those the page's article has) and furniture strings leaked.
These pages are the regression set the choice was made on, not a held-out set.

    python benchmarks/ingest_extractors.py
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import justext
import lxml.html
import trafilatura
import yaml

from timeline.ingest.html import html_to_article

PAGES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "ingest"


def _readability() -> Callable[[str], str] | None:
    try:
        from readability import Document  # optional: only this comparison uses it
    except ImportError:
        return None
    return lambda page: lxml.html.fromstring(Document(page).summary()).text_content()


def _justext(page: str) -> str:
    paragraphs = justext.justext(page.encode("utf-8"), justext.get_stoplist("Arabic"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def contenders() -> dict[str, Callable[[str], str]]:
    found = {"timeline import (trafilatura)": lambda page: html_to_article(page).text,
             "trafilatura defaults": lambda page: trafilatura.extract(page) or "",
             "jusText (Arabic stoplist)": _justext}
    if (readability := _readability()) is not None:
        found["readability-lxml"] = readability
    return found


def main() -> None:
    spec = yaml.safe_load((PAGES / "pages.yml").read_text(encoding="utf-8"))
    print(f"{'extractor':32} {'kept':>7} {'leaked':>7}")
    for name, extract in contenders().items():
        kept = wanted = leaked = furniture = 0
        for page, expected in spec.items():
            text = extract((PAGES / page).read_text(encoding="utf-8"))
            flat = " ".join(text.split())
            kept += sum(paragraph in flat for paragraph in expected["keep"])
            wanted += len(expected["keep"])
            leaked += sum(word in text for word in expected["drop"])
            furniture += len(expected["drop"])
        print(f"{name:32} {kept:3d}/{wanted:<3d} {leaked:3d}/{furniture:<3d}")


if __name__ == "__main__":
    main()
