"""A deterministic generator of large, valid timeline projects for benchmarks and tests.

``make_corpus(n_events, n_articles, out_dir, seed)`` writes a complete project
folder: ``mkdocs.yml`` and ``theme/`` copied from this repository,
``content/`` with its ``outlets.yml``, ``gazetteer.yml``, ``index.md`` and
``about.md``, ``n_articles`` Arabic articles assembled from sentence
templates (dates, actors and places by their gazetteer aliases, outlets,
counts), and ``n_events`` entries whose quotes are sentences of those
articles. The output is a pure function of (n_events, n_articles, seed): no
clock, no network, no hash-order dependence, so two runs write identical
bytes. The project is valid under ``timeline check``.

    python benchmarks/make_corpus.py 1000 120 /tmp/corpus-1000 [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # runnable as a script from any folder
    sys.path.insert(0, str(REPO))

from timeline.content.entries import entry_file_text  # noqa: E402

FIRST_DAY = date(2011, 3, 15)
LAST_DAY = date(2020, 12, 20)
COPIED_CONTENT = ("outlets.yml", "gazetteer.yml", "index.md", "about.md")

MONTHS_LEVANTINE = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
                    "تشرين الأول", "تشرين الثاني", "كانون الأول")
MONTHS_EGYPTIAN = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
                   "أكتوبر", "نوفمبر", "ديسمبر")
WEEKDAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")  # date.weekday() order

# Per category: (ASCII slug, title templates, sentence templates). Placeholders:
# {actor} {actor2} {place} {count} {count2} {when} {claimant}.
CATEGORIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "bombardment": (
        ("قصف عنيف على {place} يوقع {count} قتيلا", "غارات جوية على أحياء {place}",
         "قصف صاروخي يستهدف {place} ومحيطها"),
        ("{claimant} أن {actor} قصفت أحياء {place} {when} بأكثر من {count} قذيفة وصاروخ، ما أدى إلى دمار واسع في المباني السكنية.",
         "تعرضت {place} {when} لغارات جوية مكثفة نفذتها {actor} واستهدفت {count2} موقعا على الأقل، بحسب {claimant_name}.",
         "سقطت {count} قذيفة على {place} {when}، وقالت {claimant_name} إن {actor} تقف وراء القصف."),
    ),
    "negotiation": (
        ("جولة مفاوضات بين {actor} و{actor2}", "اجتماع في {place} لبحث وقف إطلاق النار",
         "محادثات حول مصير {place}"),
        ("{claimant} أن اجتماعا عقد {when} في {place} بين ممثلين عن {actor} ووفد من {actor2} لبحث التوصل إلى اتفاق نهائي.",
         "انتهت جولة جديدة من المفاوضات بين {actor} و{actor2} {when} دون التوصل إلى اتفاق حول مستقبل {place}، وفق {claimant_name}.",
         "قدم {actor} {when} مقترحا من {count2} بنود إلى {actor2} يتضمن وقف إطلاق النار في {place}، بحسب ما نقلت {claimant_name}."),
    ),
    "chemical-attack": (
        ("اتهامات باستخدام غازات سامة في {place}", "حالات اختناق في {place} بعد قصف بغازات"),
        ("{claimant} أن {count} مدنيا أصيبوا بحالات اختناق في {place} {when} جراء قصف بغازات سامة اتهمت به {actor}.",
         "وثقت {claimant_name} إصابة {count} شخصا بأعراض تنفس حادة في {place} {when}، فيما نفت {actor} أي مسؤولية."),
    ),
    "evacuation": (
        ("خروج دفعة من المهجرين من {place}", "قافلة تهجير تغادر {place} نحو الشمال"),
        ("{claimant} أن {count} شخصا بينهم مقاتلون من {actor} وعائلاتهم خرجوا من {place} {when} في حافلات نحو الشمال السوري.",
         "غادرت {count2} حافلة تقل {count} شخصا {place} {when} بإشراف {actor}، بحسب {claimant_name}."),
    ),
    "casualties": (
        ("سقوط {count} قتيلا في {place}", "ضحايا مدنيون في {place}"),
        ("{claimant} أن حصيلة القتلى في {place} ارتفعت {when} إلى {count} شخصا بينهم {count2} من الأطفال.",
         "قتل {count} مدنيا وأصيب العشرات في {place} {when}، وحملت {claimant_name} {actor} المسؤولية."),
    ),
    "humanitarian": (
        ("دخول قافلة مساعدات إلى {place}", "نقص حاد في الأدوية في {place}"),
        ("{claimant} أن قافلة من {count2} شاحنة محملة بالمواد الغذائية والطبية دخلت {place} {when} بالتنسيق مع {actor}.",
         "حذرت {claimant_name} {when} من أن أكثر من {count} عائلة في {place} تعاني من نقص حاد في الغذاء والدواء."),
    ),
    "statement": (
        ("بيان من {actor} حول {place}", "{actor} تعلق على الأوضاع في {place}"),
        ("{claimant} أن {actor} أصدرت بيانا {when} دعت فيه إلى وقف العمليات العسكرية في {place} فورا.",
         "أعلنت {actor} {when} في بيان نقلته {claimant_name} أنها لن تقبل بأي اتفاق حول {place} دون ضمانات دولية."),
    ),
    "other": (
        ("تطورات ميدانية في {place}", "انقطاع الاتصالات عن {place}"),
        ("{claimant} أن الاتصالات والكهرباء انقطعت عن {place} {when} لمدة {count2} ساعة متواصلة.",
         "شهدت {place} {when} حركة نزوح داخلية محدودة شملت نحو {count} عائلة، وفق {claimant_name}."),
    ),
}
SLUGS = {"bombardment": "bombardment", "negotiation": "talks", "chemical-attack": "chemical",
         "evacuation": "evacuation", "casualties": "casualties", "humanitarian": "aid",
         "statement": "statement", "other": "other"}
REPORTING = ("ذكرت {outlet}", "أكدت {outlet}", "أفادت {outlet}", "نقلت {outlet} عن مصادر محلية")
FILLER = (
    "وتشهد {place} توترا متصاعدا منذ أسابيع وسط مخاوف من موجة نزوح جديدة.",
    "ويعيش في {place} عشرات آلاف المدنيين في ظروف إنسانية صعبة.",
    "ولم يصدر أي تعليق رسمي من {actor} حتى ساعة إعداد هذا التقرير.",
    "ويأتي ذلك في ظل تعثر الجهود الدولية للتوصل إلى حل سياسي.",
    "وتتبادل الأطراف الاتهامات بخرق اتفاقات التهدئة السابقة في {place}.",
    "ويقول سكان محليون إن الملاجئ لم تعد تتسع للعائلات الفارة من {place}.",
)
COUNTER = ("في المقابل نفت {outlet} رواية {actor} عما جرى في {place} {when}، ووصفتها بأنها غير دقيقة.",
           "غير أن {outlet} شككت في الأرقام المتداولة حول {place} {when}، وقالت إن الحصيلة أقل من ذلك بكثير.")
BODIES = (
    "تروي المصادر أن {place} شهدت هذا الحدث {when}.",
    "يذكر {claimant_name} تفاصيل الحدث، ولم يتسن التحقق منها بشكل مستقل.",
    "**ملاحظة المحرر:** الأرقام الواردة هنا كما نقلتها المصادر، وقد تختلف بين رواية وأخرى.",
)


@dataclass
class Registry:
    """Keys and Arabic spellings read from the copied outlets.yml and gazetteer.yml."""

    outlets: dict[str, list[str]]
    actors: dict[str, list[str]]
    places: dict[str, list[str]]


@dataclass
class PlannedEvent:
    """An event before it is written: its facts, and the sentences that cite it."""

    number: int
    start: date
    precision: str
    category: str
    actors: list[str]
    places: list[str]
    counts: tuple[int, int]
    review: str
    end: date | None = None
    approximate: bool = False
    time: str | None = None
    sources: list[dict[str, Any]] = field(default_factory=list)
    counter_sources: list[dict[str, Any]] = field(default_factory=list)

    @property
    def iso(self) -> str:
        return _iso(self.start, self.precision)


@dataclass
class PlannedArticle:
    id: str
    outlet: str
    published: date
    month_names: tuple[str, ...]
    sentences: list[str] = field(default_factory=list)


def make_corpus(n_events: int, n_articles: int, out_dir: Path | str, seed: int = 0) -> Path:
    """Write the project into ``out_dir`` (replacing what is there); return its mkdocs.yml."""
    if n_articles < 1 or n_events < 0:
        raise ValueError("need at least one article and a non-negative number of events")
    out = Path(out_dir)
    if out.exists():
        shutil.rmtree(out)
    (out / "content").mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", out / "mkdocs.yml")
    shutil.copytree(REPO / "theme", out / "theme", ignore=shutil.ignore_patterns("__pycache__", ".*"))
    for name in COPIED_CONTENT:
        shutil.copy(REPO / "content" / name, out / "content" / name)
    registry = _registry(out / "content")
    rng = random.Random(f"douma-corpus:{n_events}:{n_articles}:{seed}")
    events = sorted((_plan_event(rng, registry, number) for number in range(n_events)),
                    key=lambda e: (e.start, e.number))
    articles = _plan_articles(rng, registry, events, n_articles)
    _write_articles(out / "content" / "articles", articles)
    _write_events(rng, registry, out / "content" / "events", events)
    return out / "mkdocs.yml"


# -- planning ---------------------------------------------------------------------------------

def _registry(content: Path) -> Registry:
    outlets = yaml.safe_load((content / "outlets.yml").read_text(encoding="utf-8"))
    gazetteer = yaml.safe_load((content / "gazetteer.yml").read_text(encoding="utf-8"))
    return Registry(outlets=_arabic_names(outlets), actors=_arabic_names(gazetteer["actors"]),
                    places=_arabic_names(gazetteer["places"]))


def _arabic_names(items: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """Key -> its Arabic spellings (name first, then aliases), file order kept."""
    result = {}
    for key, item in items.items():
        names = [item["name_ar"]] + [a for a in item.get("aliases", []) if _is_arabic(a)]
        result[key] = list(dict.fromkeys(n for n in names if "(" not in n))
    return result


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= char <= "\u06ff" for char in text)


def _plan_event(rng: random.Random, registry: Registry, number: int) -> PlannedEvent:
    span = (LAST_DAY - FIRST_DAY).days
    start = FIRST_DAY + timedelta(days=rng.randrange(span))
    precision = rng.choices(("day", "month", "year"), weights=(85, 11, 4))[0]
    category = rng.choice(sorted(CATEGORIES))
    actors = rng.sample(sorted(registry.actors), k=rng.choice((1, 2, 2, 3)))
    places = rng.sample(sorted(registry.places), k=rng.choice((1, 1, 2)))
    review = rng.choices(("auto", "verified", "disputed", "rejected"), weights=(60, 26, 8, 6))[0]
    event = PlannedEvent(number=number, start=start, precision=precision, category=category, actors=actors,
                         places=places, counts=(rng.randint(3, 1500), rng.randint(2, 40)), review=review)
    if precision == "day" and rng.random() < 0.08:
        event.end = start + timedelta(days=rng.randint(1, 6))
    elif precision == "month" and rng.random() < 0.1:
        event.end = _add_month(start)
    event.approximate = rng.random() < 0.07
    if precision == "day" and rng.random() < 0.1:
        event.time = f"{rng.randint(0, 23):02d}:{rng.choice((0, 15, 30, 45)):02d}"
    return event


def _add_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _plan_articles(rng: random.Random, registry: Registry, events: list[PlannedEvent], n_articles: int) -> list[PlannedArticle]:
    """Consecutive events share an article; some get a second source or a counter-source elsewhere."""
    outlets = sorted(registry.outlets)
    per_article = max(1, -(-len(events) // n_articles))
    articles = []
    for index in range(n_articles):
        chunk = events[index * per_article:(index + 1) * per_article]
        latest = max((_last_day(e) for e in chunk), default=FIRST_DAY + timedelta(days=index))
        published = min(latest + timedelta(days=rng.randint(0, 2)), date(2020, 12, 31))
        outlet = rng.choice(outlets)
        month_names = rng.choice((MONTHS_LEVANTINE, MONTHS_EGYPTIAN))
        articles.append(PlannedArticle(f"{outlet}-{published.isoformat()}-{index:05d}", outlet, published, month_names))
    for position, event in enumerate(events):
        home = min(position // per_article, n_articles - 1)
        _cite(rng, registry, event, articles[home], event.sources)
        if rng.random() < 0.3 and n_articles > 1:
            _cite(rng, registry, event, articles[(home + 1) % n_articles], event.sources)
        if event.review == "disputed" and rng.random() < 0.6 and n_articles > 2:
            _counter(rng, registry, event, articles[(home + 2) % n_articles], event.counter_sources)
    for article in articles:
        _add_filler(rng, registry, article)
    return articles


def _last_day(event: PlannedEvent) -> date:
    end = event.end or event.start
    if event.precision == "year":
        return date(end.year, 12, 31)
    if event.precision == "month":
        return _add_month(end) - timedelta(days=1)
    return end


def _cite(rng: random.Random, registry: Registry, event: PlannedEvent, article: PlannedArticle, into: list) -> None:
    """Add a sentence about ``event`` to ``article`` and cite it."""
    claimant = rng.choice(sorted(k for k in registry.outlets if k != article.outlet))
    words = _words(rng, registry, event, article, claimant)
    sentence = rng.choice(CATEGORIES[event.category][1]).format(**words)
    sentence = _fresh(sentence, article)
    article.sentences.append(sentence)
    citation: dict[str, Any] = {"article": article.id, "quote": sentence}
    if rng.random() < 0.7:
        citation["attributed_to"] = claimant
    into.append(citation)


def _counter(rng: random.Random, registry: Registry, event: PlannedEvent, article: PlannedArticle, into: list) -> None:
    outlet = rng.choice(sorted(registry.outlets))
    words = _words(rng, registry, event, article, outlet)
    sentence = _fresh(rng.choice(COUNTER).format(outlet=words["claimant_name"], **{k: words[k] for k in ("actor", "place", "when")}), article)
    article.sentences.append(sentence)
    into.append({"article": article.id, "quote": sentence, "attributed_to": outlet})


def _fresh(sentence: str, article: PlannedArticle) -> str:
    """A repeated sentence would be cited at its first copy; vary the wording instead."""
    while sentence in article.sentences:
        sentence = sentence[:-1] + " مجددا."
    return sentence


def _words(rng: random.Random, registry: Registry, event: PlannedEvent, article: PlannedArticle, claimant: str) -> dict[str, str]:
    claimant_name = rng.choice(registry.outlets[claimant])
    second = event.actors[1] if len(event.actors) > 1 else rng.choice(sorted(registry.actors))
    return {
        "actor": rng.choice(registry.actors[event.actors[0]]),
        "actor2": rng.choice(registry.actors[second]),
        "place": rng.choice(registry.places[event.places[0]]),
        "count": str(event.counts[0]),
        "count2": str(event.counts[1]),
        "when": _when(event, article.month_names),
        "claimant": rng.choice(REPORTING).format(outlet=claimant_name),
        "claimant_name": claimant_name,
    }


def _when(event: PlannedEvent, months: tuple[str, ...]) -> str:
    """The event's date as an Arabic article writes it."""
    start = event.start
    about = " تقريبا" if event.approximate else ""
    if event.precision == "year":
        return f"خلال عام {start.year}{about}"
    if event.precision == "month":
        if event.end:
            return f"بين شهري {months[start.month - 1]} و{months[event.end.month - 1]} {event.end.year}{about}"
        return f"خلال شهر {months[start.month - 1]} {start.year}{about}"
    if event.end:
        return (f"في الفترة من {start.day} {months[start.month - 1]} حتى {event.end.day} "
                f"{months[event.end.month - 1]} {event.end.year}{about}")
    day = f"يوم {WEEKDAYS[start.weekday()]} {start.day} {months[start.month - 1]} {start.year}"
    if event.time:
        day += f" عند الساعة {event.time}"
    return day + about


