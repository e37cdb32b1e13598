"""Categories from what happened, not from who says it (``timeline.extract.events``).

Every sentence here was written for these tests, in the style of Arabic
outlets and English wire copy: nearly every sentence is attributed ("X
said", "according to", "told Reuters", "قال", "أفاد", "ذكر", "بحسب").
"""

from __future__ import annotations

from datetime import date

import pytest

from timeline.extract.events import find_events
from timeline.extract.segment import segment_article

from test_extract_quality import _names

NAMES = _names()
PUBLISHED = date(2019, 6, 12)


def first_categories(text: str, language: str) -> list[list[str]]:
    segments = segment_article(text, PUBLISHED, language)
    _, clusters = find_events(segments, published=PUBLISHED, language=language, names=NAMES, outlet="enab-baladi")
    return [c.categories for c in clusters]


@pytest.mark.parametrize(("sentence", "language", "first"), [
    # an occurrence no category names keeps "other" under any frame
    ("Government forces repelled a large rebel attack on the town of Kafr Nabudah on Tuesday, state media said.", "en", "other"),
    ("Rebels handed over their heavy weapons on Tuesday, a rebel commander told Reuters.", "en", "other"),
    ("وقال المرصد السوري لحقوق الإنسان إن قوات النظام صدت هجوما واسعا للفصائل على بلدة كفرنبودة أمس.", "ar", "other"),
    ("وأفادت وكالة سانا بأن وحدات الجيش تصدت أمس لهجوم المجموعات المسلحة على محاور في ريف حماة.", "ar", "other"),
    ("وقال مصدر في المعارضة لرويترز إن الفصائل سلمت أسلحتها الثقيلة أمس.", "ar", "other"),
    ("وبحسب المرصد فإن قوات النظام تقدمت أمس في ريف حماة الشمالي.", "ar", "other"),
    # the frame's "statement" / "أعلن" / "في بيان" does not make a reported occurrence a statement
    ("Fighting raged on the southern edge of the town on Tuesday, according to a statement by the Observatory.", "en", "other"),
    ("وأعلنت وزارة الدفاع الروسية في بيان أمس أن الشرطة العسكرية انتشرت في البلدة بموجب الاتفاق.", "ar", "negotiation"),
    ("The Syrian Observatory for Human Rights said in a statement that air strikes killed 15 people in Ariha on Tuesday.", "en", "bombardment"),
    ("وفق ما أفاد به المرصد، قتل 15 مدنيا أمس في غارات على أريحا.", "ar", "bombardment"),
    # the statement itself is the news: a denial, a condemnation, a position, an accusation rejected
    ("The foreign ministry said in a statement on Tuesday that it rejected the accusations.", "en", "statement"),
    ("Turkey condemned the attack on its observation post on Tuesday.", "en", "statement"),
    ('The United States said on Tuesday it was "deeply concerned" by the escalation.', "en", "statement"),
    ("وأكدت الخارجية السورية في بيان أمس رفضها القاطع للاتهامات.", "ar", "statement"),
    ("أعلنت الخارجية الروسية أمس موقفها من التصعيد في إدلب.", "ar", "statement"),
])
def test_an_attribution_frame_keeps_the_category_of_the_occurrence(sentence: str, language: str, first: str) -> None:
    found = first_categories(sentence, language)
    assert found and found[0][0] == first, found


def test_said_in_a_statement_is_a_second_category_never_the_first() -> None:
    found = first_categories("The army said in a statement that its troops shelled rebel positions near the town on Monday.", "en")
    assert found == [["bombardment", "statement"]]


def test_a_claim_without_a_cue_takes_the_domain_of_its_claimant() -> None:
    # "the Red Cross" says what kind of occurrence the bare claim is
    found = first_categories("The Red Cross said that twelve trucks reached the town on Monday.", "en")
    assert found and found[0][0] == "humanitarian"


def test_a_trailing_frame_is_not_part_of_the_claim() -> None:
    # ", the statement said" trails: "statement" in it names no occurrence
    found = first_categories("Rebels withdrew from the hills on Monday, the group's statement said.", "en")
    assert found and found[0][0] == "other"


