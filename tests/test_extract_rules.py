"""Event detection rules, one behaviour each (``timeline.extract.events``)."""

from __future__ import annotations

from datetime import date

import pytest

from extract_eval import parse_label
from timeline.extract.events import find_events
from timeline.extract.segment import segment_article

from test_extract_quality import _names

NAMES = _names()


def read(text: str, published: date, language: str = "ar", outlet: str = "enab-baladi"):
    """Per sentence: (is an event, date as 'START[/END][~]', claimant)."""
    segments = segment_article(text, published, language)
    infos, clusters = find_events(segments, published=published, language=language, names=NAMES, outlet=outlet)
    dates = {s.number: c.date for c in clusters for s in c.sentences}
    result = []
    for info in infos:
        value = dates.get(info.number)
        shown = value.iso + ("~" if value.approximate else "") if value else None
        result.append((info.is_event, shown, info.frame.claimant))
    return result


@pytest.mark.parametrize("sentence", [
    "وطالب الائتلاف الوطني المجتمع الدولي بالتحرك العاجل لوقف القصف.",
    "وحذرت الخارجية الروسية من أن أي تدخل عسكري ستكون له عواقب وخيمة.",
    "The United Nations has called for an immediate ceasefire in Eastern Ghouta.",
])
def test_appeals_and_warnings_are_not_events(sentence: str) -> None:
    language = "en" if sentence.isascii() else "ar"
    assert read(sentence, date(2018, 3, 1), language)[0][0] is False


def test_a_demand_made_in_a_negotiation_is_an_event() -> None:
    assert read("وطالب وفد جيش الإسلام خلال الاجتماع بضمانات روسية لعدم ملاحقة المقاتلين.", date(2018, 4, 8))[0][0]


def test_nominal_headline_is_an_event_of_the_last_two_days_before_publication() -> None:
    # An undated lead is the news of the day: the day before publication or the day itself.
    assert read("مقتل 9 مدنيين بقصف جوي على الغوطة الشرقية", date(2018, 2, 25))[0][:2] == (True, "2018-02-24/2018-02-25~")


def test_ongoing_fighting_dated_today_is_an_event() -> None:
    text = "تتواصل الاشتباكات العنيفة منذ فجر اليوم الأربعاء بين الفصائل في ريف إدلب."
    assert read(text, date(2018, 2, 21))[0][:2] == (True, "2018-02-21")


def test_reported_denial_is_an_event_but_a_bare_negation_is_not() -> None:
    published = date(2018, 2, 21)
    assert read("Russia said it was not involved in the strikes on Eastern Ghouta.", published, "en")[0][0]
    assert not read("ولم يصدر عن جيش الإسلام أي تعليق رسمي على الاتفاق حتى الآن.", published)[0][0]


def test_trailing_according_to_names_the_claimant() -> None:
    text = "وكان قصف مدفعي قد استهدف مشفى عفرين يوم الجمعة، ما أدى إلى مقتل 16 مدنياً بحسب المرصد السوري لحقوق الإنسان."
    assert read(text, date(2018, 3, 18))[0] == (True, "2018-03-16", "sohr")


def test_trailing_english_frame_names_the_claimant() -> None:
    text = "Rebels fired rockets at Damascus on Tuesday, killing one person, state news agency SANA reported."
    assert read(text, date(2018, 2, 21), "en", "afp")[0] == (True, "2018-02-20", "sana")


def test_the_first_named_claimant_wins_over_a_later_outlet() -> None:
    text = "ونفت الحكومة السورية في بيان نقلته وكالة سانا استخدام أي أسلحة كيميائية في دوما."
    assert read(text, date(2018, 4, 8))[0][2] == "syrian-government"


def test_same_day_takes_the_last_exact_date_not_an_approximate_one() -> None:
    text = "\n".join([
        "أنجزت الجهات المختصة أمس إخراج الدفعة الرابعة من المسلحين من بلدة عربين.",
        "وكشف مصدر مطلع أن مفاوضات تجري مع جيش الإسلام في دوما.",
        "وفي اليوم ذاته دخلت وحدات من الجيش إلى بلدة عين ترما.",
    ])
    assert [d for _, d, _ in read(text, date(2018, 3, 27))] == ["2018-03-26", "2018-03-20/2018-03-27~", "2018-03-26"]


