"""Extraction speed: articles per second with --jobs 1 and --jobs 2, and the
date engine's share of the time.

    python benchmarks/bench_extract.py [--articles 400]
    python benchmarks/bench_extract.py --whole [--articles 400] [--rounds 3]

The first form times ``run_extraction`` inside one warm process (imports,
data files and the date grammar already loaded), wall time only: an upper
bound. ``--whole`` runs ``timeline extract --jobs N`` as users do, a fresh
whole process per run on a fresh copy of the same project, the two job
counts alternating, and reports medians of wall and user+sys CPU (from
``wait4``, workers included): the figure that holds for users.

The corpus is generated deterministically: every article is distinct
(different places, actors, figures, weekdays, order of sentences), written in
the styles extraction meets (wire copy, state media, monitors), so that the
work is real and nothing is cached across articles.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLACES = ["دوما", "حرستا", "عربين", "زملكا", "عين ترما", "حمورية", "سقبا", "كفربطنا", "جوبر", "مسرابا"]
ACTORS = ["جيش الإسلام", "فيلق الرحمن", "قوات النظام", "روسيا", "الدفاع المدني", "الهلال الأحمر"]
OUTLETS = ["sana", "sohr", "afp", "reuters", "enab-baladi", "orient-news"]
DAYS = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"]
TEMPLATES = [
    "قتل {n} مدنيا وأصيب العشرات {when} بغارات جوية استهدفت الأحياء السكنية في {place}.",
    "وقال {actor} في بيان إن فرقه انتشلت {m} جثث من تحت الأنقاض في {place}.",
    "وكانت قوات النظام قد قصفت أمس مدينة {place2} بأكثر من {n} صاروخا.",
    "خرجت {when} دفعة جديدة من المسلحين وعائلاتهم من {place} عبر ممر مخيم الوافدين.",
    "وأفاد المرصد السوري لحقوق الإنسان بأن {m} حافلة غادرت {place2} باتجاه الشمال السوري.",
    "ومن المقرر أن تخرج الدفعة الأخيرة من {place} خلال الأيام القادمة.",
    "ويرى ناشطون أن النظام يسعى إلى تهجير السكان من {place2} بالكامل.",
    "وعقد {when} اجتماع بين وفد من {actor} ومسؤولين روس لبحث وقف إطلاق النار في {place}.",
    "ويعيش في {place} نحو {n} ألف مدني محاصرين.",
    "كما دخلت قافلة مساعدات إلى {place2} تضم {m} شاحنة محملة بالأغذية.",
]


def make_article(number: int, rng: random.Random) -> tuple[str, str]:
    published = date(2018, 2, 18) + timedelta(days=number % 60)
    lines = []
    for template in rng.sample(TEMPLATES, k=7):
        lines.append(template.format(n=rng.randint(3, 90), m=rng.randint(2, 40), place=rng.choice(PLACES),
                                     place2=rng.choice(PLACES), actor=rng.choice(ACTORS),
                                     when=rng.choice(["اليوم", "أمس", "يوم " + rng.choice(DAYS), DAYS[number % 7]])))
    outlet = OUTLETS[number % len(OUTLETS)]
    article_id = f"{outlet}-{published.isoformat()}-bench-{number:05d}"
    text = f"---\nid: {article_id}\noutlet: {outlet}\npublished: {published.isoformat()}\nlanguage: ar\n---\n" + "\n".join(lines) + "\n"
    return article_id, text


def make_corpus(folder: Path, count: int) -> None:
    rng = random.Random(20180408)
    (folder / "articles").mkdir(parents=True)
    for name in ("outlets.yml", "gazetteer.yml"):
        shutil.copy(ROOT / "content" / name, folder / name)
    for number in range(count):
        article_id, text = make_article(number, rng)
        (folder / "articles" / f"{article_id}.md").write_text(text, encoding="utf-8")


def run(count: int, jobs: int) -> tuple[float, int, float]:
    from timeline.extract import run_extraction
    from timeline.extract.segment import DATE_ENGINE_SECONDS

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "content"
        make_corpus(folder, count)
        DATE_ENGINE_SECONDS[0] = 0.0
        began = time.perf_counter()
        summary = run_extraction(folder, None, jobs=jobs, echo=lambda *a, **k: None)
        elapsed = time.perf_counter() - began
        return elapsed, summary.new_entries, DATE_ENGINE_SECONDS[0]


def make_project(folder: Path, count: int) -> Path:
    """A whole project (mkdocs.yml, theme, content) holding the generated articles; its mkdocs.yml."""
    make_corpus(folder / "content", count)
    (folder / "content" / "events").mkdir()
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", folder / "theme")
    for name in ("index.md", "about.md"):
        shutil.copy(ROOT / "content" / name, folder / "content" / name)
    return folder / "mkdocs.yml"


def whole_process(count: int, jobs: int, work: Path, source: Path) -> tuple[float, float, int]:
    """(wall s, user+sys CPU s, entries written) of one `timeline extract` process on a fresh copy."""
    project = work / f"run-{jobs}"
    if project.exists():
        shutil.rmtree(project)
    shutil.copytree(source, project)
    began = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "timeline", "extract", "--config", str(project / "mkdocs.yml"),
                              "--jobs", str(jobs)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"timeline extract --jobs {jobs} failed (exit {os.waitstatus_to_exitcode(status)})")
    entries = sum(1 for _ in (project / "content" / "events").rglob("*.md"))
    return wall, usage.ru_utime + usage.ru_stime, entries


def main_whole(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        source = make_project(work / "source", args.articles).parent
        runs: dict[int, list[tuple[float, float, int]]] = {1: [], 2: []}
        for round_number in range(args.rounds):
            for jobs in ((1, 2) if round_number % 2 == 0 else (2, 1)):
                runs[jobs].append(whole_process(args.articles, jobs, work, source))
    print(f"corpus: {args.articles} distinct generated articles, 7 sentences each; whole `timeline extract` "
          f"processes, medians of {args.rounds} alternating rounds; load average {os.getloadavg()[0]:.1f}")
    print(f"{'jobs':>4} {'wall s':>8} {'articles/s':>10} {'CPU s':>8} {'articles/CPU s':>14} {'entries':>8}")
    for jobs, results in runs.items():
        wall = statistics.median(r[0] for r in results)
        cpu = statistics.median(r[1] for r in results)
        print(f"{jobs:>4} {wall:8.2f} {args.articles / wall:10.1f} {cpu:8.2f} {args.articles / cpu:14.1f} {results[0][2]:8d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--whole", action="store_true", help="whole `timeline extract` processes (as users run it)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.whole:
        main_whole(args)
        return
    run(5, 1)  # warm-up: imports, data files, the date engine's grammar
    print(f"corpus: {args.articles} distinct generated articles, 7 sentences each")
    print(f"{'jobs':>4} {'seconds':>8} {'articles/s':>10} {'entries':>8} {'date engine':>12}")
    for jobs in (1, 2):
        elapsed, entries, dates = run(args.articles, jobs)
        share = f"{100 * dates / elapsed:.0f} %" if jobs == 1 else "(in workers)"
        print(f"{jobs:>4} {elapsed:8.2f} {args.articles / elapsed:10.1f} {entries:8d} {share:>12}")


if __name__ == "__main__":
    main()