@pytest.mark.parametrize(("sentence", "language", "first"), [
    # the word beside the verb belongs to the longer cue it is part of: a military convoy is no evacuation
    ("Late on Sunday a long military convoy with tanks entered the valley from the north.", "en", "other"),
    ("On Tuesday, a convoy of buses crossed the checkpoint with families from the town.", "en", "evacuation"),
    # verb forms of wire copy: "began evacuating", "agreed to evacuate"
    ("Rebels and their families began evacuating the besieged suburb on Friday as part of an agreement with the government.", "en", "evacuation"),
    ("The town's rebels agreed to evacuate in a deal late on Thursday.", "en", "negotiation"),
    # "the two sides agreed on …": the agreement is the news, its terms are not occurrences yet
    ("واتفق الطرفان أمس على وقف القصف وإجلاء الجرحى من البلدة.", "ar", "negotiation"),
    ("وخرجت أمس حافلات تقل الجرحى من البلدة بموجب اتفاق بين الطرفين.", "ar", "evacuation"),
])
def test_the_category_at_the_verb_of_occurrence(sentence: str, language: str, first: str) -> None:
    found = first_categories(sentence, language)
    assert found and found[0][0] == first, found


@pytest.mark.parametrize(("sentence", "language", "first"), [
    # ground operations are "other" (the site's category for ground fighting and control of ground)
    ("وأعلنت وزارة الدفاع أمس أن الجيش بدأ عملية برية في ريف المدينة الشرقي.", "ar", "other"),
    ("Government troops routed the rebels from the town on Wednesday, state media said.", "en", "other"),
    ("Troops began a ground offensive against the militia on Wednesday, the ministry said.", "en", "other"),
    # a strike stays a strike
    ("Warplanes struck the town on Wednesday, the ministry said.", "en", "bombardment"),
])
def test_ground_operations_are_other(sentence: str, language: str, first: str) -> None:
    found = first_categories(sentence, language)
    assert found and found[0][0] == first, found


@pytest.mark.parametrize("sentence", [
    # a reaction inside reported speech: the welcome is the news
    "وقال مصدر مسؤول في وزارة الخارجية اليوم إن الأردن يرحب بالاتفاق حول ريف حماة.",
    # a reaction opening the sentence, its frame later ("مؤكدة أن …")
    "أعربت الأردن اليوم عن ترحيبها بالاتفاق حول ريف حماة، مؤكدة أنه يوقف القصف.",
])
def test_a_reported_reaction_is_a_statement(sentence: str) -> None:
    found = first_categories(sentence, "ar")
    assert found and found[0][0] == "statement", found


@pytest.mark.parametrize(("sentence", "language"), [
    # a military campaign on a town is told by its bombardment, even when the
    # sentence names no strike: "the campaign goes on for the tenth day"
    ("ويواصل جيش النظام حملته العسكرية على بلدة اللطامنة لليوم العاشر على التوالي، بحسب ناشطين.", "ar"),
    ("وتتواصل الحملة العسكرية على ريف حماة الشمالي منذ أمس، وفق مصادر محلية.", "ar"),
    ("The government's military campaign on the town entered its tenth day on Tuesday, activists said.", "en"),
])
def test_a_military_campaign_is_a_bombardment(sentence: str, language: str) -> None:
    found = first_categories(sentence, language)
    assert found and found[0][0] == "bombardment", found


