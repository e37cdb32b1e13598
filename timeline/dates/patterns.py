"""Regular-expression building blocks of the Arabic date grammar.

The blocks match *normalized* text (``timeline.normalize``: alef, ya and
ta-marbuta folded, diacritics and tatweel dropped, digits in ASCII). They
are built from the lexicon once and composed by ``grammar`` into rules.

Clitics: a rule may start with a conjunction (و، ف) and a preposition
(ب، ل، ك) glued to its first word ("وفي", "بالأمس"); with ل the article
loses its alef ("للعام الماضي"), which :data:`ART` accepts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from timeline.dates.lexicon import alternation, lexicon

WORD_END = r"(?!\w)"
# Clitics glued to the first word: conjunction, then preposition.
CLITICS = r"(?<!\w)(?P<clitic>(?:[وف](?=\w))?(?:[بلك](?=\w))?)"
# The article, or its elided form after the preposition ل ("للعام").
ART = r"(?:ال|(?<=ل)ل)"
SEP = r"\s?(?:-|–|—|/|الي|حتي|لغايه|ولغايه|وحتي|وصولا الي)\s?"
PAIR_SEP = r"\s?(?:/|\\|\(|-|–|—)\s?"
# Between the two names of a paired month: a mark, or a space alone
# ("آذار مارس"; the reader then requires the two names to agree).
PAIR_JOIN = rf"(?:{PAIR_SEP}|\s)"
DAY_NUMBER = r"(?:ال)?(?:3[01]|[12]\d|0?[1-9])(?!\d)(?:\.(?!\d))?"
YEAR4 = r"(?:1\d\d\d|20\d\d|21\d\d)(?!\d)"
HIJRI_MARK = r"\s?ه(?:ج(?:ري|ريه)?)?" + WORD_END


@dataclass(frozen=True)
class Blocks:
    """Alternations built from the lexicon (all non-capturing)."""

    month: str
    month_safe: str
    paired_month: str
    paired_month_safe: str
    hijri_month: str
    weekday: str
    ordinal_day: str
    day: str
    number: str
    unit: str
    plural_unit: str
    past: str
    future: str
    current: str
    relative: str
    window: str
    day_part: str
    day_part_day: str
    month_part: str
    approximator: str
    deictic: str

    def year_tail(self, name: str) -> str:
        """A year after a month: "آذار 2018", "آذار من العام 2018", "2018م"."""
        return (rf"(?:\s?[،,.]?\s?(?:من\s)?(?:{ART}?(?:عام|سنه)\s?)?(?P<{name}>{YEAR4})"
                rf"(?:\s?م{WORD_END})?(?!{HIJRI_MARK}))")

    def relative_year(self, name: str) -> str:
        """A relative year after a month: "أيار من العام الماضي"."""
        return (rf"(?:\s(?:من\s)?(?:{ART}(?:عام|سنه)\s(?P<{name}>{self.relative})"
                rf"|(?P<{name}_this>هذا العام|هذه السنه)))")

    def day_month(self, day: str, month: str) -> str:
        """A day then a month: "8 نيسان", "الثامن من شهر نيسان/أبريل"."""
        return (rf"(?P<{day}>{self.day})\s?(?:[/.-]\s?)?(?:من\s)?(?:شهر\s)?"
                rf"(?P<{month}>{self.paired_month})")


@cache
def blocks() -> Blocks:
    """The grammar's building blocks, compiled from the lexicon on first use."""
    lex = lexicon()
    month = alternation(lex.months)
    month_safe = alternation(word for word in lex.months if word not in lex.ambiguous_months)
    # A second name, and in Maghrebi copy a third after a mark inside the
    # parenthesis: "آب (أغسطس - أوت)".
    second = rf"{PAIR_JOIN}{month}(?:{PAIR_SEP}{month})?(?:\s?\))?"
    paired = rf"{month}(?:{second})?"
    paired_safe = rf"(?:{month_safe}(?:{second})?|{month}{second})"
    ordinal_unit = alternation(lex.ordinal_units)
    ordinal_ten = alternation(lex.ordinal_tens)
    ordinal = (rf"(?:(?:ال)?{ordinal_unit}(?:\s(?:عشر|عشره)|\sو\s?(?:ال)?{ordinal_ten})?"
               rf"|(?:ال)?{ordinal_ten}){WORD_END}")
    cardinal_unit = alternation(list(lex.cardinal_units) + list(lex.vague_numbers))
    cardinal_ten = alternation(lex.cardinal_tens)
    number = (rf"(?:\d{{1,4}}(?!\d)|{cardinal_unit}(?:\s(?:عشر|عشره)|\sو{cardinal_ten})?{WORD_END}"
              rf"|{cardinal_ten}{WORD_END})")
    past, future = alternation(lex.past), alternation(lex.future)
    current = alternation(word for word in lex.current if " " not in word and word not in ("هذا", "هذه"))
    return Blocks(
        month=month,
        month_safe=month_safe,
        paired_month=paired,
        paired_month_safe=paired_safe,
        hijri_month=alternation(lex.hijri_months),
        weekday=alternation(lex.weekdays) + r"(?!\s?عشر)" + WORD_END,
        ordinal_day=ordinal,
        day=rf"(?:{DAY_NUMBER}|{ordinal})",
        number=number,
        unit=alternation(lex.units) + WORD_END,
        plural_unit=alternation(lex.plurals | lex.duals) + WORD_END,
        past=past + WORD_END,
        future=future + WORD_END,
        current=current + WORD_END,
        relative=rf"(?:{past}|{future}|{current}){WORD_END}",
        window=alternation(lex.window_past | lex.window_future) + WORD_END,
        day_part=alternation(lex.day_parts) + WORD_END,
        day_part_day=alternation(lex.day_parts - lex.night_parts) + WORD_END,
        month_part=alternation(lex.month_parts) + WORD_END,
        approximator=alternation(lex.approximators) + WORD_END,
        deictic=alternation(lex.deictic_days) + WORD_END,
    )