def _add_filler(rng: random.Random, registry: Registry, article: PlannedArticle) -> None:
    """Context sentences between the cited ones, as real articles have."""
    for _ in range(rng.randint(2, 5)):
        words = {"place": rng.choice(registry.places[rng.choice(sorted(registry.places))]),
                 "actor": rng.choice(registry.actors[rng.choice(sorted(registry.actors))])}
        position = rng.randint(0, len(article.sentences))
        sentence = rng.choice(FILLER).format(**words)
        if sentence not in article.sentences:
            article.sentences.insert(position, sentence)


# -- writing ----------------------------------------------------------------------------------

def _write_articles(folder: Path, articles: list[PlannedArticle]) -> None:
    folder.mkdir(parents=True)
    for number, article in enumerate(articles):
        front = {"id": article.id, "outlet": article.outlet, "published": article.published.isoformat(), "language": "ar"}
        if number % 3 == 0:
            front["url"] = f"https://www.example.org/news/{article.id}"
        if number % 6 == 0:
            front["archived_url"] = f"https://web.archive.org/web/{article.published:%Y%m%d}120000/{front['url']}"
        dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000)
        (folder / f"{article.id}.md").write_text(f"---\n{dumped}---\n{_paragraphs(article.sentences)}\n", encoding="utf-8")


