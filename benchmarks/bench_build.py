"""Build benchmark: our build against plain MkDocs and against the bare floor (issue 7).

For each size N (events) in one run, on the same generated corpus:

(a) ours  — ``timeline.build.build_site`` (validation, the plugin, every page and export);
(b) plain — ``mkdocs build`` of the same entry files with a one-line ``main.html``
            (``{{ page.content }}``), no plugins, ``use_directory_urls``, nav = index only:
            what MkDocs costs by itself;
(c) floor — Python-Markdown + Jinja2 converting the same files and writing the
            pages straight to disk.

Each measurement runs in a fresh process (timed around the build call, after
imports; peak RSS of that process). The report gives the ratios ours/plain
and ours/floor, growth between sizes, page weights of our site, and
PASS/FAIL against the targets of issue 7. Times are reported, never asserted
by tests.

    python benchmarks/bench_build.py --sizes 100,1000,10000 [--repeat 1] [--timeout 900] [--stages] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import io
import json
import pstats
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.common import (  # noqa: E402
    RESULT_PREFIX, corpus, cpu_seconds, user_seconds, html_sizes, now, peak_rss_mb, report_child_result, run_child, tree_size,
)

KINDS = ("ours", "plain", "floor")
SEARCH_DIR = "assets/search"  # timeline/site/search.py: SEARCH_DIR (the index in parts)
TARGETS = {
    "ours/plain at the largest N": 2.0,
    "growth per 10x events": 11.0,
    "peak memory MB": 1024.0,
    "largest event page KB": 15.0,
    "largest HTML page KB": 500.0,
    "search index KB per event": 1.5,
}
PLAIN_TEMPLATE = "{{ page.content }}\n"
FLOOR_TEMPLATE = ('<!doctype html>\n<html lang="ar" dir="rtl"><head><meta charset="utf-8">'
                  "<title>{{ title }}</title></head><body>{{ content }}</body></html>\n")


# -- the three builds (run inside a child process) --------------------------------------------

def build_ours(config: Path, site: Path) -> None:
    """What `timeline build --no-extract` does: validate, then MkDocs with the plugin."""
    from timeline.build import build_site

    build_site(config, site)


def prepare_plain(config: Path, work: Path) -> Path:
    """A bare MkDocs project holding the same entry files; its mkdocs.yml."""
    if work.exists():
        shutil.rmtree(work)
    events = config.parent / "content" / "events"
    shutil.copytree(events, work / "docs" / "events")
    (work / "docs" / "index.md").write_text("# Plain MkDocs\n", encoding="utf-8")
    (work / "templates").mkdir()
    (work / "templates" / "main.html").write_text(PLAIN_TEMPLATE, encoding="utf-8")
    (work / "mkdocs.yml").write_text(
        "site_name: plain\ndocs_dir: docs\nsite_dir: site\nuse_directory_urls: true\n"
        "theme:\n  name: null\n  custom_dir: templates\nnav:\n  - index.md\nplugins: []\n", encoding="utf-8")
    return work / "mkdocs.yml"


def build_plain(config: Path, site: Path) -> None:
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # "not in nav" notes for every page
    build(load_config(config_file=str(config), site_dir=str(site)))


def build_floor(config: Path, site: Path) -> None:
    """Front matter, Markdown, a template, a file: nothing else."""
    import jinja2
    import markdown
    import yaml
    from markupsafe import Markup

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # what MkDocs itself uses
    template = jinja2.Environment(autoescape=True).from_string(FLOOR_TEMPLATE)
    converter = markdown.Markdown()
    for path in sorted((config.parent / "docs" / "events").rglob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.load(front, Loader=loader)
        html = converter.reset().convert(body)
        target = site / "events" / path.stem / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.render(title=meta.get("title", ""), content=Markup(html)), encoding="utf-8")


# (label, module, attribute path, parent label or None); a parent's remainder is shown as "other".
STAGES: tuple[tuple[str, str, str, str | None], ...] = (
    ("validation before MkDocs (build_site -> load_project)", "timeline.content.load", "load_project", None),
    ("MkDocs build", "mkdocs.commands.build", "build", None),
    ("plugin on_config: load_content again + page data", "timeline.plugin", "TimelinePlugin.on_config", "MkDocs build"),
    ("page data (SiteRenderer.__init__)", "timeline.site.render", "SiteRenderer.__init__",
     "plugin on_config: load_content again + page data"),
    ("plugin on_files: exports (json, csv, feed, search index)", "timeline.plugin", "TimelinePlugin.on_files", "MkDocs build"),
    ("plugin on_post_build: generated pages", "timeline.plugin", "TimelinePlugin.on_post_build", "MkDocs build"),
    ("rendering (SiteRenderer.outputs)", "timeline.site.render", "SiteRenderer.outputs", "plugin on_post_build: generated pages"),
)


def build_ours_by_stage(config: Path, site: Path) -> None:
    """Our build with CPU time charged to its stages (cheap wrappers, unlike cProfile)."""
    import importlib
    import inspect

    spent: dict[str, float] = {}
    for label, module_name, attribute, _ in STAGES:
        owner: Any = importlib.import_module(module_name)
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        function = getattr(owner, name)
        wrap = _timed_generator if inspect.isgeneratorfunction(function) else _timed
        setattr(owner, name, wrap(label, function, spent))
    start = cpu_seconds()
    build_ours(config, site)
    spent["whole build"] = cpu_seconds() - start
    print(RESULT_PREFIX.strip() + "-STAGES " + json.dumps(spent), flush=True)


def _timed(label: str, function: Any, spent: dict[str, float]) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = cpu_seconds()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + cpu_seconds() - start
    return wrapper


def _timed_generator(label: str, function: Any, spent: dict[str, float]) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        iterator = function(*args, **kwargs)
        while True:
            start = cpu_seconds()
            try:
                item = next(iterator)
            except StopIteration:
                return
            finally:
                spent[label] = spent.get(label, 0.0) + cpu_seconds() - start
            yield item
    return wrapper


BUILDERS = {"ours": build_ours, "plain": build_plain, "floor": build_floor, "stages": build_ours_by_stage}


def child(kind: str, config: Path, site: Path, profile: Path | None) -> None:
    """Entry point of the measuring process: import, time one build, report."""
    import jinja2  # noqa: F401  (imports are not what we time)
    import markdown  # noqa: F401
    import mkdocs.commands.build  # noqa: F401

    if site.exists():
        shutil.rmtree(site)
    profiler = cProfile.Profile() if profile else None
    start, cpu_start, user_start = now(), cpu_seconds(), user_seconds()
    if profiler:
        profiler.enable()
    BUILDERS[kind](config, site)
    if profiler:
        profiler.disable()
        profiler.dump_stats(str(profile))
    report_child_result({"seconds": now() - start, "cpu": cpu_seconds() - cpu_start,
                         "user": user_seconds() - user_start, "peak_mb": peak_rss_mb()})


# -- the run --------------------------------------------------------------------------------

@dataclass
class SizeResult:
    n: int
    published: int = 0
    seconds: dict[str, float | None] = field(default_factory=dict)  # on the --clock chosen
    wall: dict[str, float | None] = field(default_factory=dict)
    peak_mb: dict[str, float | None] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    weights: dict[str, Any] = field(default_factory=dict)
    runs: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


CLOCKS = {"cpu": ("process_user", "process_sys"), "user": ("process_user",), "wall": ("process_wall",)}


def process_seconds(result: dict[str, Any], clock: str) -> float:
    """A whole process's time on ``clock``: user+sys CPU, user CPU or wall seconds."""
    return sum(result[key] for key in CLOCKS[clock])


