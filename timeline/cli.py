"""The ``timeline`` command: one subcommand per stage of the pipeline.

Each command is a thin wrapper: it parses flags, calls the stage's module and
prints its result. Problems in content are ``ContentError``s, printed as
``path:line: field: message`` lines with exit code 1, never as tracebacks.

The stages are imported inside the commands, the one module where imports are
not at the top (with ``dates/``' optional engines): every command starts this
module, and importing every stage up front (MkDocs, the plugin, the build,
extraction, ingest, snapshot, preview) costs each command, ``timeline dates``
and ``--help`` included, about 0.4 s of CPU more (measured: ``import
timeline.cli`` 0.06 s user alone, 0.47 s with the stages). Each command imports
only its own stage. What each costs on top of this module (``python -X
importtime``, best of five, cumulative, on a machine at load 11, so about twice
a quiet one's): ``timeline.preview`` 793 ms, ``timeline.ingest.stage`` 674,
``timeline.snapshot`` 600, ``timeline.config`` 374 (MkDocs), ``timeline.build``
360, ``timeline.extract`` 199, ``timeline.content.load`` 87,
``timeline.content.new_entry`` 67, ``timeline.content.suggestions`` 42,
``timeline.dates`` 24, ``timeline.content.problems`` 4
(``tests/test_imports.py`` fails on a stage imported in a command and missing
here). ``content.session``, needed by every command, is imported at the top.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from timeline import __version__
from timeline.content.session import forget_loaded, one_load

CONFIG_OPTION = click.option(
    "--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), default=Path("mkdocs.yml"),
    show_default=True, help="The site's mkdocs.yml; content is found relative to it.",
)


class IsoDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):  # noqa: ANN001 - click's signature
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f'"{value}" is not a date; write YYYY-MM-DD, e.g. 2018-04-08', param, ctx)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="timeline")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Turn Arabic news articles into a citable right-to-left timeline."""

    ctx.with_resource(one_load())  # a command, its extraction and its build share one load of the content


def _load_checked(config_file: Path, action: str):  # noqa: ANN202 - (ProjectConfig, Content, problems)
    """mkdocs.yml and all content, loaded once; raise ContentError listing every error; echo warnings."""
    from timeline.config import read_config
    from timeline.content.load import load_content
    from timeline.content.problems import ContentError, errors

    project, config_problems = read_config(config_file)
    if project is None:
        raise ContentError(config_problems, action=action)
    content, problems = load_content(project.content_dir, project.categories, project.markdown)
    problems = sorted(config_problems + problems)
    if errors(problems):
        raise ContentError(problems, action=action)
    for problem in problems:
        click.echo(str(problem), err=True)
    return project, content, problems


@main.command()
@CONFIG_OPTION
def check(config_file: Path) -> None:
    """Validate all content; print every problem with file, line and field."""
    from timeline.content.suggestions import pending_suggestions

    _, content, _ = _load_checked(config_file, "check")
    suggestions = pending_suggestions(content)
    for line in suggestions:
        click.echo(line)
    shown = len(content.published_entries)
    click.echo(
        f"ok: {len(content.entries)} entries ({shown} published, {len(content.entries) - shown} rejected), "
        f"{len(content.articles)} articles, {len(content.outlets)} outlets, "
        f"{len(content.actors)} actors, {len(content.places)} places"
        + (f"; {len(suggestions)} merge suggestions to review" if suggestions else "")
    )


@main.command()
@CONFIG_OPTION
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), help="Output folder (default: site_dir of mkdocs.yml).")
@click.option("--no-extract", is_flag=True, help="Do not extract articles that were never extracted.")
@click.option("--strict", is_flag=True, help="Fail on MkDocs warnings.")
def build(config_file: Path, site_dir: Path | None, no_extract: bool, strict: bool) -> None:
    """Extract new articles, validate, and build the site (atomically)."""
    from timeline.build import build_site, safe_site_dir
    from timeline.config import project_config

    safe_site_dir(project_config(config_file, "build"), site_dir)  # refuse a dangerous target before anything is extracted
    project, content, problems = _load_checked(config_file, "build")  # extraction only ever runs on valid content
    if not no_extract and _extract_new(project, content):
        forget_loaded()  # extraction wrote entries: the one load of this command is out of date
        project, content, problems = _load_checked(config_file, "build")
    result = build_site(config_file, site_dir, strict=strict or None, loaded=(content, problems))
    click.echo(f"built {result.site_dir}: {result.entries} events, {result.pages} pages")
    for note in result.notes:
        click.echo(f"note: {note}")


def _extract_new(project, content) -> bool:  # noqa: ANN001
    """Extract the articles never extracted; True if any were."""
    if not project.timeline.auto_extract:
        return False
    from timeline.extract import never_extracted, run_extraction

    pending = never_extracted(content)
    if pending:
        summary = run_extraction(project.content_dir, pending, dry_run=False, jobs=1, progress=False,
                                 echo=click.echo, period=project.timeline.period, content=content)
        click.echo(f"extracted {len(pending)} new article(s): {summary}")
    return bool(pending)


@main.command()
@click.argument("articles", nargs=-1)
@CONFIG_OPTION
@click.option("--dry-run", is_flag=True, help="Print the entries that would be written; write nothing.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Processes to use.")
def extract(articles: tuple[str, ...], config_file: Path, dry_run: bool, jobs: int) -> None:
    """Turn articles into draft entries (all of content/articles/ by default)."""
    from timeline.extract import run_extraction

    project, content, _ = _load_checked(config_file, "extract")  # never extract into invalid content
    ids = [Path(a).stem for a in articles] or None
    summary = run_extraction(project.content_dir, ids, dry_run=dry_run, jobs=jobs, progress=sys.stderr.isatty(),
                             echo=click.echo, period=project.timeline.period, content=content)
    click.echo(str(summary))