@pytest.mark.parametrize(("sentence", "language", "expected"), [
    # "since the start of X" dates a running figure: X is its period, not what
    # happened, so a toll stays a toll and a displacement a displacement
    ("وارتفعت حصيلة القتلى المدنيين إلى 40 قتيلا منذ بدء الحملة العسكرية على ريف إدلب، بحسب المرصد.", "ar", ["casualties"]),
    ("وقال المرصد إن 63 مدنيا قتلوا منذ انطلاق الحملة العسكرية للنظام على المنطقة قبل أسبوعين.", "ar", ["casualties"]),
    ("وأحصت الشبكة مقتل 120 مدنيا منذ بداية القصف على المدينة في الأول من أيار.", "ar", ["casualties"]),
    ("وقتل 30 مدنيا منذ بدء قوات النظام حملتها العسكرية على البلدة، بحسب المرصد.", "ar", ["casualties"]),
    ("ونزح أكثر من 200 ألف مدني منذ بدء الحملة العسكرية على ريف حماة، وفق الأمم المتحدة.", "ar", ["humanitarian"]),
    ("At least 90 civilians have been killed since the start of the military campaign in late April, the Observatory said.",
     "en", ["casualties"]),
    ("More than 300,000 people have fled since the beginning of the air campaign on the province, the UN said on Tuesday.",
     "en", ["humanitarian"]),
])
def test_a_cue_after_since_the_start_of_is_no_category(sentence: str, language: str, expected: list[str]) -> None:
    assert first_categories(sentence, language) == [expected]


@pytest.mark.parametrize(("sentence", "language"), [
    # the "since the start of" phrase ends at a comma or a verb: what follows is the news
    ("ومنذ بدء الهجوم قتلت الغارات 20 مدنيا في المدينة أمس.", "ar"),
    ("Since the start of the offensive, air strikes have killed 20 civilians in the town, the Observatory said on Tuesday.", "en"),
])
def test_what_follows_a_since_the_start_of_phrase_keeps_its_cues(sentence: str, language: str) -> None:
    found = first_categories(sentence, language)
    assert found and found[0][0] == "bombardment", found


@pytest.mark.parametrize(("sentence", "language"), [
    # reported speech saying what caused an occurrence: the account is the news
    ("وقالت وزارة الدفاع أمس إن الانفجار في المستودع كان نتيجة قصف مدفعي من الفصائل المسلحة.", "ar"),
    ("وأكد الجيش في بيان اليوم أن الحريق الذي اندلع في المصفاة جاء نتيجة سقوط صاروخ أطلقته الفصائل.", "ar"),
    ("The defence ministry said on Wednesday that the toxic cloud over the town was caused by an air strike that hit a rebel depot.",
     "en"),
])
def test_an_account_of_what_caused_an_occurrence_is_a_statement_about_it(sentence: str, language: str) -> None:
    assert first_categories(sentence, language) == [["statement", "bombardment"]]


def test_killed_as_a_result_of_shelling_is_the_shelling() -> None:
    # "نتيجة" without a copula is a cause of the toll, not an account of it
    found = first_categories("وقتل 10 مدنيين نتيجة القصف على البلدة أمس، بحسب المرصد.", "ar")
    assert found and found[0][0] == "bombardment", found


def test_the_details_of_an_explained_occurrence_stay_with_the_account() -> None:
    text = ("وقالت وزارة الدفاع أمس إن الانفجار في مستودع الوقود كان نتيجة قصف صاروخي من الفصائل المسلحة.\n"
            "وأضافت الوزارة أن القذائف أصابت المستودع وأشعلت حريقا كبيرا.")
    segments = segment_article(text, PUBLISHED, "ar")
    _, clusters = find_events(segments, published=PUBLISHED, language="ar", names=NAMES, outlet="enab-baladi")
    assert [[s.number for s in c.sentences] for c in clusters] == [[1, 2]]
    assert clusters[0].categories[0] == "statement"


@pytest.mark.parametrize(("sentence", "first"), [
    # "شن" (launched) is a light verb: what was launched says what happened
    ("وشن مقاتلو التنظيم أمس هجوما واسعا على البلدة وحاولوا التقدم نحوها، فيما تصدت لهم الفصائل.", "other"),
    ("وشنت الطائرات الحربية أمس عشر غارات على أطراف البلدة، بحسب ناشطين.", "bombardment"),
])
def test_launched_takes_the_category_of_what_was_launched(sentence: str, first: str) -> None:
    found = first_categories(sentence, "ar")
    assert found and found[0][0] == first, found