def run_size(n: int, args: argparse.Namespace) -> SizeResult:
    """Every contender ``--repeat`` times, alternating which goes first, each
    in a fresh whole process; medians of the time on ``--clock`` and of wall
    time, and the largest peak memory."""
    config = corpus(n, args.work_dir, args.seed)
    plain_config = prepare_plain(config, args.work_dir / f"plain-{n}")
    result = SizeResult(n=n)
    sites = {"ours": args.work_dir / f"site-{n}", "plain": plain_config.parent / "site", "floor": plain_config.parent / "floor-site"}
    configs = {"ours": config, "plain": plain_config, "floor": plain_config}
    runs: dict[str, list[dict[str, Any]]] = {kind: [] for kind in args.kinds}
    for round_number in range(args.repeat):
        order = args.kinds if round_number % 2 == 0 else tuple(reversed(args.kinds))
        for kind in order:
            if kind in result.errors:
                continue
            print(f"  N={n}: {kind} (round {round_number + 1}) …", file=sys.stderr, flush=True)
            removal = remove_previous_site(sites[kind])
            load_before = os.getloadavg()[0]
            measured = run_child([__file__, "--child", kind, str(configs[kind]), str(sites[kind])], args.timeout)
            measured["load"] = (load_before, os.getloadavg()[0])
            measured["removal"] = removal
            if "error" in measured:
                result.errors[kind] = measured["error"]
                remove_staging(args.work_dir, n)
            else:
                runs[kind].append(measured)
    for kind, good in runs.items():
        if good:
            result.seconds[kind] = median(process_seconds(r, args.clock) for r in good)
            result.wall[kind] = median(r["process_wall"] for r in good)
            result.peak_mb[kind] = max(r["process_peak_mb"] for r in good)
    result.runs = runs
    if "ours" in runs and runs["ours"]:
        result.weights = page_weights(sites["ours"])
        result.published = result.weights["events"]
    return result


