"""Where a rule can start: a prefix index over the grammar's rules.

A speed-up only, never a filter that changes results. Running every rule's
regex over the whole text makes the regex engine try each rule at every
character; almost all of those attempts fail at once, but they are what
the engine spends its time on. Instead, each rule's pattern is analysed
once for the strings its matches can begin with (up to :data:`KEY_LENGTHS`
characters, digits all written "0"), and one combined regex finds the word
starts where any of those strings occurs. Each rule is then tried only at
its own candidate positions, in order, skipping positions inside its
previous match: exactly what ``finditer`` does, without the failed
attempts.

The analysis is sound, not exact: lookarounds are ignored (they only
restrict), large character classes and back-references end a prefix (any
continuation is then a candidate). A rule whose analysis gives no useful
prefix is scanned in full, as is every rule on a text holding digits other
than ASCII ones (which ``\\d`` matches but the index does not know). ``\\s``
is taken to mean " ": the engine folds every space to " " before matching.
The patterns are read with ``re._parser``, the standard library's own
parser (stable in the Python versions the project supports, 3.11+).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from re import _constants as sre
from re import _parser as sre_parse
from typing import Iterable, Iterator

from timeline.dates.cache import cached_value, compile_pattern

# Prefix lengths tried for each rule, longest first: a longer prefix tells
# rules apart better ("في الايام" from "في القصف"), but the patterns that
# open with many alternatives have too many long prefixes to list.
KEY_LENGTHS = (6, 5)
# Past this many prefixes at one length the next shorter length is tried;
# past it at the shortest, the rule is scanned in full.
MAX_PREFIXES = 20_000
# Text keys remembered with the rules to try there (a memo, cleared when full).
MAX_MEMO = 200_000
# Any digit ``\d`` matches that the index does not fold to "0".
OTHER_DIGITS = re.compile(r"[^\D0-9]")
ASCII_DIGITS = str.maketrans("0123456789", "0000000000")
WORD_BOUNDARY = repr(sre_parse.parse(r"(?<!\w)").data[0])


class _Unbounded(Exception):
    """A pattern has too many prefixes to index."""


def _key_char(char: str) -> str:
    return "0" if "0" <= char <= "9" else char


def _class_chars(items: list) -> set[str] | None:
    """The characters of a small character class (digits as "0"), or None."""
    chars: set[str] = set()
    for op, value in items:
        if op is sre.LITERAL:
            chars.add(_key_char(chr(value)))
        elif op is sre.RANGE and value[1] - value[0] < 64:
            chars.update(_key_char(chr(code)) for code in range(value[0], value[1] + 1))
        elif op is sre.CATEGORY and value in (sre.CATEGORY_DIGIT, sre.CATEGORY_UNI_DIGIT):
            chars.add("0")
        elif op is sre.CATEGORY and value in (sre.CATEGORY_SPACE, sre.CATEGORY_UNI_SPACE):
            chars.add(" ")  # the engine folds every space to " "
        else:
            return None
    return chars


def _op(op, value, budget: int, memo: dict) -> set[tuple[str, bool]]:
    """Prefixes of one parsed item: (string, open) where open means the item
    was consumed whole and what follows may extend the string."""
    key = (id(value), budget)
    if key not in memo:
        memo[key] = (value, _analyse(op, value, budget, memo))  # keep value alive: ids stay unique
    return memo[key][1]


def _analyse(op, value, budget: int, memo: dict) -> set[tuple[str, bool]]:
    if op is sre.LITERAL:
        return {(_key_char(chr(value)), True)}
    if op is sre.IN:
        chars = _class_chars(value)
        return {("", False)} if chars is None else {(char, True) for char in chars}
    if op is sre.SUBPATTERN:
        _, add_flags, _, pattern = value
        if add_flags & sre.SRE_FLAG_IGNORECASE:
            return {("", False)}
        return _sequence(pattern, budget, memo)
    if op is sre.ATOMIC_GROUP:
        return _sequence(value, budget, memo)
    if op is sre.BRANCH:
        found: set[tuple[str, bool]] = set()
        for alternative in value[1]:
            found |= _sequence(alternative, budget, memo)
        return found
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, pattern = value
        if pattern.getwidth()[0] == 0:
            return {("", False)}
        found = set()
        for count in range(min(low, budget), min(high, budget) + 1):
            found |= _sequence(list(pattern) * count, budget, memo) if count else {("", True)}
        return found
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return {("", True)}
    if op is sre.GROUPREF_EXISTS:
        _, yes, no = value
        return _sequence(yes, budget, memo) | (_sequence(no, budget, memo) if no is not None else {("", True)})
    return {("", False)}  # back-references, "any", negated literals


def _sequence(items: Iterable, budget: int, memo: dict) -> set[tuple[str, bool]]:
    finished: set[str] = set()
    open_heads = {""}
    for op, value in items:
        extended = set()
        for head in open_heads:
            for tail, is_open in _op(op, value, budget - len(head), memo):
                string = head + tail
                if is_open and len(string) < budget:
                    extended.add(string)
                else:
                    finished.add(string[:budget])
        open_heads = extended
        if len(open_heads) + len(finished) > MAX_PREFIXES:
            raise _Unbounded
        if not open_heads:
            break
    return {(string, False) for string in finished} | {(string, True) for string in open_heads}


def rule_prefixes(pattern: re.Pattern) -> frozenset[str] | None:
    """The strings a match of ``pattern`` can start with, or None when the
    pattern cannot be indexed (it may start anywhere)."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    if pattern.flags & re.IGNORECASE or not parsed.data or repr(parsed.data[0]) != WORD_BOUNDARY:
        return None
    for length in KEY_LENGTHS:
        try:
            prefixes = {string for string, _ in _sequence(parsed.data[1:], length, {})}
            break
        except _Unbounded:
            continue
    else:
        return None
    if "" in prefixes or parsed.getwidth()[0] == 0:
        return None
    return frozenset(prefixes)


