"""Score the date engine on every set in ../shared/eval (development data, not in the repository).

The permissively licensed sets (Duckling, Recognizers-Text, dateparser) are vendored in
tests/fixtures/date_eval and held to floors by tests/test_dates_eval.py; this script also
scores the dahmri news set, which may not be vendored. Usage:

    python benchmarks/eval_dates_shared.py [FOLDER]      # default: ../shared/eval beside the checkout
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from timeline.dates import find_dates  # noqa: E402
from benchmarks.date_scoring import evaluate_shared, format_scores  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval"


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT
    if not folder.is_dir():
        print(f"{folder}: no evaluation folder (pass its path)", file=sys.stderr)
        return 2
    print(format_scores(evaluate_shared(folder, find_dates)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