def remove_previous_site(site: Path) -> tuple[float, float] | None:
    """Remove the last run's site before the build is timed; (wall, CPU) seconds
    it took, or None. Not part of the build: the child used to do it inside the
    measured process, which at 50,000 events (54,000 folders on this ext4
    mounted with ``discard``) added 6-7 CPU s and up to a minute of wall time
    waiting for the disk."""
    if not site.exists():
        return None
    start, cpu_start = now(), cpu_seconds()
    shutil.rmtree(site)
    return now() - start, cpu_seconds() - cpu_start


def remove_staging(work_dir: Path, n: int) -> None:
    """The temporary folder a build killed at --timeout leaves beside its site."""
    for stale in work_dir.glob(f".site-{n}.new-*"):
        shutil.rmtree(stale, ignore_errors=True)


def page_weights(site: Path) -> dict[str, Any]:
    """The weights issue 7 budgets: event pages, the largest page, the search index."""
    pages = html_sizes(site)
    events = sorted(size for path, size in pages.items() if path.startswith("events/"))
    largest = max(pages.items(), key=lambda item: item[1])
    search_bytes = tree_size(site / SEARCH_DIR) if (site / SEARCH_DIR).is_dir() else 0
    return {
        "events": len(events),
        "pages": len(pages),
        "event_median_kb": median(events) / 1024 if events else 0.0,
        "event_max_kb": events[-1] / 1024 if events else 0.0,
        "largest_page": largest[0],
        "largest_page_kb": largest[1] / 1024,
        "index_kb": pages.get("index.html", 0) / 1024,
        "site_mb": tree_size(site) / 1024 / 1024,
        "search_kb": search_bytes / 1024,
        "search_kb_per_event": search_bytes / 1024 / max(len(events), 1),
        "month_pages": sum(1 for path in pages if path.startswith("months/")),
    }


# -- the report -----------------------------------------------------------------------------