def test_undated_narration_goes_on_with_the_sentence_before() -> None:
    text = "خرج أمس آلاف المدنيين من بلدة حمورية عبر الممر.\nوقدمت وحدات الهلال الأحمر المساعدات الغذائية للخارجين فور وصولهم."
    assert [d for _, d, _ in read(text, date(2018, 3, 16))] == ["2018-03-15", "2018-03-15"]


def test_pluperfect_background_does_not_inherit_a_date() -> None:
    text = "خرج أمس آلاف المدنيين من بلدة حمورية عبر الممر.\nوكانت المفاوضات قد توقفت بعد رفض الفصيل الخروج."
    assert read(text, date(2018, 3, 16))[1][1] == "2018-03-09/2018-03-16~"


def test_future_of_a_form_viii_verb_is_future() -> None:
    assert not read("وأكد المركز أن الشرطة العسكرية الروسية ستنتشر في المدينة فور خروج آخر دفعة.", date(2018, 4, 10))[0][0]


def test_labels_read_date_approximation_claimant_and_categories() -> None:
    label = parse_label("E 2018-02-18/2018-02-25~ by=sohr|- cat=casualties+bombardment")
    assert (label.event, label.date, label.approximate) == (True, "2018-02-18/2018-02-25", True)
    assert label.claimants == ("sohr", "-") and label.categories == ("casualties", "bombardment")
    assert parse_label("E 2018-03-05").approximate is None  # the older format


# Ongoing occurrences and plans called off (fixtures written for these rules).


@pytest.mark.parametrize("text, language", [
    ("لا تزال قوات النظام مستمرة بحملتها على ريف حماة الشمالي اليوم الاثنين.", "ar"),
    ("ما زال القصف المدفعي متواصلا على قرى سهل الغاب منذ صباح اليوم.", "ar"),
    ("The offensive on the northern countryside of Hama is still going on today, activists said.", "en"),
])
def test_still_with_an_occurrence_and_its_own_date_is_ongoing(text: str, language: str) -> None:
    assert read(text, date(2019, 5, 13), language)[0][:2] == (True, "2019-05-13")


def test_still_describing_a_situation_is_not_an_event() -> None:
    """No date of its own: a standing situation, not something that happened."""
    assert not read("لا يزال الوضع الإنساني صعبا في المخيمات المحيطة بالمدينة.", date(2019, 5, 13))[0][0]


def test_an_occurrence_going_on_opens_a_present_tense_lead() -> None:
    text = "وتجري عملية إجلاء مئات المدنيين من الأحياء المحاصرة في المدينة القديمة بإشراف الهلال الأحمر."
    assert read(text, date(2019, 5, 13))[0][0]


def test_a_present_verb_of_occurrence_since_a_date_is_ongoing() -> None:
    text = "ومنذ الخامس من آذار الماضي، تستهدف المدفعية التركية مواقع الوحدات الكردية في ريف الرقة الشمالي."
    is_event, when, _ = read(text, date(2019, 4, 2))[0]
    assert is_event and when.startswith("2019-03-05/")


def test_a_present_verb_without_since_stays_habitual() -> None:
    assert not read("وتستهدف المدفعية التركية مواقع الوحدات الكردية في ريف الرقة الشمالي.", date(2019, 4, 2))[0][0]


@pytest.mark.parametrize("text, language", [
    ("Plans to hand over the city on Monday were called off after clashes broke out near the crossing.", "en"),
    ("وأرجئ الاجتماع الذي كان من المقرر عقده أمس بين الوفدين في مدينة حماة.", "ar"),
])
def test_a_plan_called_off_is_an_event(text: str, language: str) -> None:
    assert read(text, date(2019, 4, 2), language)[0][0]


def test_a_plan_still_ahead_is_not_an_event() -> None:
    assert not read("Plans to hand over the city on Monday depend on the outcome of the talks.", date(2019, 4, 2), "en")[0][0]


# Reactions: the welcome or condemnation is the news (fixtures written for this rule).


