"""Clause splitting: one sentence that reports two occurrences yields two
drafts; one occurrence with two verbs stays one (sentences written for these
tests)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from timeline.content.entries import read_entry_file
from timeline.extract import run_extraction
from timeline.extract.clauses import candidate_clauses
from timeline.extract.events import EventCandidate, find_events
from timeline.extract.lexicon import lexicon, words_of
from timeline.extract.segment import segment_article

from test_extract_quality import _names

NAMES = _names()
PUBLISHED = date(2019, 7, 23)  # a Tuesday
ROOT = Path(__file__).resolve().parents[1]


def clusters(text: str, language: str = "ar") -> list[EventCandidate]:
    segments = segment_article(text, PUBLISHED, language)
    return find_events(segments, published=PUBLISHED, language=language, names=NAMES, outlet="enab-baladi")[1]


def kinds(found: list[EventCandidate]) -> list[str]:
    return [c.categories[0] for c in found]


# ---------------------------------------------------------------- two occurrences, two drafts


def test_a_juxtaposed_displacement_is_its_own_occurrence_dated_by_the_sentence() -> None:
    found = clusters("قصفت الطائرات الحربية أمس بلدة كفرنبل بعشرات الغارات، فيما نزح آلاف المدنيين باتجاه الحدود التركية.")
    assert kinds(found) == ["bombardment", "humanitarian"]
    assert [c.first.part for c in found] == [1, 2]
    assert all(c.date.iso == "2019-07-22" for c in found)
    assert found[1].first.clause.startswith("فيما نزح")
    assert found[0].first.text == found[1].first.text  # the quote is the whole sentence


def test_a_displacement_caused_by_the_strike_is_its_own_occurrence() -> None:
    found = clusters("قصفت المدفعية قرى ريف حماة الشمالي أمس، ما أدى إلى نزوح آلاف العائلات نحو المخيمات.")
    assert kinds(found) == ["bombardment", "humanitarian"]


def test_two_massacres_of_a_pair_are_two_occurrences_of_the_same_day() -> None:
    found = clusters("ارتكبت الطائرات الروسية أمس الاثنين مجزرتين إحداهما في بلدة كفرنبل والأخرى في مدينة أريحا.")
    assert len(found) == 2
    assert [c.date.iso for c in found] == ["2019-07-22", "2019-07-22"]
    assert found[1].first.clause == "والأخرى في مدينة أريحا."
    assert kinds(found)[0] == kinds(found)[1]


def test_a_campaign_in_its_nth_day_and_todays_strike_are_two_occurrences() -> None:
    found = clusters("لا تزال الحملة العسكرية على ريف إدلب الجنوبي مستمرة لليوم العاشر على التوالي، "
                     "حيث استهدفت الطائرات اليوم مدينة خان شيخون بعشرات الغارات.")
    assert len(found) == 2
    assert found[0].first.reason == "ongoing occurrence"
    assert found[1].date.iso == "2019-07-23"


def test_a_running_toll_since_the_start_of_a_campaign_is_its_own_occurrence() -> None:
    found = clusters("تتواصل الحملة العسكرية على ريف حماة الشمالي منذ أسبوعين، حيث قضى 40 مدنيا منذ بدء الحملة.")
    assert len(found) == 2
    assert "casualties" in found[1].categories


def test_a_coordinated_clause_of_another_kind_is_its_own_occurrence() -> None:
    found = clusters("قصفت الطائرات بلدة معرة النعمان أمس بالصواريخ، ووصلت قافلة مساعدات إنسانية إلى مدينة إدلب.")
    assert len(found) == 2


def test_an_english_while_clause_is_its_own_occurrence() -> None:
    found = clusters("Government warplanes bombed the town of Maarat al-Numan on Monday, "
                     "while thousands of civilians fled towards the Turkish border.", "en")
    assert kinds(found) == ["bombardment", "humanitarian"]
    assert [c.date.iso for c in found] == ["2019-07-22", "2019-07-22"]


def test_a_split_clause_does_not_join_the_draft_of_its_sibling() -> None:
    found = clusters("شنت الطائرات الحربية أمس غارات على بلدة كفرنبل، كما استهدفت الغارات مدينة أريحا بالصواريخ.")
    assert [[s.key for s in c.sentences] for c in found] == [[(1, 1)], [(1, 2)]]


def test_what_a_statement_welcomes_on_another_day_is_its_own_occurrence() -> None:
    found = clusters("وقال مصدر في وزارة الخارجية اليوم إن الحكومة ترحب بالاتفاق حول ريف حلب الذي أعلن عنه أمس في أنقرة.")
    assert [c.date.iso for c in found] == ["2019-07-23", "2019-07-22"]
    assert found[0].categories[0] == "statement" and found[1].categories[0] == "negotiation"
    english = clusters("The ministry on Tuesday condemned the strike that hit the hospital in Idlib on Monday.", "en")
    assert [c.date.iso for c in english] == ["2019-07-23", "2019-07-22"]


# ---------------------------------------------------------------- one occurrence, one draft


def test_what_a_statement_is_about_on_its_own_day_stays_with_it() -> None:
    assert len(clusters("أدانت وزارة الخارجية اليوم الغارة التي استهدفت المستشفى الوطني في إدلب اليوم.")) == 1


def test_a_relative_clause_of_an_occurrence_that_is_no_statement_is_not_split() -> None:
    found = clusters("ودخلت اليوم إلى مدينة إدلب الشمالية القافلة التي خرجت أمس من حلب.")
    assert len(found) == 1 and found[0].first.part == 0


def test_a_strike_with_its_toll_is_one_occurrence() -> None:
    assert len(clusters("قصفت الطائرات البلدة أمس وقتلت 5 مدنيين.")) == 1
    assert len(clusters("قصفت الطائرات البلدة أمس، وقتلت 5 مدنيين بينهم طفلان.")) == 1
    assert len(clusters("قصفت الطائرات البلدة أمس، ما أسفر عن مقتل 7 مدنيين.")) == 1
    assert len(clusters("Warplanes struck the market in the town on Monday, killing 12 people.", "en")) == 1


def test_an_elaboration_of_a_single_strike_is_one_occurrence() -> None:
    assert len(clusters("قصفت الطائرات بلدة كفرنبل أمس، حيث استهدفت السوق الشعبي وسط البلدة.")) == 1
    assert len(clusters("قصفت الطائرات بلدة كفرنبل أمس، حيث قتل 5 مدنيين.")) == 1


def test_a_parallel_clause_of_the_same_occurrence_is_part_of_it() -> None:
    assert len(clusters("انسحبت مجموعات من المقاتلين أمس نحو القرى الشرقية، في حين انسحب بعض المقاتلين نحو الحدود.")) == 1


def test_a_count_of_those_who_left_is_a_figure_of_the_departure() -> None:
    assert len(clusters("وخرج أمس 400 مسلح من الحي باتجاه الشمال، في حين بلغ عدد أفراد عائلاتهم الخارجين معهم 900 شخص.")) == 1


def test_a_response_to_an_attack_is_part_of_it() -> None:
    assert len(clusters("هاجم مقاتلو التنظيم بلدة حيط أمس، بينما تصدت له الفصائل وأجبرته على التراجع.")) == 1


def test_a_meeting_and_what_it_agreed_are_one_occurrence() -> None:
    assert len(clusters("اجتمع الوفد الروسي بممثلي الفصائل أمس في بصرى الشام، واتفقوا على وقف إطلاق النار.")) == 1


def test_an_account_of_the_occurrence_before_by_its_definite_noun_is_part_of_it() -> None:
    assert len(clusters("اجتمع الوفد الروسي بممثلي الفصائل أمس، وأعلن المتحدث باسم الفصائل أن الاجتماع انتهى دون اتفاق.")) == 1


def test_a_place_added_to_a_strike_is_no_clause() -> None:
    found = clusters("استهدف القصف أمس بلدة اللطامنة، بالإضافة إلى مدينة كفرزيتا في ريف حماة.")
    assert len(found) == 1 and found[0].first.part == 0


def test_a_sentence_recalling_earlier_occurrences_is_not_split() -> None:
    found = clusters("يذكر أن الطائرات قصفت المدينة بغازات سامة قبل عامين، فيما استخدمت قوات النظام غازات سامة في بلدة أخرى.")
    assert all(c.first.part == 0 for c in found)


def test_later_and_as_for_open_no_clause() -> None:
    lex = lexicon("ar")
    for text in ("أعلنت الفصائل موافقتها على الاتفاق ثم تراجعت فيما بعد عن موافقتها.",
                 "وصلت القافلة إلى المدينة، وفيما يتعلق بالجرحى نقلت المنظمة عشرة منهم."):
        assert [c.kind for c in candidate_clauses(words_of(text), lex)][:2] != ["first", "juxtaposing"], text


# ---------------------------------------------------------------- drafts on disk


ARTICLE = """---
id: test-2019-07-23-idlib
outlet: enab-baladi
published: 2019-07-23
language: ar
---
قصفت الطائرات الحربية أمس بلدة كفرنبل بعشرات الغارات، فيما نزح آلاف المدنيين باتجاه الحدود التركية.
"""


def _content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "articles").mkdir(parents=True)
    for name in ("outlets.yml", "gazetteer.yml"):
        shutil.copy(ROOT / "content" / name, root / name)
    (root / "articles" / "test-2019-07-23-idlib.md").write_text(ARTICLE, encoding="utf-8")
    return root


def _entries(root: Path) -> list[tuple[dict, str]]:
    return [read_entry_file(p) for p in sorted((root / "events").rglob("*.md"))]


def quiet(*args, **kwargs) -> None:
    pass


def test_each_clause_is_an_entry_quoting_the_sentence_and_recording_its_clause(tmp_path: Path) -> None:
    root = _content(tmp_path)
    summary = run_extraction(root, None, echo=quiet)
    assert summary.new_entries == 2
    found = _entries(root)
    sentence = ARTICLE.split("---\n")[-1].strip()
    assert all(front["sources"][0]["quote"] == sentence for front, _ in found)
    clauses = sorted(front["extracted"]["clauses"][0]["clause"] for front, _ in found)
    assert clauses[0].startswith("فيما نزح") and clauses[1].startswith("قصفت الطائرات")
    assert all("«" + front["extracted"]["clauses"][0]["clause"] + "»" in body for front, body in found)


def test_a_second_run_drafts_no_clause_again(tmp_path: Path) -> None:
    root = _content(tmp_path)
    run_extraction(root, None, echo=quiet)
    before = _entries(root)
    again = run_extraction(root, None, echo=quiet)
    assert again.new_entries == 0 and again.merged_citations == 0
    assert _entries(root) == before


def test_a_sentence_an_editor_cites_whole_is_not_drafted_by_clause(tmp_path: Path) -> None:
    root = _content(tmp_path)
    sentence = ARTICLE.split("---\n")[-1].strip()
    folder = root / "events" / "2019-07"
    folder.mkdir(parents=True)
    (folder / "2019-07-22-kafranbel-strike.md").write_text(
        "---\nid: 2019-07-22-kafranbel-strike\ndate: 2019-07-22\ntitle: قصف كفرنبل\ncategories: [bombardment]\n"
        f"review: verified\nsources:\n- article: test-2019-07-23-idlib\n  quote: {sentence}\n---\nنص.\n", encoding="utf-8")
    summary = run_extraction(root, None, echo=quiet)
    assert summary.new_entries == 0


# ---------------------------------------------------------------- clustering: a distinct occurrence starts its own draft


def test_a_dated_move_of_a_negotiation_after_undated_moves_is_its_own_draft() -> None:
    text = ("أعلنت الفصائل المسلحة موافقتها على العودة إلى المفاوضات مع الجانب الروسي في بصرى الشام.\n"
            "وتعثرت جولة المفاوضات الأربعاء الماضي بعد رفض الفصائل تسليم السلاح الثقيل.")
    found = clusters(text)
    assert [[s.number for s in c.sentences] for c in found] == [[1], [2]]
    assert found[1].date.iso == "2019-07-17"


def test_an_undated_strike_and_its_dated_detail_stay_one_draft() -> None:
    text = ("قصفت الطائرات الحربية بلدة كفرنبل بعشرات الغارات.\n"
            "واستهدفت الغارات أمس السوق الشعبي والمستشفى الوطني في البلدة.")
    found = clusters(text)
    assert [[s.number for s in c.sentences] for c in found] == [[1, 2]]


def test_a_sentence_opened_by_in_the_same_context_is_a_further_fact() -> None:
    villages = "سيطرت القوات التركية أمس على عدة قرى في ريف الحسكة الشمالي بعد معارك عنيفة.\n"
    further = clusters(villages + "وفي السياق ذاته، أعلنت وزارة الدفاع التركية في بيان السيطرة على مدينة تل أبيض.")
    assert [[s.number for s in c.sentences] for c in further] == [[1], [2]]
    detail = clusters(villages + "وقالت وزارة الدفاع التركية في بيان إن القوات سيطرت على القرى بعد انسحاب المقاتلين منها.")
    assert [[s.number for s in c.sentences] for c in detail] == [[1, 2]]