def _fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def report(results: list[SizeResult]) -> str:
    lines = [
        "| N events | published | ours s | plain s | floor s | ours/plain | ours/floor | ours growth | plain growth "
        "| ours wall s | ours MB | plain MB | floor MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    previous: SizeResult | None = None
    for r in results:
        growth = {k: _ratio(r.seconds.get(k), previous.seconds.get(k)) if previous else None for k in KINDS}
        lines.append(
            f"| {r.n:,} | {r.published:,} | {_fmt(r.seconds.get('ours'))} | {_fmt(r.seconds.get('plain'))} "
            f"| {_fmt(r.seconds.get('floor'))} | {_fmt(_ratio(r.seconds.get('ours'), r.seconds.get('plain')))} "
            f"| {_fmt(_ratio(r.seconds.get('ours'), r.seconds.get('floor')))} | {_fmt(growth['ours'])} "
            f"| {_fmt(growth['plain'])} | {_fmt(r.wall.get('ours'))} | {_fmt(r.peak_mb.get('ours'), 0)} | {_fmt(r.peak_mb.get('plain'), 0)} "
            f"| {_fmt(r.peak_mb.get('floor'), 0)} |")
        previous = r
    lines += ["", "| N events | event page median KB | event page max KB | largest page | largest KB | index.html KB "
              "| month pages | HTML pages | site MB | search index KB | search KB/event |",
              "|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        w = r.weights
        if not w:
            lines.append(f"| {r.n:,} | " + " | ".join(["—"] * 10) + " |")
            continue
        lines.append(
            f"| {r.n:,} | {w['event_median_kb']:.1f} | {w['event_max_kb']:.1f} | {w['largest_page']} "
            f"| {w['largest_page_kb']:.1f} | {w['index_kb']:.1f} | {w['month_pages']} | {w['pages']:,} "
            f"| {w['site_mb']:.1f} | {w['search_kb']:.0f} | {w['search_kb_per_event']:.2f} |")
    lines += ["", "| N events | contender | round | user s | sys s | wall s | peak MB | load (1 min) before → after "
              "| previous site removed before (wall s, CPU s) |", "|---:|---|---:|---:|---:|---:|---:|---|---|"]
    for r in results:
        for kind, runs in r.runs.items():
            for number, run in enumerate(runs, 1):
                load = run.get("load")
                removal = run.get("removal")
                lines.append(
                    f"| {r.n:,} | {kind} | {number} | {run['process_user']:.2f} | {run['process_sys']:.2f} "
                    f"| {run['process_wall']:.2f} | {run['process_peak_mb']:.0f} "
                    f"| {f'{load[0]:.1f} → {load[1]:.1f}' if load else '—'} "
                    f"| {f'{removal[0]:.1f}, {removal[1]:.1f}' if removal else '—'} |")
    for r in results:
        for kind, error in r.errors.items():
            lines.append(f"\nN={r.n} {kind}: {error}")
    return "\n".join(lines)


ISSUE_15 = {"wall s at 50,000 events": 90.0, "peak memory MB at 50,000 events": 500.0,
            "50,000/10,000 time ratio": 5.5}


def issue_15_verdicts(results: list[SizeResult]) -> list[tuple[str, float | None, float, bool | None]]:
    """The floors of issue 15, when the run has 10,000 and 50,000 events."""
    by_n = {r.n: r for r in results}
    if 50000 not in by_n:
        return []
    big, small = by_n[50000], by_n.get(10000)
    measured = {"wall s at 50,000 events": big.wall.get("ours"), "peak memory MB at 50,000 events": big.peak_mb.get("ours"),
                "50,000/10,000 time ratio": _ratio(big.seconds.get("ours"), small.seconds.get("ours")) if small else None}
    return [(name, measured[name], limit, None if measured[name] is None else measured[name] <= limit)
            for name, limit in ISSUE_15.items()]


def verdicts(results: list[SizeResult]) -> list[tuple[str, float | None, float, bool | None]]:
    """(target, measured, limit, passed) — measured at the largest N, growth over the last step."""
    largest = results[-1]
    growth = None
    if len(results) > 1:
        before = results[-2]
        step = largest.n / before.n
        raw = _ratio(largest.seconds.get("ours"), before.seconds.get("ours"))
        growth = raw * 10 / step if raw is not None else None  # per 10x events
    measured = {
        "ours/plain at the largest N": _ratio(largest.seconds.get("ours"), largest.seconds.get("plain")),
        "growth per 10x events": growth,
        "peak memory MB": max((r.peak_mb["ours"] for r in results if r.peak_mb.get("ours") is not None), default=None),
        "largest event page KB": largest.weights.get("event_max_kb"),
        "largest HTML page KB": largest.weights.get("largest_page_kb"),
        "search index KB per event": largest.weights.get("search_kb_per_event"),
    }
    return [(name, measured[name], limit, None if measured[name] is None else measured[name] <= limit)
            for name, limit in TARGETS.items()]


def print_profile(n: int, args: argparse.Namespace) -> None:
    """Profile our build at size ``n`` (a separate, slower run) and print the hotspots."""
    config = corpus(n, args.work_dir, args.seed)
    stats_file = args.work_dir / f"profile-{n}.pstats"
    result = run_child([__file__, "--child", "ours", str(config), str(args.work_dir / f"site-{n}"),
                        "--profile-to", str(stats_file)], args.timeout * 2)
    if "error" in result:
        print(f"profile N={n}: {result['error']}")
        return
    out = io.StringIO()
    stats = pstats.Stats(str(stats_file), stream=out)
    print(f"\nProfile of our build at N={n} ({result['seconds']:.1f} s under cProfile; {stats_file}):")
    stats.sort_stats("cumulative").print_stats(r"timeline|mkdocs/commands|jinja2/environment", 30)
    stats.sort_stats("tottime").print_stats(25)
    print(out.getvalue())


def print_stages(n: int, args: argparse.Namespace) -> None:
    """Where our build's CPU time goes at size ``n``, stage by stage."""
    import subprocess

    config = corpus(n, args.work_dir, args.seed)
    command = [sys.executable, __file__, "--child", "stages", str(config), str(args.work_dir / f"site-{n}")]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout, cwd=REPO)
    marker = RESULT_PREFIX.strip() + "-STAGES "
    lines = [line for line in finished.stdout.splitlines() if line.startswith(marker)]
    if not lines:
        print(f"stages N={n}: failed: {finished.stderr.strip().splitlines()[-1:]}")
        return
    spent = json.loads(lines[-1][len(marker):])
    total = spent["whole build"]
    print(f"\nOur build at N={n}, CPU seconds by stage (nested stages indented; 'other' is a stage's own remainder):")
    _print_stage("whole build", None, spent, total, 0)


def _print_stage(label: str, parent: str | None, spent: dict[str, float], total: float, depth: int) -> None:
    seconds = spent.get(label, 0.0)
    print(f"  {seconds:8.2f} s  {100 * seconds / total:5.1f} %  {'  ' * depth}{label}")
    children = [name for name, *_, above in STAGES if above == (None if label == "whole build" else label)]
    if not children:
        return
    for child_label in children:
        _print_stage(child_label, label, spent, total, depth + 1)
    other = seconds - sum(spent.get(name, 0.0) for name in children)
    print(f"  {other:8.2f} s  {100 * other / total:5.1f} %  {'  ' * (depth + 1)}other")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated numbers of events")
    parser.add_argument("--repeat", type=int, default=1, help="rounds, alternating the contenders' order (medians are kept)")
    parser.add_argument("--kinds", default=",".join(KINDS), help="contenders, of ours,plain,floor")
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed for one build")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--clock", choices=("user", "cpu", "wall"), default="cpu",
                        help="time compared: user+system CPU seconds of the whole process (default), user CPU "
                             "seconds, or wall seconds; wall time is always shown too")
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/timeline-bench"))
    parser.add_argument("--profile", action="store_true", help="also profile our build at the largest size (cProfile)")
    parser.add_argument("--stages", action="store_true", help="also time our build's stages at the largest size")
    parser.add_argument("--json", type=Path, help="write the raw results here")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "CONFIG", "SITE"), help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.kinds = tuple(kind for kind in args.kinds.split(",") if kind)
    if args.child:
        kind, config, site = args.child
        child(kind, Path(config), Path(site), args.profile_to)
        return 0
    args.work_dir.mkdir(parents=True, exist_ok=True)
    sizes = [int(size) for size in args.sizes.split(",")]
    results = [run_size(n, args) for n in sizes]
    print(f"\nBuild benchmark, sizes {sizes}, medians of {args.repeat} alternating round(s), seed {args.seed}, "
          f"whole processes, times in {args.clock} seconds (work dir {args.work_dir}); "
          f"load average {os.getloadavg()[0]:.1f} at the end (2 cores, shared)\n")
    print(report(results))
    print("\nTargets (issue 7, and issue 15 when 10,000 and 50,000 events are measured):")
    failed = False
    for name, value, limit, passed in verdicts(results) + issue_15_verdicts(results):
        state = "n/a " if passed is None else ("PASS" if passed else "FAIL")
        failed |= passed is False
        print(f"  {state}  {name}: {_fmt(value)} (limit {limit:g})")
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in results], indent=1, sort_keys=True))
    if args.stages:
        print_stages(sizes[-1], args)
    if args.profile:
        print_profile(sizes[-1], args)
    if any(r.errors for r in results):
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
