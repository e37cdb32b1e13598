"""The site's URL scheme, for pretty (online) and ``.html`` (offline) URLs.

Every URL here is relative to the site root and never starts with ``/``;
pages link to each other through :meth:`Urls.relative`, so the same site
works at any path on a server and from ``file://``. Online, pages live in
folders (``events/<id>/`` → ``events/<id>/index.html``); offline every link
names its ``.html`` file, because browsers do not open folders' index files
from disk.
"""

from __future__ import annotations

import posixpath


class Urls:
    """Root-relative URLs of every kind of page, and the files they are written to."""

    def __init__(self, directory_urls: bool = True) -> None:
        self.directory_urls = directory_urls

    def page(self, path: str) -> str:
        """``path`` is a slash-separated page path without extension ("" is the home page)."""
        if not path:
            return "" if self.directory_urls else "index.html"
        return f"{path}/" if self.directory_urls else f"{path}.html"

    def index(self) -> str:
        return self.page("")

    def event(self, event_id: str) -> str:
        return self.page(f"events/{event_id}")

    def article(self, article_id: str, sentence: int | None = None) -> str:
        url = self.page(f"articles/{article_id}")
        return f"{url}#s-{sentence}" if sentence else url

    def listing(self, kind: str, key: str, year: str | None = None) -> str:
        """``kind`` is one of categories, actors, places, outlets, review;
        ``year`` names one year's page of a long list."""
        return self.page(f"{kind}/{key}/{year}" if year else f"{kind}/{key}")

    @staticmethod
    def listing_feed(kind: str, key: str) -> str:
        """The Atom feed of a list page (a file, the same online and offline)."""
        return f"{kind}/{key}/feed.xml"

    def month(self, key: str) -> str:
        return self.page(f"months/{key}")

    def about(self) -> str:
        return self.page("about")

    @staticmethod
    def file_for(url: str) -> str:
        """The output file of a page URL (without its #fragment)."""
        url = url.split("#", 1)[0]
        if url == "" or url.endswith("/"):
            return f"{url}index.html"
        return url

    @staticmethod
    def root_of(url: str) -> str:
        """The relative prefix from the page at ``url`` back to the site root."""
        directory = posixpath.dirname(Urls.file_for(url))
        return "../" * (directory.count("/") + 1) if directory else ""

    @staticmethod
    def relative(from_url: str, to_url: str) -> str:
        """A link from the page at ``from_url`` to ``to_url``; never empty."""
        if to_url.startswith("#"):
            return to_url
        link = Urls.root_of(from_url) + to_url
        if not link or link.startswith("#"):
            return "./" + link
        return link