def categories_and_dates(text: str, published: date, language: str = "ar"):
    segments = segment_article(text, published, language)
    _, clusters = find_events(segments, published=published, language=language, names=NAMES, outlet="enab-baladi")
    return [(c.categories[0], c.date.iso) for c in clusters]


@pytest.mark.parametrize("text, language", [
    ("رحبت وزارة الخارجية الأردنية اليوم الأربعاء بالاتفاق حول ريف حماة الذي أعلن عنه أمس في أنقرة.", "ar"),
    ("The Jordanian foreign ministry on Wednesday welcomed the truce in the Hama countryside that was announced on Tuesday.", "en"),
])
def test_a_reaction_is_a_statement_dated_by_its_own_clause(text: str, language: str) -> None:
    found = categories_and_dates(text, date(2019, 6, 12), language)
    assert found[0] == ("statement", "2019-06-12")
    # what it welcomes, told with a day of its own, is an occurrence of its own (extract/clauses.py)
    assert all(when == "2019-06-11" for _, when in found[1:])


def test_a_reaction_is_not_dated_by_the_relative_clause_about_its_object() -> None:
    text = "وأدانت منظمة حقوقية محلية القصف الذي استهدف سوق البلدة أمس، ووصفته بأنه جريمة حرب."
    (category, when), *objects = categories_and_dates(text, date(2019, 6, 12))
    assert category == "statement" and when != "2019-06-11"
    assert objects == [("bombardment", "2019-06-11")]  # the strike it condemns: its own occurrence


def test_an_announcement_is_filed_under_what_it_announces() -> None:
    text = "وأعلنت فصائل المعارضة اليوم سيطرتها الكاملة على بلدة كفرنبودة بعد معارك عنيفة."
    assert categories_and_dates(text, date(2019, 6, 12))[0][0] == "other"


# A statement said on over several sentences is one draft (fixtures written for this rule).


def test_a_statement_split_by_a_full_stop_is_one_draft() -> None:
    text = ("وقال وزير الخارجية الأردني في كلمة خلال مؤتمر في عمّان، الأحد.\n"
            "إن الهدنة في ريف حماة أوقفت القصف على آلاف المدنيين.")
    assert categories_and_dates(text, date(2019, 6, 16)) == [("statement", "2019-06-16")]


def test_the_same_speaker_going_on_is_the_same_statement() -> None:
    text = ("رحبت وزارة الخارجية الأردنية اليوم بالهدنة في ريف حماة.\n"
            "وأضاف المصدر أن الأردن أبلغ الأطراف كافة دعمه لحل سياسي آخر.")
    segments = segment_article(text, date(2019, 6, 16), "ar")
    _, clusters = find_events(segments, published=date(2019, 6, 16), language="ar", names=NAMES, outlet="enab-baladi")
    assert [[s.number for s in c.sentences] for c in clusters] == [[1, 2]]


def test_a_speaker_going_on_with_a_new_occurrence_starts_another_draft() -> None:
    text = ("رحبت وزارة الخارجية الأردنية اليوم بالهدنة في ريف حماة.\n"
            "وأضاف المصدر أن غارة جوية قتلت أمس خمسة مدنيين في سوق كفرنبودة.")
    assert [c for c, _ in categories_and_dates(text, date(2019, 6, 16))] == ["statement", "bombardment"]


# Categories from the verb that tells what happened; details that return to
# their occurrence; captions (fixtures written for these rules).


def clusters_of(text: str, published: date, language: str = "ar"):
    segments = segment_article(text, published, language)
    _, clusters = find_events(segments, published=published, language=language, names=NAMES, outlet="enab-baladi")
    return [([s.number for s in c.sentences], c.categories[0]) for c in clusters]


@pytest.mark.parametrize("text, language", [
    ("Monday's departure of the wounded is one clause of a truce reached by the factions.", "en"),
    ("وخروج الجرحى جزء من هدنة أبرمها الطرفان الاثنين.", "ar"),
])
def test_the_category_is_the_one_beside_the_verb_of_occurrence(text: str, language: str) -> None:
    assert clusters_of(text, date(2019, 6, 12), language) == [([1], "negotiation")]


def test_a_cue_at_the_verb_itself_wins_over_an_earlier_one() -> None:
    text = "وبعد فشل المفاوضات مع الوجهاء قصفت الطائرات الحربية أمس بلدة اللطامنة بالصواريخ."
    assert clusters_of(text, date(2019, 6, 12))[0][1] == "bombardment"


