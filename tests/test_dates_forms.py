"""Date forms seen in real news (issue 11 item 4), each on sentences written
for this project after the patterns found in real articles (never their
text): since-ranges, a day before a two-name month, relative months at the
publication month, weeks and weekends, numeric dates in wire copy, time of
day, and names that contain a date word."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.dates import DateMention, find_dates

SUNDAY = date(2018, 4, 8)


def found(text: str, published: date = SUNDAY, language: str = "ar") -> list[tuple[str, str]]:
    return [(mention.text, mention.value) for mention in find_dates(text, published, language)]


def one(text: str, published: date = SUNDAY, language: str = "ar") -> DateMention:
    mentions = find_dates(text, published, language)
    assert len(mentions) == 1, mentions
    return mentions[0]


# ---------------------------------------------------------------- since X

@pytest.mark.parametrize("text, span, value", [
    ("وتحاصر القوات البلدة منذ 3 شباط/فبراير الماضي.", "منذ 3 شباط/فبراير الماضي", "2018-02-03/2018-04-08"),
    ("ويعيش النازحون في الخيام منذ عام 2016.", "منذ عام 2016", "2016/2018-04-08"),
    ("ولم تدخل أي قافلة منذ مطلع آذار.", "منذ مطلع آذار", "2018-03-01/2018-04-08"),
    ("وتتواصل الغارات منذ صباح الجمعة.", "منذ صباح الجمعة", "2018-04-06/2018-04-08"),
    ("والمعبر مغلق منذ 12 كانون الثاني وحتى اليوم.", "منذ 12 كانون الثاني وحتى اليوم", "2018-01-12/2018-04-08"),
])
def test_since_a_date_is_a_range_to_publication(text: str, span: str, value: str) -> None:
    assert found(text) == [(span, value)]


def test_since_until_today_is_one_expression_not_two() -> None:
    mentions = find_dates("يغلق الجيش الطريق منذ الخميس وحتى الآن.", SUNDAY)
    assert [(m.text, m.value) for m in mentions] == [("منذ الخميس وحتى الآن", "2018-04-05/2018-04-08")]


def test_since_a_count_stays_the_point_it_names() -> None:
    # "منذ ثلاثة أيام" says when (three days ago), not how long.
    assert found("وصل الوفد منذ ثلاثة أيام.") == [("منذ ثلاثة أيام", "2018-04-05")]


def test_english_since_is_a_range_to_publication() -> None:
    assert found("The town has been besieged since mid-February, officials said.", language="en") == \
        [("since mid-February", "2018-02-11/2018-04-08")]
    assert found("Talks have stalled ever since January.", language="en") == \
        [("ever since January", "2018-01/2018-04-08")]


# ---------------------------------------------------------------- two-name months

@pytest.mark.parametrize("text, span, value", [
    ("وأعلن الاتفاق في 15 أيار/ مايو الماضي.", "15 أيار/ مايو الماضي", "2017-05-15"),
    ("وبدأت الحملة في 3 حزيران/يونيو.", "3 حزيران/يونيو", "2017-06-03"),
    ("وجرت الانتخابات في 9 تشرين الثاني / نوفمبر الماضي.", "9 تشرين الثاني / نوفمبر الماضي", "2017-11-09"),
    ("ووصل المبعوث في الثاني من آذار مارس.", "الثاني من آذار مارس", "2018-03-02"),
])
def test_a_day_before_a_two_name_month_is_one_expression(text: str, span: str, value: str) -> None:
    assert found(text) == [(span, value)]


def test_a_month_part_before_two_names_without_a_mark_is_one_expression() -> None:
    mention = one("وسقطت المدينة أواخر شهر شباط فبراير الماضي.")
    assert (mention.text, mention.value, mention.approximate) == \
        ("أواخر شهر شباط فبراير الماضي", "2018-02-21/2018-02-28", True)


def test_two_names_side_by_side_that_disagree_are_not_a_pair() -> None:
    # Without a mark, "تموز آب" is no pair: nothing is read as one month.
    assert ("تموز آب", "2017-07") not in found("وفي تموز آب الماضيين تغير الوضع.")


def test_a_marked_pair_that_disagrees_takes_the_month_nearest_publication_approximately() -> None:
    mention = one("وسينتهي المعرض في 20 تموز/أبريل.", date(2018, 4, 10))
    assert (mention.value, mention.approximate) == ("2018-04-20", True)


# ---------------------------------------------------------------- الماضي / المقبل / الجاري at the publication month

def test_last_with_the_publication_month_is_a_year_earlier() -> None:
    assert found("وقع الهجوم في نيسان الماضي.") == [("نيسان الماضي", "2017-04")]
    assert found("وقع الهجوم في 2 نيسان الماضي.") == [("2 نيسان الماضي", "2017-04-02")]


def test_next_with_the_publication_month_is_a_year_later() -> None:
    mention = one("وتعقد القمة في 20 نيسان المقبل.")
    assert (mention.value, mention.role) == ("2019-04-20", "future")


def test_current_month_is_this_month_even_for_a_day_still_ahead() -> None:
    mention = one("وتنطلق الدوريات في 25 نيسان الجاري.")
    assert (mention.value, mention.role) == ("2018-04-25", "future")


# ---------------------------------------------------------------- weeks

@pytest.mark.parametrize("text, value", [
    ("وتجددت الاشتباكات في عطلة نهاية الأسبوع الماضي.", "2018-04-06/2018-04-07"),
    ("وسيصل الوفد في الأسبوع الأول من أيار المقبل.", "2018-05-01/2018-05-07"),
    ("وتراجعت الغارات في الأسبوع الأخير من الشهر الماضي.", "2018-03-25/2018-03-31"),
    ("وجرى الاتفاق في منتصف الأسبوع الماضي.", "2018-03-28/2018-03-30"),  # Monday-to-Sunday weeks
])
def test_arabic_week_expressions(text: str, value: str) -> None:
    mention = one(text)
    assert (mention.value, mention.approximate) == (value, True)


@pytest.mark.parametrize("text, value", [
    ("Fighting flared over the weekend.", "2018-04-07/2018-04-08"),
    ("Convoys left last weekend.", "2018-03-31/2018-04-01"),
    ("The envoy is due early next week.", "2018-04-15/2018-04-17"),
    ("Aid arrived in the first week of March.", "2018-03-01/2018-03-07"),
    ("Shelling eased in the last week of last month.", "2018-03-25/2018-03-31"),
    ("The UN said last week that talks failed.", "2018-04-01/2018-04-07"),
])
def test_english_week_expressions(text: str, value: str) -> None:
    mention = one(text, language="en")
    assert (mention.value, mention.approximate) == (value, True)


def test_english_this_week_in_a_past_report_runs_from_sunday_to_publication() -> None:
    mention = one("A deal reached this week allowed the evacuation.", date(2018, 4, 12), "en")
    assert mention.value == "2018-04-08/2018-04-12"


# ---------------------------------------------------------------- numeric dates

def test_wire_copy_numeric_dates_are_month_first_unless_the_first_cannot_be_a_month() -> None:
    assert found("The report was filed 04.03.18 in Washington.", language="en") == [("04.03.18", "2018-04-03")]
    assert found("The report was filed 22/3/2018 in London.", language="en") == [("22/3/2018", "2018-03-22")]


def test_arabic_numeric_dates_are_day_first_in_any_digits() -> None:
    assert found("تاريخ النشر ٠٤/٠٣/٢٠١٨") == [("٠٤/٠٣/٢٠١٨", "2018-03-04")]
    assert found("تاريخ النشر 04.03.18") == [("04.03.18", "2018-03-04")]


# ---------------------------------------------------------------- time of day

@pytest.mark.parametrize("text, time_of_day, value", [
    ("وسقطت القذائف مساء أمس على السوق.", "evening", "2018-04-07"),
    ("وبدأ القصف فجر السبت.", "dawn", "2018-04-07"),
    ("وتوقفت الاشتباكات ليلة الأحد.", "night", "2018-04-07"),
    ("ودخلت الهدنة حيز التنفيذ منتصف ليل الجمعة.", "midnight", "2018-04-05"),
    ("ووصلت الحافلات صباح 6 نيسان.", "morning", "2018-04-06"),
    ("وقصفت الطائرات المدينة البارحة.", None, "2018-04-07"),
])
def test_time_of_day_is_returned_with_the_date(text: str, time_of_day: str | None, value: str) -> None:
    mention = one(text)
    assert (mention.value, mention.time_of_day) == (value, time_of_day)
    assert mention.to_json()["time_of_day"] == time_of_day


def test_english_time_of_day() -> None:
    assert one("Rebels left on Friday morning.", language="en").time_of_day == "morning"
    assert one("Shelling resumed last night.", language="en").time_of_day == "night"


# ---------------------------------------------------------------- other forms from real copy

def test_yesterday_the_first_is_the_day_before_yesterday() -> None:
    assert found("وأعلنت الوزارة أمس الأول أن المعبر أغلق.") == [("أمس الأول", "2018-04-06")]


def test_this_day_is_today_but_not_an_anniversary() -> None:
    assert found("قصف عنيف على القرى هذا اليوم من جهة الشرق.") == [("هذا اليوم", "2018-04-08")]
    assert found("وفي مثل هذا اليوم من عام 2013 سقطت البلدة.") == [("عام 2013", "2013")]


def test_two_or_three_days_is_the_longer_count() -> None:
    mention = one("ويتوقع أن ينتهي الإجلاء خلال يومين أو ثلاثة أيام.")
    assert (mention.value, mention.role) == ("2018-04-08/2018-04-11", "future")


def test_past_nights_end_on_publication_morning() -> None:
    assert found("وشن التنظيم هجمات خلال الليلتين الماضيتين.") == [("خلال الليلتين الماضيتين", "2018-04-06/2018-04-08")]


def test_a_day_of_a_hijri_month_without_a_year_is_the_nearest_one() -> None:
    # 1 Ramadan 1439 = 16 May 2018 (Umm al-Qura); published in June.
    assert found("وقصفت الطائرات الحي في الثالث و العشرين من رمضان.", date(2018, 6, 10)) == \
        [("الثالث و العشرين من رمضان", "2018-06-07")]


def test_two_weekdays_without_a_night_are_the_days_between() -> None:
    assert found("وتستمر المحادثات من الأربعاء إلى الجمعة.", date(2018, 4, 6)) == \
        [("الأربعاء إلى الجمعة", "2018-04-04/2018-04-06")]


def test_a_channel_named_after_today_is_not_a_date() -> None:
    assert found('ونقل موقع "روسيا اليوم" عن مصدر عسكري أن الهدوء عاد.') == []
    assert found("ونقلت قناة العالم اليوم عن مراسلها أن القصف توقف.") == []
    assert found("وأعلنت روسيا اليوم أن وفدها سيصل.") == [("اليوم", "2018-04-08")]
    assert found("CCTV's World Today programme showed the convoy.", language="en") == []


# ---------------------------------------------------------------- the N-th day running

@pytest.mark.parametrize("text, language, expected", [
    ("وتواصل القصف المدفعي على البلدة لليوم الثالث على التوالي.", "ar", ("لليوم الثالث على التوالي", "2018-04-06/2018-04-08")),
    ("ويستمر إضراب التجار في السوق لليوم العاشر توالياً.", "ar", ("لليوم العاشر توالياً", "2018-03-30/2018-04-08")),
    ("وتتواصل الحملة على المدينة لليوم الحادي والعشرين.", "ar", ("لليوم الحادي والعشرين", "2018-03-19/2018-04-08")),
    ("Shelling hit the suburbs for a third straight day.", "en", ("for a third straight day", "2018-04-06/2018-04-08")),
    ("Talks went on for the second day in a row.", "en", ("for the second day in a row", "2018-04-07/2018-04-08")),
])
def test_the_nth_day_running_is_the_days_ending_at_publication(text: str, language: str, expected: tuple) -> None:
    assert found(text, language=language) == [expected]


def test_the_first_day_is_no_running_range() -> None:
    assert found("وبدأ الإضراب لليوم الأول في المدينة.") == []


# ---------------------------------------------------------------- "اليوم" that is not today

@pytest.mark.parametrize("text", [
    "وعاد الهدوء إلى المدينة في اليوم التالي.",         # sentence-final: the next day (of the event told)
    "وشهدت المدينة هدوءا حذرا صباح اليوم التالي.",      # the morning of the next day
    "وتسقط عشرات القذائف على الأحياء في اليوم الواحد.",  # per day
])
def test_the_day_of_something_is_not_today(text: str) -> None:
    assert found(text) == []


def test_about_after_the_expression_makes_it_approximate() -> None:
    mention = one("وبدأ الهجوم على البلدة قبل أسبوعين تقريباً.")
    assert (mention.value, mention.approximate) == ("2018-03-25", True)
    assert one("وبدأ الهجوم على البلدة قبل أسبوعين.").approximate is False
