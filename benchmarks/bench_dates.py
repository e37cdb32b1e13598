"""Benchmark: the date engine against dateparser's ``search_dates`` (Arabic).

Builds a deterministic corpus of news-like Arabic paragraphs (at least
200 KB) from the labelled sentences in tests/fixtures/dates and neutral
filler sentences, runs both over the same paragraphs in one process (best
of N timings each, taking turns so that machine load hits both alike), and
prints throughput, the ratio, and precision/recall of both on the labelled
sentences.

    python benchmarks/bench_dates.py [--min-kb 200] [--runs 5]
    python benchmarks/bench_dates.py --processes [--big-kb 2048] [--runs 5]

``--processes`` times ``timeline dates`` as users meet it, one whole
process per run, contenders alternating, user+sys CPU and wall (medians):
one file of ``--big-kb`` of distinct paragraphs against the same text
handed to ``find_dates`` paragraph by paragraph in one process (the floor:
one file ≤ 2x the paragraphs), and a single 5 KB article against a bare
``python -c pass`` (the floor: ≤ 0.15 s for the article).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from statistics import median
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.dates import find_dates  # noqa: E402
from timeline.dates.adapter import search_dates  # noqa: E402
from benchmarks.date_scoring import Labelled, load_labelled, score  # noqa: E402

FILLER = [
    "وقال مصدر في المعارضة إن المفاوضات تعثرت بسبب الخلاف على مصير الأسلحة الثقيلة.",
    "وأشار المرصد السوري لحقوق الإنسان إلى أن 13 شخصا قتلوا في القصف.",
    "ولم يصدر حتى الآن أي تعليق من الحكومة على هذه الاتهامات.",
    "ويعيش في المدينة أكثر من 130 ألف مدني في ظروف إنسانية صعبة.",
    "وطالبت المنظمات الدولية بفتح ممرات آمنة لإجلاء الجرحى والمرضى.",
    "وأكد الناطق باسم الفصيل أن مقاتليه لن يغادروا قبل ضمان سلامة المدنيين.",
    "ودعا مجلس الأمن في القرار 2401 إلى وقف الأعمال القتالية في كل أنحاء سوريا.",
    "وأصيب 1200 مدني بحالات اختناق بحسب الدفاع المدني.",
    "وتبادل الطرفان الاتهامات بخرق الهدنة وسط تحذيرات من تدهور الأوضاع.",
    "ونقلت الوكالة الرسمية عن مصدر عسكري قوله إن الجيش يتقدم على عدة محاور.",
]


@dataclass(frozen=True)
class Found:
    """A dateparser result placed in the text, for the shared scorer."""

    start: int
    end: int
    value: str
    text: str


ACTORS = ["الجيش السوري", "فصائل المعارضة", "جيش الإسلام", "القوات الروسية", "الدفاع المدني",
          "الأمم المتحدة", "الهلال الأحمر", "فيلق الرحمن", "وزارة الخارجية", "المرصد السوري"]
PLACES = ["دوما", "حرستا", "عربين", "زملكا", "عين ترما", "جسرين", "سقبا", "كفربطنا", "مسرابا",
          "حمورية", "جوبر", "مخيم الوافدين", "قلعة المضيق", "جرابلس", "إدلب"]
VERBS = ["قال", "أعلن", "أكد", "ذكر", "أفاد", "نفى", "أوضح", "كشف"]
MONTHS = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
          "تشرين الأول", "تشرين الثاني", "كانون الأول", "يناير", "فبراير", "مارس", "أبريل"]
WEEKDAYS = ["السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة"]
TEMPLATES = [
    "و{verb} {actor} في {day} {month} {year} أن {count} مدنيا غادروا {place}.",
    "{verb} {actor} {weekday} الماضي إن القصف على {place} أسفر عن مقتل {count} شخصا.",
    "وشهدت {place} خلال الأيام الماضية اشتباكات عنيفة بين {actor} و{actor2}.",
    "ومن المقرر أن يصل وفد من {actor} إلى {place} {weekday} المقبل لبحث إجلاء {count} جريحا.",
    "و{verb} مصدر في {actor} أمس أن {count} عائلة وصلت إلى {place} منذ {small} أيام.",
    "وكانت {place} قد تعرضت لقصف مماثل في {ordinal} من {month} عام {year}.",
    "و{verb} {actor} إن نحو {count} ألف شخص ما زالوا في {place} حتى الآن.",
    "وبلغ عدد القتلى في {place} {count} شخصا بحسب {actor}، وأصيب {count2} آخرون.",
    "و{verb} {actor} في بيان اليوم أن الهدنة في {place} ستمتد حتى نهاية {month}.",
    "ودخلت {count} شاحنة مساعدات إلى {place} بين {day} و{day2} {month} بإشراف {actor}.",
]
ORDINALS = ["الأول", "الثاني", "الثالث", "الخامس", "السادس", "العاشر", "الحادي عشر", "العشرين",
            "الحادي والعشرين", "الثامن والعشرين"]


def templated_sentence(rng: random.Random) -> str:
    """One synthetic news sentence; numbers and names vary so no two repeat."""
    day = rng.randint(1, 27)
    actor, actor2 = rng.sample(ACTORS, 2)
    return rng.choice(TEMPLATES).format(
        verb=rng.choice(VERBS), actor=actor, actor2=actor2, place=rng.choice(PLACES),
        day=day, day2=day + rng.randint(1, 3), month=rng.choice(MONTHS), year=rng.randint(2011, 2018),
        weekday=rng.choice(WEEKDAYS), count=rng.randint(2, 5000), count2=rng.randint(2, 900),
        small=rng.choice(["ثلاثة", "أربعة", "خمسة", "عشرة", "بضعة"]), ordinal=rng.choice(ORDINALS))


def build_corpus(sentences: list[Labelled], min_bytes: int, seed: int = 2018) -> list[tuple[str, object]]:
    """Paragraphs of 4–7 sentences (labelled, templated, filler) with publication dates."""
    rng = random.Random(seed)
    arabic = [s for s in sentences if s.language == "ar"]
    paragraphs: list[tuple[str, object]] = []
    size = 0
    while size < min_bytes:
        labelled = rng.choice(arabic)
        picked = [labelled.text] + [templated_sentence(rng) for _ in range(rng.randint(2, 4))]
        picked += rng.sample(FILLER, rng.randint(1, 2))
        rng.shuffle(picked)
        text = " ".join(picked)
        paragraphs.append((text, labelled.published))
        size += len(text.encode("utf-8"))
    return paragraphs


def dateparser_find(sentence: Labelled) -> list[Found]:
    found, cursor = [], 0
    for phrase, day in search_dates(sentence.text, sentence.published, ["ar"]):
        start = sentence.text.find(phrase, cursor)
        if start < 0:
            start = sentence.text.find(phrase)
        if start < 0:
            continue
        found.append(Found(start, start + len(phrase), day.isoformat(), phrase))
        cursor = start + len(phrase)
    return found


def timed(work) -> tuple[float, int]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def best_of_each(runs: int, works: dict) -> dict[str, tuple[float, int]]:
    """The fastest of ``runs`` timings of each piece of work (the machine may
    be shared), and its result. The works take turns, so a busy spell
    slows one round of each rather than all the rounds of one."""
    best: dict[str, tuple[float, int]] = {}
    for _ in range(runs):
        for name, work in works.items():
            seconds, result = timed(work)
            if name not in best or seconds < best[name][0]:
                best[name] = (seconds, result)
    return best


PUBLISHED = "2018-04-08"
PARAGRAPHS_DRIVER = """
import json
import sys
from datetime import date
from timeline.dates import find_dates
text = open(sys.argv[1], encoding="utf-8").read()
published = date.fromisoformat(sys.argv[2])
mentions = [m.to_json() for part in text.split("\\n\\n") for m in find_dates(part, published)]
print(json.dumps(mentions, ensure_ascii=False, indent=1))  # the same output work as `timeline dates`
"""


def child_environment(cache: Path) -> dict[str, str]:
    """As a user's shell runs the command: bytecode files allowed (an install
    has them), the engine's cache in a folder of the benchmark's own."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONHASHSEED": "0", "TIMELINE_CACHE_DIR": str(cache)}


