"""The one place that says what time it is.

Everything else receives dates as arguments. ``SOURCE_DATE_EPOCH`` (the
reproducible-builds convention) pins the clock so that two builds or
snapshots of the same content are byte-identical.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone


def now() -> datetime:
    """Return the current UTC time, or ``SOURCE_DATE_EPOCH`` when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError) as error:
            raise ValueError(
                f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {epoch!r}"
            ) from error
    return datetime.now(tz=timezone.utc).replace(microsecond=0)
