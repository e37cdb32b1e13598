"""Tests of the date engine: the contract, the seed article, labelled news
sentences for every family, conventions, and properties on arbitrary text."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates import DateMention, find_dates, render_marked_text
from benchmarks.date_scoring import check, load_labelled

FIXTURES = Path(__file__).parent / "fixtures" / "dates"
SEED = Path(__file__).parents[1] / "content" / "articles" / "elaph-2018-04-08-douma-talks.md"
SUNDAY = date(2018, 4, 8)
SENTENCES = load_labelled(FIXTURES / "sentences.yml")


def one(text: str, published: date = SUNDAY, language: str = "ar") -> DateMention:
    mentions = find_dates(text, published, language)
    assert len(mentions) == 1, mentions
    return mentions[0]


def values(text: str, published: date = SUNDAY) -> list[str]:
    return [mention.value for mention in find_dates(text, published)]


# ---------------------------------------------------------------- contract

def test_to_json_has_exactly_the_contract_keys():
    mention = one("قالت مصادر إن الاجتماع عقد الجمعة الماضية.")
    assert mention.to_json() == {"text": "الجمعة الماضية", "start": mention.start, "end": mention.end,
                                 "value": "2018-04-06", "grain": "day", "approximate": False,
                                 "role": "event", "time_of_day": None}
    json.dumps(mention.to_json(), ensure_ascii=False)


def test_offsets_refer_to_the_original_text_with_diacritics_and_tatweel():
    text = "وأعلنَ المتحدثُ غداً الاثنين موعداً للجلسة، بعد قصفٍ وقـــع أمسِ."
    mentions = find_dates(text, SUNDAY)
    assert [m.text for m in mentions] == ["غداً الاثنين", "أمسِ"]
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.text


def test_mentions_are_sorted_by_start():
    mentions = find_dates("قال أمس إن اجتماع الخميس الماضي وآخر في 2 نيسان 2018 فشلا.", SUNDAY)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert len(mentions) == 3


def test_empty_text_has_no_dates():
    assert find_dates("", SUNDAY) == []


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="language"):
        find_dates("x", SUNDAY, language="fr")


def test_importing_the_engine_does_not_import_dateparser():
    code = "import timeline.dates, sys; assert 'dateparser' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[1])


def test_arabic_search_never_loads_dateparser():
    code = ("import timeline.dates, sys, datetime;"
            "timeline.dates.find_dates('وصل أمس في 5 نيسان 2018 وفي 1439 هـ', datetime.date(2018, 4, 8));"
            "assert 'dateparser' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[1])


def test_render_marks_each_expression_with_its_resolution():
    text = "وقدمت روسيا الجمعة الماضية مقترحا."
    rendered = render_marked_text(text, find_dates(text, SUNDAY))
    assert rendered == "وقدمت روسيا ⟦الجمعة الماضية → 2018-04-06 (day, event)⟧ مقترحا."


def test_render_shows_approximate_ranges():
    text = "تعرضت دوما لقصف خلال الايام الماضية."
    assert "⟦خلال الايام الماضية → 2018-04-01/2018-04-08 (range, event, approximate)⟧" in \
        render_marked_text(text, find_dates(text, SUNDAY))


# ---------------------------------------------------------------- the seed article

@pytest.fixture(scope="module")
def seed_mentions() -> tuple[str, list[DateMention]]:
    text = SEED.read_text(encoding="utf-8").split("---", 2)[2]
    return text, find_dates(text, SUNDAY)


def _containing(mentions: list[DateMention], phrase: str) -> DateMention:
    found = [m for m in mentions if phrase in m.text or m.text in phrase]
    assert found, f"nothing found for {phrase!r}: {mentions}"
    return found[0]


def test_seed_today_sunday_is_publication_day(seed_mentions):
    assert _containing(seed_mentions[1], "اليوم الأحد").value == "2018-04-08"


def test_seed_last_friday(seed_mentions):
    mention = _containing(seed_mentions[1], "الجمعة الماضية")
    assert (mention.value, mention.role) == ("2018-04-06", "event")


def test_seed_past_days_is_an_approximate_range_ending_at_publication(seed_mentions):
    mention = _containing(seed_mentions[1], "خلال الايام الماضية")
    assert mention.grain == "range" and mention.approximate
    assert mention.value.endswith("/2018-04-08")


def test_seed_proposal_two_weeks_after_settlement_is_future(seed_mentions):
    text, mentions = seed_mentions
    phrase_start = text.index("بعد حوالى أسبوعين من تسوية الأوضاع")
    found = [m for m in mentions if phrase_start <= m.start < phrase_start + 34]
    assert found and all(m.role == "future" for m in found)


def test_seed_counts_and_until_now_are_not_dates(seed_mentions):
    text, mentions = seed_mentions
    for phrase in ("13 شخصا", "1200 مدني", "130 ألف", "حتى الآن"):
        start = text.index(phrase)
        assert not [m for m in mentions if m.start < start + len(phrase) and start < m.end], phrase


def test_seed_offsets_match_text(seed_mentions):
    text, mentions = seed_mentions
    assert all(text[m.start:m.end] == m.text for m in mentions)


# ---------------------------------------------------------------- labelled sentences

@pytest.mark.parametrize("sentence", SENTENCES, ids=lambda s: s.text[:40])
def test_labelled_news_sentence(sentence):
    mentions = find_dates(sentence.text, sentence.published, sentence.language)
    assert check(sentence, mentions) == []


# ---------------------------------------------------------------- conventions

def test_bare_weekday_is_the_publication_day_when_it_is_that_weekday():
    assert values("خرج المقاتلون الأحد من المدينة.") == ["2018-04-08"]


def test_bare_weekday_is_the_most_recent_one():
    assert values("خرج المقاتلون السبت من المدينة.") == ["2018-04-07"]
    assert values("خرج المقاتلون الاثنين من المدينة.") == ["2018-04-02"]


def test_last_weekday_is_strictly_before_publication():
    assert values("عقد الاجتماع الأحد الماضي.") == ["2018-04-01"]


def test_next_weekday_is_strictly_after_publication_and_future():
    mention = one("يعقد الاجتماع الأحد المقبل.")
    assert (mention.value, mention.role) == ("2018-04-15", "future")


def test_night_of_a_weekday_is_the_evening_before():
    assert values("تعرضت المدينة لقصف ليلة الأحد.") == ["2018-04-07"]


def test_parts_of_day_keep_the_day():
    for part in ("فجر", "صباح", "ظهر", "عصر", "مساء"):
        assert values(f"وقع الانفجار {part} الجمعة.") == ["2018-04-06"], part


def test_date_without_year_is_the_most_recent_past_occurrence():
    assert values("وقع الهجوم في 20 نيسان.") == ["2017-04-20"]
    assert values("وقع الهجوم في 2 نيسان.") == ["2018-04-02"]


def test_future_words_turn_a_date_without_year_forward():
    mention = one("من المقرر أن يعقد المؤتمر في 20 نيسان.")
    assert (mention.value, mention.role) == ("2018-04-20", "future")


def test_clitics_attach_to_the_first_word():
    assert values("وبالأمس قالت الوكالة إن القصف توقف.") == ["2018-04-07"]
    assert values("وفي الخامس من آذار دخلت القوافل.") == ["2018-03-05"]
    assert values("وقال إن الإنفاق للعام الماضي تجاوز التوقعات.") == ["2017"]


def test_eastern_and_persian_digits():
    assert values("وصل الوفد في ٥ نيسان ٢٠١٨.") == ["2018-04-05"]
    assert values("وصل الوفد في ۵ نیسان ۲۰۱۸.") == ["2018-04-05"]


def test_numeric_dates_are_day_first():
    assert values("صدر البيان بتاريخ 7/4/2018.") == ["2018-04-07"]
    assert values("صدر البيان بتاريخ ٧-٤-٢٠١٨.") == ["2018-04-07"]
    assert values("صدر البيان بتاريخ 07.04.2018.") == ["2018-04-07"]


def test_impossible_days_are_dropped_keeping_what_is_certain():
    assert values("صدر البيان بتاريخ 31/4/2018.") == []
    assert values("وقع ذلك في 30 شباط 2018.") == ["2018-02"]


def test_paired_month_names():
    for text in ("في 8 نيسان/أبريل 2018", "في 8 نيسان (أبريل) 2018", "في 8 أبريل/نيسان 2018"):
        assert values(text) == ["2018-04-08"], text


def test_levantine_and_egyptian_month_names_agree():
    levantine = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
                 "تشرين الأول", "تشرين الثاني", "كانون الأول"]
    egyptian = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
                "أكتوبر", "نوفمبر", "ديسمبر"]
    for number, (first, second) in enumerate(zip(levantine, egyptian), start=1):
        expected = [f"2016-{number:02d}-03"]
        assert values(f"وقع الحادث في 3 {first} 2016.") == expected
        assert values(f"وقع الحادث في 3 {second} 2016.") == expected


def test_ambiguous_month_words_need_context():
    assert values("ومارس الوفد ضغوطا على الفصائل.") == []
    assert values("وقال الأب إن ابنه قتل.") == []
    assert values("وقع الهجوم في 21 آب 2013.") == ["2013-08-21"]
    assert values("وقع الهجوم في شهر آب الماضي.") == ["2017-08"]


def test_marked_years_only():
    assert values("قتل 2013 شخصا في القصف.") == []
    assert values("القرار 2254 يدعو إلى حل سياسي.") == []
    assert values("بدأت الحرب عام 2011.") == ["2011"]
    assert values("في سنة 2017 تغير كل شيء.") == ["2017"]
    assert values("تأسس الفصيل في 2012م.") == ["2012"]


def test_hijri_dates_convert_with_umm_al_qura():
    assert values("صدر البيان في 22 رجب 1439 هـ.") == ["2018-04-08"]
    assert values("صدر البيان في 14-09-1432 هـ.") == ["2011-08-14"]
    assert values("وفي عام 1439هـ بدأت المرحلة الثانية.") == ["2017-09-21/2018-09-10"]


def test_month_parts_are_approximate_ranges():
    mention = one("تصاعدت الغارات أواخر آذار.")
    assert (mention.value, mention.approximate) == ("2018-03-21/2018-03-31", True)
    mention = one("وصل الوفد في بداية العام الماضي.")
    assert (mention.value, mention.approximate) == ("2017-01/2017-03", True)


def test_approximators_make_values_approximate():
    mention = one("وقع الهجوم قبل نحو ثلاثة أيام.")
    assert (mention.value, mention.approximate) == ("2018-04-05", True)


def test_number_words_and_duals_count_back():
    assert values("غادر الوفد منذ يومين.") == ["2018-04-06"]
    assert values("غادر الوفد منذ أسبوعين.") == ["2018-03-25"]
    assert values("غادر الوفد قبل خمسة عشر يوما.") == ["2018-03-24"]
    assert values("غادر الوفد قبل شهرين.") == ["2018-02"]
    assert values("يحاصر الجيش المدينة منذ ثلاثة وعشرين شهرا.") == ["2016-05-08/2018-04-08"]


def test_deadlines_are_future_ranges_from_publication():
    mention = one("طالب الجيش المسلحين بالخروج خلال 48 ساعة.")
    assert (mention.value, mention.role, mention.approximate) == ("2018-04-08/2018-04-10", "future", True)
    mention = one("على الفصائل تسليم السلاح في غضون أسبوع.")
    assert (mention.value, mention.role) == ("2018-04-08/2018-04-15", "future")


def test_dates_relative_to_another_event_are_not_anchored():
    assert values("دخلت القوات المدينة بعد ثلاثة أيام من الهجوم.") == []
    assert values("وقبل يومين من الاتفاق، قصفت الطائرات المدينة.") == []
    assert values("وبعد يومين، دخلت القوات المدينة.") == []


def test_before_n_of_an_object_counts_from_publication():
    # من after a verb that takes it, or before an indefinite noun, is the
    # verb's object; before an event noun the count runs from that event.
    assert values("حذرت المنظمة قبل أسبوع من كارثة إنسانية.") == ["2018-04-01"]
    assert values("حذرت المنظمة قبل أسبوع من الهجوم.") == ["2018-04-01"]
    assert values("وصل الوفد قبل يومين من أنقرة.") == ["2018-04-06"]
    assert values("انسحب المقاتلون قبل يومين من الهجوم.") == []
    assert values("قبل أسبوع من توقيعه، انسحب المقاتلون.") == []
    assert values("وكان ذلك قبل يومين من المؤتمر.") == []


def test_the_same_day_takes_the_day_of_the_mention_before():
    assert values("دخلت القوات في 7 نيسان، وفي اليوم ذاته خرجت الحافلات.") == ["2018-04-07", "2018-04-07"]
    assert values("وفي نفس اليوم خرجت الحافلات.") == []                  # nothing before it
    assert values("وصل الوفد في آذار الماضي، وفي اليوم نفسه بدأ الاجتماع.") == ["2018-03"]  # not a day
    assert values("قصفت الطائرات المدينة أمس، وفي الوقت ذاته قال المتحدث إن الهدنة صامدة.") == ["2018-04-07"]


def test_month_and_year_in_digits():
    assert values("صدر التقرير في 3/2018.") == ["2018-03"]
    assert values("صدر التقرير في 03-2018.") == ["2018-03"]
    assert values("صدر المرسوم رقم 10/2018.") == []
    assert values("بلغت النسبة 3.2018 في المئة.") == []


def test_hijri_month_and_year_without_the_mark():
    assert values("صدر البيان في 22 رجب 1439.") == ["2018-04-08"]
    assert values("قتل في رجب 1439 شخصا.") == []


def test_hijri_months_relative_to_publication():
    assert values("وخلال رمضان الماضي تعرضت المدينة لقصف.", date(2018, 6, 20)) == ["2018-05-16/2018-06-14"]
    assert values("وخلال رمضان الماضي تعرضت المدينة لقصف.") == ["2017-05-27/2017-06-24"]
    assert values("في الخامس من رمضان الماضي قتل 20 مدنيا.") == ["2017-05-31"]
    mention = one("وتنتهي المهلة قبل شهر رمضان المقبل.")
    assert (mention.value, mention.role) == ("2018-05-16/2018-06-14", "future")


def test_clock_times_keep_the_day():
    assert values("وقعت الغارة عند الساعة الخامسة من فجر السبت.") == ["2018-04-07"]
    assert values("سقطت القذيفة عند الساعة 7:30 من صباح أمس.") == ["2018-04-07"]


def test_today_as_a_noun_is_not_a_date():
    assert values("وفي اليوم التالي عاد الوفد.") == []
    assert values("وفي اليوم الأول من الهدنة قتل مدنيان.") == []


def test_english_wire_copy():
    published = SUNDAY
    assert [m.value for m in find_dates("Rebels left on Saturday night.", published, "en")] == ["2018-04-07"]
    assert [m.value for m in find_dates("The deal was signed on 8 April 2018.", published, "en")] == ["2018-04-08"]
    assert [m.value for m in find_dates("Talks were held April 3-5 in Ankara.", published, "en")] == \
        ["2018-04-03/2018-04-05"]
    assert [m.value for m in find_dates("It may be too late, he said.", published, "en")] == []


# ---------------------------------------------------------------- properties

ARABIC_PIECES = st.sampled_from([
    "أمس", "اليوم", "الجمعة", "الماضية", "من", "آذار", "نيسان/أبريل", "2018", "٥", "عام", "منذ",
    "قبل", "يومين", "خلال", "الأيام", "و", "ب", "ال", "ـ", "ً", " ", "/", "-", "(", ")", "هـ", "ليلة",
    "13", "شخصا", "حتى", "الآن", "\u200f", "\n", ".", "بين", "18", "20", "شباط",
])


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_and_spans_are_consistent_on_any_text(text):
    for language in ("ar", "en"):
        for mention in find_dates(text, SUNDAY, language):
            assert 0 <= mention.start < mention.end <= len(text)
            assert text[mention.start:mention.end] == mention.text


@settings(max_examples=300, deadline=None)
@given(st.lists(ARABIC_PIECES, max_size=30).map("".join), st.dates(date(1950, 1, 1), date(2040, 12, 31)))
def test_never_raises_on_date_like_arabic(text, published):
    mentions = find_dates(text, published)
    previous_end = 0
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text
        assert mention.start >= previous_end
        previous_end = mention.end
        assert mention.grain in ("day", "month", "year", "range")
        assert mention.role in ("event", "future", "other")
