"""Dating an occurrence on top of the engine's values: never after publication,
undated leads are the latest news, a named night is both its days
(sentences written for these tests)."""

from __future__ import annotations

from datetime import date

from timeline.content.model import EventDate, PartialDate
from timeline.dates import find_dates
from timeline.dates.occurrence import no_later_than, undated
from timeline.extract.events import find_events
from timeline.extract.segment import segment_article

from test_extract_quality import _names

PUBLISHED = date(2020, 2, 27)  # a Thursday


def clusters(text: str, published: date = PUBLISHED):
    segments = segment_article(text, published, "ar")
    return find_events(segments, published=published, language="ar", names=_names(), outlet="sana")[1]


def days(first: str, last: str, approximate: bool = False) -> EventDate:
    return EventDate(PartialDate.parse(first), PartialDate.parse(last), approximate)


def test_a_past_occurrence_this_month_ends_at_publication() -> None:
    found = clusters("وكانت القوات الحكومية قد سيطرت على البلدة في وقت سابق من الشهر الجاري بعد معارك عنيفة.")
    assert [c.date for c in found] == [days("2020-02-01", "2020-02-27")]


def test_a_past_occurrence_this_year_ends_at_publication() -> None:
    found = clusters("ونزح أكثر من مئة ألف مدني من ريف المدينة هذا العام بسبب القصف.")
    assert [c.date for c in found] == [days("2020-01-01", "2020-02-27")]


def test_the_expression_itself_keeps_its_calendar_value() -> None:
    # The engine normalizes what is written; only the occurrence is cut.
    mention, = find_dates("سيطرت القوات على البلدة في وقت سابق من الشهر الجاري.", PUBLISHED)
    assert mention.value == "2020-02"


def test_cutting_leaves_dates_wholly_before_or_after_publication() -> None:
    month = EventDate(PartialDate(2020, 1))
    assert no_later_than(month, PUBLISHED) is month
    coming = EventDate(PartialDate(2020, 3))
    assert no_later_than(coming, PUBLISHED) is coming
    assert no_later_than(EventDate(PartialDate(2020, 2, 27), PartialDate(2020, 3, 2), True), PUBLISHED) == \
        EventDate(PartialDate(2020, 2, 27), None, True)


def test_an_undated_lead_is_the_day_before_publication_or_the_day_itself() -> None:
    text = ("سقط عشرون قتيلا من المدنيين بقصف جوي استهدف سوق البلدة.\n"
            "وقال المرصد إن فرق الإنقاذ انتشلت جثث الضحايا من تحت الأنقاض.\n"
            "كما دمرت الغارات مدرسة في قرية مجاورة.")
    found = clusters(text)
    assert found[0].date == days("2020-02-26", "2020-02-27", approximate=True)
    assert undated(PUBLISHED, lead=True) == found[0].date


def test_an_undated_later_occurrence_is_the_week_before_publication() -> None:
    text = ("قصفت الطائرات الحربية أمس بلدة كفرنبل بعدة غارات.\n"
            "ويعيش في البلدة نحو عشرين ألف نسمة.\n"
            "وسيطرت فصائل المعارضة على تلة قريبة من البلدة.")
    found = clusters(text)
    assert [c.date for c in found] == [EventDate(PartialDate(2020, 2, 26)), days("2020-02-20", "2020-02-27", True)]


def test_a_night_named_by_both_its_days_is_both_days() -> None:
    published = date(2020, 3, 7)  # a Saturday
    night, = find_dates("ودخلت الهدنة حيز التنفيذ منتصف ليل الخميس إلى الجمعة.", published)
    assert (night.value, night.time_of_day) == ("2020-03-05/2020-03-06", "midnight")
    dashed, = find_dates("وتواصلت الغارات ليل الاثنين - الثلاثاء على القرى.", published)
    assert (dashed.value, dashed.time_of_day) == ("2020-03-02/2020-03-03", "night")
    single, = find_dates("وتواصلت الغارات ليلة الثلاثاء على القرى.", published)
    assert single.value == "2020-03-02"  # the night before Tuesday


def test_the_claim_dates_the_occurrence_the_reporting_frame_dates_the_statement() -> None:
    published = date(2018, 4, 8)  # a Sunday
    reported = clusters("وقال المرصد السوري اليوم الأحد إن الطائرات الحربية قصفت أمس بلدة كفرنبل بعدة غارات.", published)
    assert [c.date for c in reported] == [EventDate(PartialDate(2018, 4, 7))]
    framed_after = clusters("قصفت الطائرات الحربية بلدة كفرنبل الليلة الماضية، بحسب ما قال المرصد اليوم.", published)
    assert [c.date for c in framed_after] == [EventDate(PartialDate(2018, 4, 7), time="night")]


def test_the_frame_date_stays_when_the_claim_has_none_or_only_a_vaguer_one() -> None:
    published = date(2018, 4, 8)
    undated_claim = clusters("وأعلن الجيش اليوم أنه سيطر على البلدة بالكامل.", published)
    assert [c.date for c in undated_claim] == [EventDate(PartialDate(2018, 4, 8))]
    vaguer = clusters("وأعلن الجيش اليوم أنه سيطر على البلدة بعد معارك بدأت الأسبوع الماضي.", published)
    assert [c.date for c in vaguer] == [EventDate(PartialDate(2018, 4, 8))]


def test_english_claim_dates_the_occurrence() -> None:
    published = date(2018, 4, 8)
    segments = segment_article("The Observatory said on Sunday that air strikes hit the town on Saturday, killing five civilians.",
                               published, "en")
    found = find_events(segments, published=published, language="en", names=_names(), outlet="sana")[1]
    assert [c.date for c in found] == [EventDate(PartialDate(2018, 4, 7))]


def test_a_year_in_a_relative_clause_does_not_date_the_occurrence() -> None:
    # The deal "reached about two years ago" is the antecedent's history: the
    # start of its next phase is today's news, undated, not two years old.
    text = ("بدأ تنفيذ المرحلة الثانية من اتفاق البلدات، الذي يعد استكمالا لاتفاق سابق، "
            "الذي تم بين الفصائل والحكومة قبل نحو عامين.")
    found = clusters(text)
    assert [c.date for c in found] == [undated(PUBLISHED, lead=True)]


def test_a_year_of_a_named_occurrence_in_a_relative_clause_dates_it() -> None:
    # "الهجوم الذي شنته القوات عام 2016": the antecedent names the occurrence.
    found = clusters("وأعادت المنظمة التذكير بالهجوم الذي شنته القوات على البلدة عام 2016 وقتل فيه عشرات المدنيين.")
    assert [c.date for c in found] == [EventDate(PartialDate(2016))]


def test_a_day_in_a_relative_clause_still_dates_the_sentence_without_another() -> None:
    found = clusters("ويمتد الاتفاق في الحي، الذي تم التوصل إليه في الـ13 من الشهر الماضي، لمدة ستة أسابيع.")
    assert [c.date for c in found] == [EventDate(PartialDate(2020, 1, 13))]
