"""Extraction speed: articles per second with --jobs 1 and --jobs 2, and the
date engine's share of the time.

    python benchmarks/bench_extract.py [--articles 400]

The corpus is generated deterministically: every article is distinct
(different places, actors, figures, weekdays, order of sentences), written in
the styles extraction meets (wire copy, state media, monitors), so that the
work is real and nothing is cached across articles.
"""

from __future__ import annotations

import argparse
import random
import shutil
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    args = parser.parse_args()
    run(5, 1)  # warm-up: imports, data files, the date engine's grammar
    print(f"corpus: {args.articles} distinct generated articles, 7 sentences each")
    print(f"{'jobs':>4} {'seconds':>8} {'articles/s':>10} {'entries':>8} {'date engine':>12}")
    for jobs in (1, 2):
        elapsed, entries, dates = run(args.articles, jobs)
        share = f"{100 * dates / elapsed:.0f} %" if jobs == 1 else "(in workers)"
        print(f"{jobs:>4} {elapsed:8.2f} {args.articles / elapsed:10.1f} {entries:8d} {share:>12}")


if __name__ == "__main__":
    main()