CHILD_ENV: dict[str, str] = {}


def run_process(command: list[str]) -> tuple[float, float]:
    """(wall seconds, user+sys CPU seconds) of one whole child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=CHILD_ENV or None)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def alternate(runs: int, commands: dict[str, list[str]]) -> dict[str, tuple[float, float]]:
    """Median (wall, cpu) of each command over ``runs`` rounds, contenders taking turns."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for command in commands.values():
        run_process(command)    # warm-up, not timed: bytecode files and the engine's cache written once
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(run_process(command))
    return {name: (median(w for w, _ in got), median(c for _, c in got)) for name, got in samples.items()}


def distinct_text(min_bytes: int, seed: int) -> str:
    """Paragraphs separated by blank lines, every paragraph made of templated
    sentences (so no two repeat), at least ``min_bytes`` of UTF-8."""
    rng = random.Random(seed)
    paragraphs, size = [], 0
    while size < min_bytes:
        paragraph = " ".join([templated_sentence(rng) for _ in range(rng.randint(3, 6))] + rng.sample(FILLER, 1))
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
    return "\n\n".join(paragraphs)


def processes(options: argparse.Namespace) -> None:
    timeline = str(Path(sys.executable).with_name("timeline"))
    with tempfile.TemporaryDirectory(prefix="bench-dates-") as folder:
        big, article = Path(folder) / "big.txt", Path(folder) / "article.txt"
        big.write_text(distinct_text(options.big_kb * 1024, seed=7), encoding="utf-8")
        article.write_text(distinct_text(5 * 1024, seed=11), encoding="utf-8")
        driver = Path(folder) / "paragraphs.py"
        driver.write_text(PARAGRAPHS_DRIVER, encoding="utf-8")
        CHILD_ENV.update(child_environment(Path(folder) / "cache"))
        print(f"whole processes, {options.runs} alternating rounds after one warm-up each, medians; "
              "user+sys CPU and wall\n")
        big_runs = alternate(options.runs, {
            "one file": [timeline, "dates", str(big), "--published", PUBLISHED],
            "paragraphs": [sys.executable, str(driver), str(big), PUBLISHED],
        })
        small_runs = alternate(options.runs * 2, {
            "5 KB article": [timeline, "dates", str(article), "--published", PUBLISHED],
            "python -c pass": [sys.executable, "-c", "pass"],
        })
        print(f"{'':34} {'wall s':>8} {'cpu s':>8}")
        for name, (wall, cpu) in {**big_runs, **small_runs}.items():
            label = f"{name} ({options.big_kb} KB)" if name in big_runs else name
            print(f"{label:34} {wall:8.3f} {cpu:8.3f}")
        (one_wall, one_cpu), (par_wall, par_cpu) = big_runs["one file"], big_runs["paragraphs"]
        art_wall, art_cpu = small_runs["5 KB article"]
        print(f"\none file / paragraphs: wall {one_wall / par_wall:.2f}x, cpu {one_cpu / par_cpu:.2f}x "
              f"(floor <= 2x): {'PASS' if max(one_wall / par_wall, one_cpu / par_cpu) <= 2 else 'FAIL'}")
        base_wall, base_cpu = small_runs["python -c pass"]
        print(f"5 KB article: wall {art_wall:.3f} s, cpu {art_cpu:.3f} s (floor <= 0.15 s): "
              f"{'PASS' if max(art_wall, art_cpu) <= 0.15 else 'FAIL'}; "
              f"{art_wall / base_wall:.1f}x a bare interpreter start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-kb", type=int, default=200, help="corpus size in KB (UTF-8)")
    parser.add_argument("--runs", type=int, default=5, help="timings per side; the best is kept")
    parser.add_argument("--processes", action="store_true", help="whole-process timings of `timeline dates`")
    parser.add_argument("--big-kb", type=int, default=2048, help="size of the one-file text for --processes")
    options = parser.parse_args()
    if options.processes:
        processes(options)
        return

    sentences = load_labelled(ROOT / "tests" / "fixtures" / "dates" / "sentences.yml")
    corpus = build_corpus(sentences, options.min_kb * 1024)
    corpus_bytes = sum(len(text.encode("utf-8")) for text, _ in corpus)

    # Warm up both (grammar compilation, dateparser's language data) outside the timings.
    find_dates(corpus[0][0], corpus[0][1])
    search_dates(corpus[0][0], corpus[0][1], ["ar"])

    best = best_of_each(options.runs, {
        "ours": lambda: sum(len(find_dates(text, published)) for text, published in corpus),
        "dateparser": lambda: sum(len(search_dates(text, published, ["ar"])) for text, published in corpus),
    })
    characters = sum(len(text) for text, _ in corpus)
    engine_seconds, engine_mentions = best["ours"]
    dp_seconds, dp_mentions = best["dateparser"]

    print(f"same {len(corpus)} paragraphs for both ({corpus_bytes / 1024:.0f} KB, {characters} characters), "
          f"best of {options.runs} runs each, in one process\n")
    print(f"{'':28} {'seconds':>8} {'chars/s':>12} {'paragraphs/s':>13} {'mentions':>9}")
    for name, seconds, mentions in (("timeline.dates.find_dates", engine_seconds, engine_mentions),
                                    ("dateparser search_dates", dp_seconds, dp_mentions)):
        print(f"{name:28} {seconds:8.3f} {characters / seconds:12,.0f} {len(corpus) / seconds:13,.1f} "
              f"{mentions:9d}")
    print(f"\nspeed ratio: find_dates is {dp_seconds / engine_seconds:,.1f}x faster than search_dates\n")

    arabic = [s for s in sentences if s.language == "ar"]
    ours = score(arabic, lambda s: find_dates(s.text, s.published, s.language))
    theirs = score(arabic, dateparser_find)
    print(f"accuracy on {len(arabic)} labelled Arabic sentences ({ours.expected} expressions; "
          "a hit = overlapping span and the same value)")
    print(f"{'':28} {'precision':>9} {'recall':>7} {'F1':>6} {'span recall':>11} {'sentences right':>16}")
    for name, result in (("timeline.dates.find_dates", ours), ("dateparser search_dates", theirs)):
        print(f"{name:28} {result.precision:9.1%} {result.recall:7.1%} {result.f1:6.1%} "
              f"{result.span_hits / result.expected:11.1%} {result.sentences_right:>9}/{result.sentences}")


if __name__ == "__main__":
    main()
