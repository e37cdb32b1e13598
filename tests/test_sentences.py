"""Sentence segmentation (timeline/sentences.py): the numbers are the site's anchors."""

from importlib import resources

import pytest
import yaml

from timeline.sentences import sentence_at, split_sentences


def texts(text: str) -> list[str]:
    return [sentence.text for sentence in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    # Arabic terminators, and the comma that is not one.
    ("قصف الطيران البلدة، وقتل ثلاثة. وقال الدفاع المدني إن الحصيلة أولية؟ ثم هدأ القصف؛ وعاد الأهالي",
     ["قصف الطيران البلدة، وقتل ثلاثة.", "وقال الدفاع المدني إن الحصيلة أولية؟", "ثم هدأ القصف؛", "وعاد الأهالي"]),
    # A full stop inside a quotation closes with the quotation.
    ("قال المسؤول: «انتهى الاتفاق. لن نخرج». ثم غادر.", ["قال المسؤول: «انتهى الاتفاق. لن نخرج».", "ثم غادر."]),
    # Scraped Arabic with no space after the stop still splits.
    ("قتل خمسة.وأضاف المصدر أن القصف استمر.", ["قتل خمسة.", "وأضاف المصدر أن القصف استمر."]),
    # Decimals and Latin initials.
    ("Prices rose 3.5 percent. The U.N. envoy arrived.", ["Prices rose 3.5 percent.", "The U.N. envoy arrived."]),
    # Times of day: the clause goes on after a.m./p.m. ...
    ("Shelling began at 5 a.m. on Tuesday and lasted an hour. Residents fled.",
     ["Shelling began at 5 a.m. on Tuesday and lasted an hour.", "Residents fled."]),
    ("The convoy left at 11 p.m. Sunday, a witness said.", ["The convoy left at 11 p.m. Sunday, a witness said."]),
    ("The truce starts at 8 a.m. GMT. Aid will follow.", ["The truce starts at 8 a.m. GMT.", "Aid will follow."]),
    ("It took effect at noon, or 9 a.m. Beirut time, on Friday.", ["It took effect at noon, or 9 a.m. Beirut time, on Friday."]),
    # ... and ends the sentence before a new one.
    ("The buses left at 4 p.m. The last fighters followed.", ["The buses left at 4 p.m.", "The last fighters followed."]),
    ("The raid ended at 2 a.m.", ["The raid ended at 2 a.m."]),
    # Titles never end a sentence; months and "No." only before a number.
    ("Maj. Gen. Igor Konashenkov said the jets hit 12 targets. Lt. Col. Smith denied it.",
     ["Maj. Gen. Igor Konashenkov said the jets hit 12 targets.", "Lt. Col. Smith denied it."]),
    ("The deal was signed on Sept. 9 near checkpoint No. 4. Buses came in Oct. Nobody counted them.",
     ["The deal was signed on Sept. 9 near checkpoint No. 4.", "Buses came in Oct.", "Nobody counted them."]),
    # A web address is one word.
    ("The statement was posted on sana.sy. It named no one.", ["The statement was posted on sana.sy.", "It named no one."]),
    # A word that merely ends like an abbreviation is an ordinary word.
    ("They shelled the camp. Then they stopped.", ["They shelled the camp.", "Then they stopped."]),
])
def test_split(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_offsets_and_numbers_address_the_text() -> None:
    text = "أولى.\n\nالثانية بعد سطر فارغ. الثالثة"
    sentences = split_sentences(text)
    assert [s.number for s in sentences] == [1, 2, 3]
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert sentence_at(sentences, text.index("الثالثة")).number == 3
    assert sentence_at(sentences, text.index("\n")) is None


def test_abbreviation_data_is_lower_case_strings() -> None:
    raw = yaml.safe_load(resources.files("timeline").joinpath("data/abbreviations.yml").read_text(encoding="utf-8"))
    for key in ("titles", "before_number", "times", "time_followers"):
        assert raw[key], key
        for word in raw[key]:
            # YAML reads bare no/on/off as booleans: every entry must stay a string.
            assert isinstance(word, str) and word == word.lower() and not word.endswith("."), (key, word)
