"""The extraction lock (filelock): a second writer waits for the first, and says so."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from filelock import FileLock

from timeline.extract.runner import extraction_lock
from timeline.extract.writer import LOCK_FILE


def test_a_second_run_waits_for_the_lock_and_says_so(tmp_path: Path) -> None:
    (tmp_path / LOCK_FILE).parent.mkdir(parents=True, exist_ok=True)
    held = FileLock(tmp_path / LOCK_FILE)
    held.acquire()
    said: list[str] = []
    entered = threading.Event()

    def second_run() -> None:
        with extraction_lock(tmp_path, lambda message, err=False: said.append(message)):
            entered.set()

    worker = threading.Thread(target=second_run)
    worker.start()
    time.sleep(0.3)
    assert not entered.is_set() and said and "waiting" in said[0]
    held.release()
    worker.join(timeout=10)
    assert entered.is_set()
