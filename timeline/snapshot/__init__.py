"""The snapshot stage: an offline, verifiable copy of the site for archivists.

``make_snapshot`` builds the site for ``file://``, bags it with its sources
(BagIt, SHA-256 and SHA-512) and zips the bag reproducibly; ``verify_snapshot``
proves a bag or its zip complete and unchanged, or names every file that is
missing, extra or changed. The modules: ``make`` (the steps), ``records``
(``snapshot.json``, ``entries.jsonl``), ``paths`` (portable names), ``bag``
(``bagit``), ``archive`` (zip writing and safe extraction), ``verify``.
"""

from __future__ import annotations

from timeline.snapshot.errors import SnapshotError, VerifyError
from timeline.snapshot.make import make_snapshot
from timeline.snapshot.verify import verify_snapshot

__all__ = ["SnapshotError", "VerifyError", "make_snapshot", "verify_snapshot"]
