"""Extraction: stored articles become draft event entries (``timeline extract``).

The stage reads ``content/articles/`` and writes ``content/events/``:

- ``segment``     sentences (the shared anchor rules) and the date engine's mentions
- ``attribution`` reporting frames and who makes each claim
- ``events``      which sentences report an occurrence, grouped and dated
- ``classify``    categories, actors, places, casualty figures
- ``titles``      short titles and ids
- ``merge``       the same event in another article (indexed, no all-pairs loop)
- ``writer``      atomic writes, fingerprints, merge suggestions
- ``runner``      the command: jobs, lock, progress, summary

Word lists are data in ``extract/data/*.yml``. Scoring lives outside the
package: ``tests/extract_eval.py`` (the labelled regression sets) and
``benchmarks/eval_realnews.py`` (real articles).
"""

from timeline.extract.runner import ExtractionSummary, never_extracted, run_extraction

__all__ = ["ExtractionSummary", "never_extracted", "run_extraction"]
