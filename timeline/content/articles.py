"""Reading stored articles (``content/articles/<id>.md``) into the model.

The text after the front matter is kept verbatim: citations quote it, and
sentence anchors count its sentences.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from timeline.content.fields import check_http_url, check_id, check_unknown_keys, parse_day
from timeline.content.frontmatter import list_content_files, read_document_or_report
from timeline.content.model import Article
from timeline.content.problems import Problem, did_you_mean

ARTICLE_FIELDS = ("id", "outlet", "published", "language", "url", "archived_url", "title", "note", "source_file")
LANGUAGES = ("ar", "en")


def load_articles(articles_dir: Path, outlets: dict) -> tuple[dict[str, Article], list[Problem]]:
    articles: dict[str, Article] = {}
    paths, problems = list_content_files(articles_dir, articles_dir.parent, recursive=False)
    for path in paths:
        article = _load_article(path, outlets, problems)
        if article is not None:
            articles[article.id] = article
    return articles, problems


def _load_article(path: Path, outlets: dict, problems: list[Problem]) -> Article | None:
    name = str(path)
    document = read_document_or_report(path, problems, path.parent.parent)
    if document is None:
        return None
    data, line = document.data, document.line
    before = len([p for p in problems if p.severity == "error"])
    check_unknown_keys(name, data, ARTICLE_FIELDS, line, problems)
    article_id = check_id(name, data.get("id"), path.stem, line("id"), problems)
    outlet = str(data.get("outlet") or "")
    if not outlet:
        problems.append(Problem(name, line("outlet"), "outlet", "required: the key of the publishing outlet in outlets.yml"))
    elif outlet not in outlets:
        problems.append(Problem(name, line("outlet"), "outlet", f'"{outlet}" is not in outlets.yml{did_you_mean(outlet, outlets)}; add it there', "warning"))
    published = parse_day(name, data.get("published"), "published", line("published"), problems, required=True)
    language = str(data.get("language") or "ar")
    if language not in LANGUAGES:
        problems.append(Problem(name, line("language"), "language", f'"{language}" is not supported; use ar or en'))
    for key in ("url", "archived_url"):
        check_http_url(name, data.get(key), key, line(key), problems)
    if not document.body.strip():
        problems.append(Problem(name, document.body_line, "text", "the article has no text after its front matter"))
    if len([p for p in problems if p.severity == "error"]) > before or article_id is None or published is None:
        return None
    return Article(
        id=article_id, outlet=outlet, published=published, language=language,
        text=document.body, path=path, body_line=document.body_line,
        url=data.get("url") or None, archived_url=data.get("archived_url") or None,
        title=(str(data["title"]) if data.get("title") else None),
        extra={k: v for k, v in data.items() if k not in ("id", "outlet", "published", "language", "url", "archived_url", "title")},
    )


def article_line_of(article: Article, offset: int) -> int:
    """The file line of a character offset into the article text."""
    return article.body_line + article.text.count("\n", 0, offset)


__all__ = ["load_articles", "article_line_of", "date"]