@dataclass(frozen=True)
class PrefixIndex:
    """Candidate start positions of each rule in a text."""

    regexes: tuple[re.Pattern, ...]
    # Word starts where some indexed rule may begin: the text's first
    # character, and the character after each non-word character (matched
    # with that character, so that the regex engine skips along words).
    first: re.Pattern
    starts: re.Pattern
    by_prefix: dict[str, tuple[int, ...]]
    lengths: tuple[int, ...]      # lengths of the prefixes, longest first
    unindexed: tuple[int, ...]    # rules scanned in full
    # The rules to try at each text key seen so far (memo of ``_lookup``).
    _rules_at: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)

    def matches(self, text: str) -> Iterator[tuple[int, re.Match]]:
        """(rule number, match) for every rule, as each rule's ``finditer``
        over ``text`` would give them (in another order, the same set)."""
        regexes = self.regexes
        if OTHER_DIGITS.search(text):
            for number, regex in enumerate(regexes):
                for match in regex.finditer(text):
                    yield number, match
            return
        for number in self.unindexed:
            for match in regexes[number].finditer(text):
                yield number, match
        resume = [0] * len(regexes)
        rules_at = self._rules_at
        width = self.lengths[0]
        positions = [0] if self.first.match(text) else []
        positions += [start.end() for start in self.starts.finditer(text)]
        for position in positions:
            key = text[position:position + width]
            numbers = rules_at.get(key)
            if numbers is None:
                if len(rules_at) > MAX_MEMO:
                    rules_at.clear()
                numbers = rules_at[key] = self._lookup(key)
            for number in numbers:
                if position < resume[number]:
                    continue
                match = regexes[number].match(text, position)
                if match is not None:
                    resume[number] = match.end()
                    yield number, match

    def _lookup(self, key: str) -> tuple[int, ...]:
        """The rules that may start with ``key`` (the text at a position)."""
        key = key.translate(ASCII_DIGITS)
        numbers: set[int] = set()
        for length in self.lengths:
            numbers.update(self.by_prefix.get(key[:length], ()))
        return tuple(sorted(numbers))


def _trie(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` factored on shared prefixes."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [("[0-9]" if char == "0" else re.escape(char)) + render(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        if "" in node:  # a whole word ends here: any continuation is optional
            return ""
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return render(tree)


def build_index(regexes: Iterable[re.Pattern]) -> PrefixIndex:
    """Analyse ``regexes`` (rules in priority order) into a prefix index."""
    regexes = tuple(regexes)
    by_prefix: dict[str, set[int]] = {}
    unindexed = []
    for number, regex in enumerate(regexes):
        prefixes = cached_value("prefixes", f"{regex.flags}|{regex.pattern}",
                                lambda regex=regex: rule_prefixes(regex))
        if prefixes is None:
            unindexed.append(number)
            continue
        for prefix in prefixes:
            by_prefix.setdefault(prefix, set()).add(number)
    alternation = _trie({prefix[:4] for prefix in by_prefix}) or "(?!)"
    return PrefixIndex(
        regexes=regexes,
        first=compile_pattern(r"(?=" + alternation + ")", side="prefixes"),
        starts=compile_pattern(r"[^\w](?=" + alternation + ")", side="prefixes"),
        by_prefix={prefix: tuple(sorted(numbers)) for prefix, numbers in by_prefix.items()},
        lengths=tuple(sorted({len(prefix) for prefix in by_prefix}, reverse=True)),
        unindexed=tuple(unindexed),
    )
