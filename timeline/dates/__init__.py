"""The date engine: temporal expressions in Arabic (and English) news text.

``find_dates(text, published)`` returns every expression with its span in
the original text and its value resolved against the publication date;
``render_marked_text`` shows them inline for editors. Importing this
package is light: the grammar compiles on first use and dateparser loads
only for English absolute dates.
"""

from __future__ import annotations

from timeline.dates.engine import find_dates
from timeline.dates.model import DateMention
from timeline.dates.render import render_marked_text

__all__ = ["DateMention", "find_dates", "render_marked_text"]
