"""The import stage on saved pages of different outlet layouts, hostile HTML, and the flags' word."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from timeline.content.articles import load_articles
from timeline.content.frontmatter import read_document
from timeline.content.problems import ContentError
from timeline.content.registry import load_outlets
from timeline.ingest.stage import import_article
from project_helpers import outlets_only_content

PAGES = Path(__file__).parent / "fixtures" / "ingest"
SPEC = yaml.safe_load((PAGES / "pages.yml").read_text(encoding="utf-8"))
TEXT = "قال مصدر محلي إن ورشات الصيانة أعادت التيار الكهربائي إلى الحي صباح اليوم.\nوأضاف المصدر أن الأعمال تستمر حتى المساء."


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return outlets_only_content(tmp_path)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- saved pages


@pytest.mark.parametrize("page", sorted(SPEC))
def test_saved_page_keeps_the_article_and_drops_the_furniture(content: Path, page: str) -> None:
    spec = SPEC[page]
    result = import_article(PAGES / page, content, outlet=None if spec["outlet"] else "sohr")
    document = read_document(result.path)
    body = document.body
    lines = [line for line in body.split("\n") if line]
    if spec.get("paragraph_lines", True):
        kept = [line for line in lines if line in spec["keep"]]
        assert kept == spec["keep"], body
    else:
        flat = " ".join(body.split())
        assert all(paragraph in flat for paragraph in spec["keep"]), body
    leaked = [word for word in spec["drop"] if word in body]
    assert set(leaked) <= set(spec.get("known_leaks", [])), leaked


@pytest.mark.parametrize("page", sorted(SPEC))
def test_saved_page_metadata_is_read_from_its_tags(content: Path, page: str) -> None:
    spec = SPEC[page]
    result = import_article(PAGES / page, content, outlet=None if spec["outlet"] else "sohr")
    front = read_document(result.path).data
    assert front["published"] == str(spec["published"])
    assert front["outlet"] == (spec["outlet"] or "sohr")
    assert front.get("title") == spec["title"]
    assert front.get("url") == spec["url"]


def test_a_body_whose_class_names_a_comment_is_still_the_article(content: Path) -> None:
    page = (PAGES / "portal-comment-class.html").read_text(encoding="utf-8")
    assert 'class="article-body opinion-commentary"' in page
    body = read_document(import_article(PAGES / "portal-comment-class.html", content).path).body
    assert body.startswith("أعادت بلدية حمورية صباح الثلاثاء")


def test_a_page_whose_site_is_unknown_needs_the_outlet_flag(content: Path) -> None:
    with pytest.raises(ContentError) as error:
        import_article(PAGES / "wordpress-blog.html", content)
    assert 'wordpress-blog.html:1: outlet: unknown outlet (the page names "مدونة الغوطة"' in error.value.format_message()


# ---------------------------------------------------------------- hostile HTML


@pytest.mark.parametrize("page", [
    "<html><body>" + "<div>" * 5000 + "<p>نص في عمق الصفحة.</p>" + "</div>" * 5000 + "</body></html>",
    "<html><body>" + "<b><i><span>" * 3000 + "<p>نص بعد آلاف الوسوم المفتوحة.</p></body></html>",
])
def test_deeply_nested_html_is_a_message_not_a_traceback(content: Path, tmp_path: Path, page: str) -> None:
    with pytest.raises(ContentError) as error:
        import_article(write(tmp_path, "deep.html", page), content, outlet="sana", published="2018-04-08")
    message = error.value.format_message()
    assert "deep.html:1: text:" in message and "levels deep" in message


def test_html_without_article_text_says_so(content: Path, tmp_path: Path) -> None:
    with pytest.raises(ContentError) as error:
        import_article(write(tmp_path, "empty.html", "<!doctype html><html><body><img src='a.jpg'><script>var x = 1;</script></body></html>"),
                       content, outlet="sana", published="2018-04-08")
    assert "empty.html:1: text: no article text found in the page" in error.value.format_message()


# ---------------------------------------------------------------- the flags' word (issue 14 item 6)


def test_same_text_for_another_outlet_is_stored_as_its_own_article(content: Path, tmp_path: Path) -> None:
    source = write(tmp_path, "story.txt", TEXT)
    first = import_article(source, content, outlet="sana", published="2018-04-08")
    second = import_article(source, content, outlet="sohr", published="2018-04-08")
    assert first.created and second.created and first.path != second.path
    assert read_document(second.path).data["outlet"] == "sohr"
    assert any(first.id in note.message for note in second.notes)


def test_same_text_under_another_id_of_the_same_outlet_is_refused_with_the_reason(content: Path, tmp_path: Path) -> None:
    source = write(tmp_path, "story.txt", TEXT)
    first = import_article(source, content, outlet="sana", published="2018-04-08")
    with pytest.raises(ContentError) as error:
        import_article(source, content, outlet="sana", published="2018-04-08", article_id="sana-2018-04-08-other")
    assert f'stored already for outlet "sana" as "{first.id}"' in error.value.format_message()
    assert not (content / "articles" / "sana-2018-04-08-other.md").exists()


def test_same_text_and_id_with_other_flags_is_refused_not_called_unchanged(content: Path, tmp_path: Path) -> None:
    source = write(tmp_path, "story.txt", TEXT)
    first = import_article(source, content, outlet="sana", published="2018-04-08", article_id="story-1")
    data = first.path.read_bytes()
    with pytest.raises(ContentError) as error:
        import_article(source, content, outlet="sana", published="2018-04-09", article_id="story-1")
    assert 'story-1.md:1: published: already stored with this text but published "2018-04-08"' in error.value.format_message()
    assert first.path.read_bytes() == data


def test_same_text_and_flags_again_is_unchanged(content: Path, tmp_path: Path) -> None:
    source = write(tmp_path, "story.txt", TEXT)
    first = import_article(source, content, outlet="sana", published="2018-04-08")
    again = import_article(source, content, outlet="sana", published="2018-04-08")
    assert first.created and not again.created and again.path == first.path and not again.notes


def test_an_outlet_missing_from_outlets_yml_is_a_warning(content: Path, tmp_path: Path) -> None:
    result = import_article(write(tmp_path, "story.txt", TEXT), content, outlet="new-outlet", published="2018-04-08")
    assert result.created
    assert [note.field for note in result.notes] == ["outlet"] and result.notes[0].severity == "warning"
    assert "not in outlets.yml" in result.notes[0].message


def test_markdown_import_strips_syntax_and_takes_the_headline_as_title(content: Path, tmp_path: Path) -> None:
    source = write(tmp_path, "story.md", "# انقطاع المياه عن **الحي** الشرقي\n\n"
                   "قالت **مؤسسة المياه** إن الضخ توقف [صباح اليوم](https://example.org/x).\n\n"
                   "> وأضافت أن *الإصلاح* يحتاج يومين.\n\n- الخط الأول\n- الخط الثاني\n\n---\n\n![صورة](a.jpg)\n")
    result = import_article(source, content, outlet="sana", published="2018-04-08")
    document = read_document(result.path)
    assert document.data["title"] == "انقطاع المياه عن الحي الشرقي"
    assert [line for line in document.body.split("\n") if line] == [
        "قالت مؤسسة المياه إن الضخ توقف صباح اليوم.", "وأضافت أن الإصلاح يحتاج يومين.", "الخط الأول", "الخط الثاني"]


# ---------------------------------------------------------------- one id rule


def test_import_accepts_exactly_the_ids_check_accepts(content: Path, tmp_path: Path) -> None:
    source = write(tmp_path, "story.txt", TEXT)
    with pytest.raises(ContentError) as error:
        import_article(source, content, outlet="sana", published="2018-04-08", article_id="a" * 101)
    assert "at most 100 characters" in error.value.format_message()
    longest = import_article(source, content, outlet="sana", published="2018-04-08", article_id="a" * 100)
    articles, problems = load_articles(content / "articles", {"sana": object()})
    assert longest.id in articles and not [p for p in problems if p.field == "id"]


def test_a_long_file_name_gives_a_valid_default_id(content: Path, tmp_path: Path) -> None:
    result = import_article(write(tmp_path, "x" * 200 + ".txt", TEXT), content, outlet="sana", published="2018-04-08")
    _, problems = load_articles(content / "articles", {"sana": object()})
    assert len(result.id) <= 100 and not [p for p in problems if p.field == "id"]



@pytest.mark.parametrize("key, valid", [("sana", True), ("al-watan-2", True), ("Sana", False), ("al watan", False),
                                        ("-sana", False), ("sana\n", False), ("صانا", False)])
def test_import_and_outlets_yml_hold_outlet_keys_to_one_rule(content: Path, tmp_path: Path, key: str, valid: bool) -> None:
    """`timeline import --outlet KEY` refuses exactly the keys outlets.yml refuses (``content.ids.is_valid_key``)."""
    outlets = tmp_path / "outlets.yml"
    outlets.write_text(yaml.safe_dump({key: {"name_ar": "وكالة", "name_en": "Agency", "kind": "state-media"}},
                                      allow_unicode=True), encoding="utf-8")
    registry_refuses = any("a key must be" in p.message for p in load_outlets(outlets)[2])
    source = write(tmp_path, "story.txt", TEXT)
    problems: list = []
    try:
        import_article(source, content, outlet=key, published="2018-04-08")
    except ContentError as error:
        problems = [p for p in error.problems if p.field == "outlet" and "is not a key" in p.message]
    assert (registry_refuses, bool(problems)) == (not valid, not valid)

def test_twins_are_looked_for_with_the_loaders_walk_not_through_links(content: Path, tmp_path: Path) -> None:
    """A link in articles/ to a file outside the content folder, or a hidden
    file, is not "stored already": the loader would never read it either."""
    source = write(tmp_path, "story.txt", TEXT)
    outside = write(tmp_path, "outside.md", f"---\nid: linked\noutlet: sana\npublished: 2018-04-08\n---\n{TEXT}\n")
    articles = content / "articles"
    articles.mkdir(exist_ok=True)
    (articles / "linked.md").symlink_to(outside)
    (articles / ".hidden.md").write_text(outside.read_text(encoding="utf-8"), encoding="utf-8")
    result = import_article(source, content, outlet="sana", published="2018-04-08")
    assert result.created and not result.notes
    assert read_document(result.path).data["outlet"] == "sana"
