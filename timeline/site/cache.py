"""What the live preview keeps between two builds of the same theme and options.

A page is re-rendered only when its inputs changed. Its inputs are, by
construction, what the renderer passes to its template (``_render_page``'s
arguments: the event views, listings, groups, links, converted Markdown…):
the cache keeps the arguments of the last rendering of every page, keyed by
template and URL, and compares the new ones with ``==``. Page data are
immutable dataclasses reused from one build to the next when their entry did
not change, so the comparison is mostly identity checks and costs a fraction
of a rendering. Any new page type rendered through ``_render_page`` is covered
without knowing anything about it.

The contract this relies on (and the identity test in
``tests/test_preview_identity.py`` checks): a page depends only on its
arguments and on what is constant for one theme and mkdocs.yml (the site
options, URLs, date display, category vocabulary). A theme or config change
makes a new cache.
"""

from __future__ import annotations

from typing import Any, Callable

import jinja2


class RenderCache:
    """Page arguments, converted Markdown and the Jinja environment, kept across builds."""

    def __init__(self) -> None:
        self.env: jinja2.Environment | None = None
        self._pages: dict[tuple[str, str], Any] = {}
        self._markdown: dict[str, str] = {}
        self._values: dict[tuple[str, str], tuple[Any, Any]] = {}
        self._seen: set[tuple[str, str]] = set()
        self._per_event: dict[str, dict[str, tuple[Any, Any]]] = {}
        self.search: Any = None  # the last build's search.IndexState: the next index starts from it
        self.rendered = 0  # pages rendered in the current build (for the preview's log)
        self.reused = 0

    def unchanged(self, template: str, url: str, arguments: Any) -> bool:
        """True if the page was last rendered from equal arguments; records them otherwise."""
        key = (template, url)
        self._seen.add(key)
        if key in self._pages and self._pages[key] == arguments:
            self.reused += 1
            return True
        self._pages[key] = arguments
        self.rendered += 1
        return False

    def keep(self, template: str, url: str) -> None:
        """The page was not looked at in this build (nothing it depends on changed): keep it."""
        self._seen.add((template, url))

    def forget(self, template: str, url: str) -> None:
        """The page's rendering failed or was not written: render it next time."""
        self._pages.pop((template, url), None)

    def markdown(self, text: str, convert: Callable[[str], str]) -> str:
        html = self._markdown.get(text)
        if html is None:
            html = self._markdown[text] = convert(text)
        return html

    def value(self, name: str, key: str, arguments: Any, compute: Callable[[], Any]) -> Any:
        """``compute()``, or its last result for ``(name, key)`` when ``arguments`` are equal."""
        known = self._values.get((name, key))
        if known is not None and known[0] == arguments:
            return known[1]
        result = compute()
        self._values[(name, key)] = (arguments, result)
        return result

    def per_event(self, name: str, view: Any, compute: Callable[[Any], Any]) -> Any:
        """``compute(view)``, kept for as long as the event's view is the same
        object (views are reused while their entry and registries are)."""
        known = self._per_event.setdefault(name, {})
        found = known.get(view.id)
        if found is not None and found[0] is view:
            return found[1]
        value = compute(view)
        known[view.id] = (view, value)
        return value

    def start_build(self) -> None:
        self.rendered = self.reused = 0
        self._seen = set()

    def finish_build(self) -> None:
        """After a complete build: forget pages it did not produce (they were removed)."""
        self._pages = {key: value for key, value in self._pages.items() if key in self._seen}