@main.command(name="dates")
@click.argument("file", type=click.File("r", encoding="utf-8-sig"))
@click.option("--published", type=IsoDate(), required=True, help="Publication date the text is relative to.")
@click.option("--language", type=click.Choice(["ar", "en"]), default="ar", show_default=True)
@click.option("--format", "output_format", type=click.Choice(["json", "text"]), default="json", show_default=True)
def dates_command(file, published: date, language: str, output_format: str) -> None:  # noqa: ANN001
    """List every temporal expression in FILE with its span and value."""
    from timeline.dates import find_dates, render_marked_text

    text = file.read().replace("\r\n", "\n")
    mentions = find_dates(text, published, language=language)
    if output_format == "text":
        click.echo(render_marked_text(text, mentions))
    else:
        click.echo(json.dumps([m.to_json() for m in mentions], ensure_ascii=False, indent=1))


@main.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@CONFIG_OPTION
@click.option("--outlet", help="Outlet key from outlets.yml.")
@click.option("--published", type=IsoDate(), help="Publication date (read from HTML metadata when absent).")
@click.option("--url", help="Original URL of the article.")
@click.option("--title", help="The outlet's own headline.")
@click.option("--id", "article_id", help="Article id (default: outlet-date-slug).")
@click.option("--encoding", help="Text encoding, when detection is not enough (e.g. cp1256).")
def import_command(file: Path, config_file: Path, outlet, published, url, title, article_id, encoding) -> None:  # noqa: ANN001
    """Store a raw .txt, .md or .html article under content/articles/."""
    from timeline.config import project_config
    from timeline.ingest.stage import import_article

    result = import_article(file, project_config(config_file, "import").content_dir, outlet=outlet,
                            published=published, url=url, title=title, article_id=article_id, encoding=encoding)
    for note in result.notes:
        click.echo(str(note), err=True)
    click.echo(f"{'imported' if result.created else 'unchanged'}: {result.path}")


@main.command()
@CONFIG_OPTION
@click.option("--date", "when", required=False, help="YYYY-MM-DD, YYYY-MM or YYYY.")
@click.option("--end", help="End of a range.")
@click.option("--approximate", is_flag=True, help="The date is approximate.")
@click.option("--title", help="Short Arabic title.")
@click.option("--category", "categories", multiple=True, help="Category key (repeatable).")
@click.option("--actor", "actors", multiple=True, help="Actor key or alias (repeatable).")
@click.option("--place", "places", multiple=True, help="Place key or alias (repeatable).")
@click.option("--article", help="Id of the stored article the quote comes from.")
@click.option("--quote", help="The sentence, copied verbatim from the article.")
@click.option("--attributed-to", help="Who makes the claim (outlet or actor key), when not the outlet.")
@click.option("--slug", help="ASCII words for the id (default: from the title, categories and places).")
def new(config_file: Path, **fields) -> None:  # noqa: ANN003
    """Create a new entry; missing flags leave TODO placeholders that check reports."""
    from timeline.config import project_config
    from timeline.content.new_entry import create_entry

    path = create_entry(project_config(config_file, "new").content_dir, **fields)
    click.echo(f"created {path}")


@main.command()
@click.argument("entry")
@CONFIG_OPTION
@click.option("--article", required=True, help="The article of the suggestion (as `timeline check` lists it).")
@click.option("--sentence", type=click.IntRange(1), required=True, help="Its sentence number.")
@click.option("--reason", help="Why it is not the same event (kept in the file).")
def dismiss(entry: str, config_file: Path, article: str, sentence: int, reason: str | None) -> None:
    """Dismiss a merge suggestion; recorded in content/dismissed-suggestions.yml (commit it)."""
    from timeline.config import project_config
    from timeline.content.suggestions import dismiss_suggestion

    path = dismiss_suggestion(project_config(config_file, "dismiss").content_dir, entry, article, sentence, reason)
    click.echo(f"dismissed: {entry} / {article} sentence {sentence} (recorded in {path})")


@main.command()
@CONFIG_OPTION
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
def serve(config_file: Path, dev_addr: str) -> None:
    """Live preview for editors: rebuilds only what a change to content/ touches.

    Content stays in memory; a change to an entry, article, outlets.yml or
    gazetteer.yml re-renders only the pages whose inputs changed, a change to
    mkdocs.yml or theme/ rebuilds everything (docs/preview.md). Problems are
    shown in the terminal and on every page, over the last good site."""
    from timeline.preview import run_preview

    host, _, port = dev_addr.rpartition(":")
    if not port.isdigit():
        raise click.BadParameter(f'"{dev_addr}" is not HOST:PORT, e.g. 127.0.0.1:8000', param_hint="--dev-addr")
    run_preview(config_file, host or "127.0.0.1", int(port), echo=lambda line: click.echo(line, err=True))


@main.command()
@CONFIG_OPTION
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="The .zip to write (default: <site_id>-<date>.zip).")
def snapshot(config_file: Path, out: Path | None) -> None:
    """Make an offline BagIt snapshot (.zip) of the site and its sources."""
    from timeline.snapshot import make_snapshot

    _load_checked(config_file, "snapshot")
    result = make_snapshot(config_file, out)
    click.echo(f"wrote {result}")


@main.command()
@click.argument("bag", type=click.Path(exists=True, path_type=Path))
def verify(bag: Path) -> None:
    """Check a snapshot (.zip or folder): every file present and unchanged."""
    from timeline.snapshot import verify_snapshot

    report = verify_snapshot(bag)
    click.echo(report)


if __name__ == "__main__":  # pragma: no cover
    main()
