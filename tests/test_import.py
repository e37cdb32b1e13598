"""`timeline import`: encodings, line endings, HTML to article text, metadata, no overwrite."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.ingest.clean import is_boilerplate_line
from timeline.ingest.decode import decode_bytes
from timeline.ingest.stage import import_article
from timeline.content.frontmatter import read_document
from timeline.content.problems import ContentError
from project_helpers import outlets_only_content

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SEED_RAW = Path(__file__).parent / "fixtures" / "seed" / "elaph-2018-04-08-douma-talks.raw.txt"  # the seed as it was fetched
TEXT = "قال مصدر عسكري إن وحدات الجيش دخلت بلدة حمورية صباح اليوم.\nوأضاف المصدر أن عمليات التمشيط مستمرة."


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return outlets_only_content(tmp_path)


def stored(result) -> tuple[dict, str]:
    document = read_document(result.path)
    return document.data, document.body


@pytest.mark.parametrize("name", ["cp1256.txt", "utf16.txt", "bom-crlf.txt"])
def test_common_encodings_and_line_endings_become_the_same_text(content: Path, name: str) -> None:
    result = import_article(FIXTURES / name, content, outlet="sana", published="2018-03-20")
    front, body = stored(result)
    assert body.strip() == TEXT
    assert "\r" not in result.path.read_text(encoding="utf-8")
    assert front["id"].startswith("sana-2018-03-20-") and front["language"] == "ar"


def test_encoding_flag_is_honoured_and_wrong_one_is_a_located_error(content: Path) -> None:
    result = import_article(FIXTURES / "cp1256.txt", content, outlet="sana", published="2018-03-20", encoding="cp1256")
    assert stored(result)[1].strip() == TEXT
    with pytest.raises(ContentError) as error:
        import_article(FIXTURES / "cp1256.txt", content, outlet="sana", published="2018-03-20", encoding="utf-8", article_id="other")
    assert "cp1256.txt:1: encoding:" in error.value.format_message()


def test_trailing_comments_line_is_dropped(content: Path) -> None:
    result = import_article(FIXTURES / "bom-crlf.txt", content, outlet="sana", published="2018-03-20")
    assert not stored(result)[1].rstrip().endswith("التعليقات")
    assert is_boilerplate_line("فيسبوك | تويتر | واتساب")
    assert not is_boilerplate_line("قال مصدر إن التعليقات كثيرة")


def test_html_keeps_only_article_text_and_reads_metadata(content: Path) -> None:
    result = import_article(FIXTURES / "page.html", content)
    front, body = stored(result)
    assert front["outlet"] == "enab-baladi"
    assert front["published"] == "2018-03-05"  # 22:30 UTC is past midnight in Damascus
    assert front["url"] == "https://example.org/news/2018/03/convoy"
    assert front["title"] == "دخول قافلة مساعدات إلى دوما"
    assert body.splitlines() == [
        "دخلت قافلة مساعدات أممية إلى مدينة دوما اليوم الاثنين للمرة الأولى منذ أسابيع.",
        "وقال المتحدث باسم اللجنة الدولية للصليب الأحمر إن القافلة ضمت 46 شاحنة.",
    ]


def test_flags_win_over_html_metadata(content: Path) -> None:
    result = import_article(FIXTURES / "page.html", content, outlet="sohr", published="2018-03-06", title="عنوان", article_id="my-id-1")
    front, _ = stored(result)
    assert (front["id"], front["outlet"], front["published"], front["title"]) == ("my-id-1", "sohr", "2018-03-06", "عنوان")


def test_same_file_twice_is_a_no_op(content: Path) -> None:
    first = import_article(SEED_RAW, content, outlet="elaph", published="2018-04-08")
    data = first.path.read_bytes()
    second = import_article(SEED_RAW, content, outlet="elaph", published="2018-04-08")
    assert first.created and not second.created and second.path == first.path
    assert first.id == "elaph-2018-04-08-douma-talks"
    assert first.path.read_bytes() == data


def test_different_text_under_an_existing_id_is_an_error_not_an_overwrite(content: Path, tmp_path: Path) -> None:
    first = import_article(SEED_RAW, content, outlet="elaph", published="2018-04-08")
    data = first.path.read_bytes()
    other = tmp_path / "elaph-2018-04-08-douma-talks.txt"
    other.write_text("نص آخر مختلف تماما عن المقال الأول.", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        import_article(other, content, outlet="elaph", published="2018-04-08")
    assert "elaph-2018-04-08-douma-talks.md:1: id:" in error.value.format_message()
    assert first.path.read_bytes() == data


def test_missing_outlet_and_date_are_reported_together(content: Path) -> None:
    with pytest.raises(ContentError) as error:
        import_article(FIXTURES / "cp1256.txt", content)
    message = error.value.format_message()
    assert "cp1256.txt:1: outlet:" in message and "cp1256.txt:1: published:" in message
    assert not (content / "articles").exists()


def test_undecodable_bytes_are_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ContentError):
        decode_bytes(b"\x00\x01\x02\x03" * 50 + b"\x81", None, tmp_path / "x.txt")


def test_imported_article_loads_and_extracts(content: Path) -> None:
    from timeline.content.articles import load_articles

    import_article(SEED_RAW, content, outlet="elaph", published="2018-04-08")
    articles, problems = load_articles(content / "articles", {"elaph": object()})
    assert not [p for p in problems if p.severity == "error"]
    assert articles["elaph-2018-04-08-douma-talks"].text.startswith("انتهى اجتماع")
