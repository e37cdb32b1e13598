"""One draft per occurrence, and categories from what happened (sentences written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.extract.events import find_events
from timeline.extract.segment import segment_article

from test_extract_quality import _names

NAMES = _names()
PUBLISHED = date(2017, 6, 20)


def clusters(text: str, language: str = "ar"):
    segments = segment_article(text, PUBLISHED, language)
    return find_events(segments, published=PUBLISHED, language=language, names=NAMES, outlet="enab-baladi")[1]


def test_a_lead_and_its_detail_sentence_are_one_draft() -> None:
    text = "خرجت اليوم قافلة من عشرين حافلة من بلدة مضايا باتجاه الشمال.\nوقال مسؤول محلي إن الحافلات نقلت نحو ألف مدني ومقاتل."
    found = clusters(text)
    assert [[s.number for s in c.sentences] for c in found] == [[1, 2]]
    assert found[0].date.iso == "2017-06-20"


def test_an_undated_lead_takes_the_date_of_its_detail() -> None:
    text = "Dozens of missiles hit the air base, a small installation with two runways.\nThe missiles struck before dawn on Monday and targeted the hangars, officials said."
    found = clusters(text, "en")
    assert len(found) == 1 and found[0].date.iso == "2017-06-19"


def test_another_strike_is_another_draft() -> None:
    text = "Warplanes struck a market in the town on Monday, killing 12 people.\nAnother strike hit a school nearby on Monday, witnesses said."
    assert len(clusters(text, "en")) == 2


def test_a_further_fact_opened_by_kama_is_its_own_draft() -> None:
    text = "قصفت طائرات حربية أمس بلدة كفرنبل بعدة غارات.\nكما قصفت المدفعية بلدة حاس المجاورة بعشرات القذائف."
    assert len(clusters(text)) == 2


def test_a_different_kind_of_occurrence_is_not_a_detail() -> None:
    text = "خرج أمس آلاف المدنيين من البلدة عبر الممر.\nووزعت منظمة إغاثية وجبات غذائية وأدوية على العائلات في مراكز الإيواء."
    assert len(clusters(text)) == 2


@pytest.mark.parametrize(("sentence", "language", "first"), [
    ("قتل 12 مدنيا جراء غارات جوية استهدفت سوقا شعبيا في بلدة أريحا أمس.", "ar", "bombardment"),
    ("Twelve civilians were killed on Monday in air strikes on a market in the town.", "en", "bombardment"),
    ("أفرج فصيل معارض أمس عن عشرين مختطفا بموجب اتفاق مع الحكومة.", "ar", "negotiation"),
    ("The rebels freed 30 hostages on Sunday under a deal brokered by Moscow.", "en", "negotiation"),
    ("أعلنت القوات الحكومية أمس السيطرة الكاملة على بلدة تل رفعت.", "ar", "other"),
    ("ونفت وزارة الدفاع التركية أمس استهداف أي مستشفى في المدينة.", "ar", "statement"),
    ("Thousands of families fled the villages on Friday toward the border.", "en", "humanitarian"),
    ("قصفت طائرات النظام البلدة بغاز الكلور ليلة أمس ما أدى إلى عشرات حالات الاختناق.", "ar", "chemical-attack"),
    ("وصلت أمس قافلة مساعدات إنسانية إلى البلدة المحاصرة.", "ar", "humanitarian"),
])
def test_the_first_category_is_what_happened(sentence: str, language: str, first: str) -> None:
    found = clusters(sentence, language)
    assert found and found[0].categories[0] == first, [c.categories for c in found]


@pytest.mark.parametrize(("text", "language"), [
    # the place in the claimant's title ("the Damascus spokesman") is where
    # the speaker works, not where the occurrence is: the detail stays with it
    ("A convoy of buses carrying fighters and their families left the besieged town of Harasta on Monday.\n"
     "A Damascus spokesman for the Red Crescent told Reuters that 25 buses carrying about 1,200 people left in the convoy.", "en"),
    ("خرجت أمس قافلة من عشرين حافلة تقل مقاتلين وعائلاتهم من مدينة حرستا.\n"
     "وقال مدير مكتب الهلال الأحمر في دمشق لوكالة الصحافة الفرنسية إن الحافلات نقلت نحو ألف شخص في القافلة.", "ar"),
])
def test_a_place_in_the_claimants_title_does_not_part_a_detail(text: str, language: str) -> None:
    found = clusters(text, language)
    assert [[s.number for s in c.sentences] for c in found] == [[1, 2]]


@pytest.mark.parametrize(("text", "language"), [
    # "the evacuation is part of a deal" tells the deal: a later "the
    # evacuation" goes back to the evacuation, not to the deal
    ("Buses carrying 500 fighters and their families left the town of Harasta on Monday.\n"
     "The evacuation is part of a deal reached last week with the government.\n"
     "The evacuation included dozens of wounded fighters.", "en"),
    ("خرجت أمس حافلات تقل 500 مقاتل وعائلاتهم من مدينة حرستا.\n"
     "ويأتي الإجلاء بموجب اتفاق توصل إليه الطرفان الأسبوع الماضي.\n"
     "وضم الإجلاء عشرات الجرحى من المقاتلين.", "ar"),
])
def test_a_definite_noun_refers_back_to_the_occurrence_it_names(text: str, language: str) -> None:
    found = clusters(text, language)
    assert [[s.number for s in c.sentences] for c in found] == [[1, 3], [2]]
    assert found[1].categories[0] == "negotiation"


def test_the_head_noun_of_a_longer_cue_refers_back_to_its_occurrence() -> None:
    # "convoy" in "a military convoy" is the military convoy's (other), not an evacuation's
    text = ("A long military convoy of armoured vehicles entered the province on Monday, a monitor said.\n"
            "The convoy stopped beside the highway on Monday afternoon.")
    assert [[s.number for s in c.sentences] for c in clusters(text, "en")] == [[1, 2]]


def test_a_speaker_going_on_with_the_strike_of_a_chemical_attack_stays_with_it() -> None:
    # the same speaker adds the strike that delivered the attack he told:
    # chemical-attack and bombardment are one occurrence (same_occurrence)
    text = ("استهدفت طائرات حربية أمس بلدة حاس بقنابل محملة بغاز الكلور.\n"
            "وقالت مصادر طبية في البلدة إن المصابين ظهرت عليهم أعراض التسمم بغاز الكلور.\n"
            "وأضافت المصادر أن الطائرة المغيرة من طراز سوخوي وألقت صاروخين على الحي الشرقي.")
    assert [[s.number for s in c.sentences] for c in clusters(text)] == [[1, 2, 3]]


def test_a_speaker_going_on_with_another_strike_is_another_draft() -> None:
    text = ("استهدفت طائرات حربية أمس بلدة حاس بقنابل محملة بغاز الكلور.\n"
            "وقالت مصادر طبية في البلدة إن المصابين ظهرت عليهم أعراض التسمم بغاز الكلور.\n"
            "وأضافت المصادر أن غارات أخرى استهدفت بلدة كفرنبل المجاورة بعد ساعات.")
    assert len(clusters(text)) == 2