def _paragraphs(sentences: list[str]) -> str:
    """Two or three sentences to a line: paragraphs as the outlets print them."""
    lines = [" ".join(sentences[i:i + 2 + i % 2]) for i in range(0, len(sentences), 2)]
    return "\n".join(lines)


def _write_events(rng: random.Random, registry: Registry, folder: Path, events: list[PlannedEvent]) -> None:
    folder.mkdir(parents=True)
    for event in events:
        event_id = f"{event.iso}-{SLUGS[event.category]}-{event.places[0]}-{event.number:05d}"
        path = folder / str(event.start.year) / f"{event_id}.md"
        path.parent.mkdir(exist_ok=True)
        front, body = _entry(rng, registry, event, event_id)
        path.write_text(entry_file_text(front, body), encoding="utf-8")


def _entry(rng: random.Random, registry: Registry, event: PlannedEvent, event_id: str) -> tuple[dict[str, Any], str]:
    words = {
        "actor": registry.actors[event.actors[0]][0],
        "actor2": registry.actors[event.actors[-1]][0],
        "place": registry.places[event.places[0]][0],
        "count": str(event.counts[0]),
        "when": _when(event, MONTHS_LEVANTINE),
        "claimant_name": registry.outlets[event.sources[0].get("attributed_to") or "elaph"][0],
    }
    front: dict[str, Any] = {"id": event_id, "date": event.iso}
    if event.end:
        front["end"] = _iso(event.end, event.precision)
    if event.approximate:
        front["approximate"] = True
    if event.time:
        front["time"] = event.time
    front["title"] = rng.choice(CATEGORIES[event.category][0]).format(**words)
    extra = [c for c in sorted(CATEGORIES) if c != event.category]
    front["categories"] = [event.category] + ([rng.choice(extra)] if rng.random() < 0.15 else [])
    # A few entries name an actor by an alias, as editors do; validation resolves it.
    front["actors"] = [registry.actors[k][-1] if rng.random() < 0.05 else k for k in event.actors]
    front["places"] = list(event.places)
    front["review"] = event.review
    front["sources"] = event.sources
    if event.counter_sources:
        front["counter_sources"] = event.counter_sources
    body = " ".join(rng.choice(BODIES).format(**words) for _ in range(rng.randint(1, 2)))
    return front, body


def _iso(day: date, precision: str) -> str:
    return {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[precision]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n_events", type=int, help="number of event entries")
    parser.add_argument("n_articles", type=int, help="number of stored articles")
    parser.add_argument("out_dir", type=Path, help="project folder to write (replaced if it exists)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    config = make_corpus(args.n_events, args.n_articles, args.out_dir, args.seed)
    print(config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