def test_an_undated_detail_returns_to_its_occurrence_after_an_aside() -> None:
    text = "\n".join([
        "Dozens of buses carrying fighters and their families left the town of Latamneh on Monday.",
        "The departure follows a surrender deal reached last week with Russian officers.",
        "Several ambulances with wounded fighters left with the convoy.",
    ])
    assert clusters_of(text, date(2019, 6, 12), "en") == [([1, 3], "evacuation"), ([2], "negotiation")]


def test_a_category_named_in_passing_does_not_pull_a_sentence_in() -> None:
    """The deal sentence names the evacuation only in passing: a later
    evacuation detail is not a detail of the deal."""
    text = "\n".join([
        "The factions reached a deal on Sunday that provides for the evacuation of fighters.",
        "Dozens of buses carrying fighters left the town of Latamneh.",
    ])
    assert [c for _, c in clusters_of(text, date(2019, 6, 12), "en")] == ["negotiation", "evacuation"]


@pytest.mark.parametrize("text, language", [
    ("This image released by a local activist group shows civilians boarding buses in Latamneh on Monday.", "en"),
    ("صورة تظهر مدنيين يصعدون إلى الحافلات في بلدة اللطامنة يوم الاثنين.", "ar"),
])
def test_a_photo_caption_is_not_an_event(text: str, language: str) -> None:
    assert not read(text, date(2019, 6, 12), language)[0][0]


def test_a_present_verb_of_bombardment_is_a_bombardment_cue() -> None:
    text = "ومنذ الخامس من أيار الماضي، تستهدف الطائرات الروسية قرى جبل الزاوية بشكل يومي."
    assert clusters_of(text, date(2019, 6, 12))[0][1] == "bombardment"


@pytest.mark.parametrize("text", [
    "حيث أكد المرصد السوري لحقوق الإنسان أن الطائرات الحربية قصفت أمس قرية كفرنبل.",
    "وأحصى المرصد السوري لحقوق الإنسان مقتل 12 مدنيا في القصف على ريف إدلب أمس.",
])
def test_a_monitor_is_the_claimant_after_a_connective_or_a_count(text: str) -> None:
    assert read(text, date(2019, 6, 12))[0] == (True, "2019-06-11", "sohr")


def test_a_later_move_of_a_negotiation_does_not_return_to_an_earlier_one() -> None:
    text = "\n".join([
        "Rebel negotiators rejected the Russian proposal for Latamneh during the talks.",
        "Also, Turkish officers met the tribal elders of the town.",
        "Russian officers then demanded the handover of heavy weapons at the talks.",
    ])
    assert [numbers for numbers, _ in clusters_of(text, date(2019, 6, 12), "en")] == [[1], [2], [3]]


# English wire attribution (fixtures written for these rules).


def claimant_text(text: str) -> str:
    segments = segment_article(text, date(2019, 6, 12), "en")
    infos, _ = find_events(segments, published=date(2019, 6, 12), language="en", names=NAMES, outlet="afp")
    return infos[0].frame.claimant_text


def test_a_long_trailing_claimant_after_the_claim_is_found() -> None:
    text = "Airstrikes killed 12 civilians in Latamneh on Monday, the Britain-based Syrian Observatory for Human Rights said."
    assert read(text, date(2019, 6, 12), "en", "afp")[0] == (True, "2019-06-10", "sohr")


def test_told_reuters_keeps_the_speaker_not_the_agency() -> None:
    text = "A rebel commander told Reuters that fighters left the town of Latamneh on Monday."
    assert read(text, date(2019, 6, 12), "en", "afp")[0][2] is None
    assert claimant_text(text) == "A rebel commander"


def test_said_in_a_statement_and_according_to_name_the_claimant() -> None:
    assert claimant_text("The Jordanian foreign ministry said in a statement on Monday that the crossing was closed.") \
        == "The Jordanian foreign ministry"
    text = "Government aircraft bombed the town of Latamneh on Monday, according to the Syrian Observatory for Human Rights."
    assert read(text, date(2019, 6, 12), "en", "afp")[0][2] == "sohr"
