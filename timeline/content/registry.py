"""Outlets and the gazetteer: who publishes, who claims, who acts, where.

Names are resolved through normalized aliases, so "جيش الاسلام",
"جيش الإسلام" and "jaysh-al-islam" are one key. An alias that would point
at two keys is a problem, not a coin toss.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from timeline.content.frontmatter import FrontMatterError, read_yaml_file
from timeline.content.ids import is_valid_key
from timeline.content.model import GazetteerItem, Outlet
from timeline.normalize import normalize_arabic
from timeline.content.problems import Problem, did_you_mean
from timeline.content.vocabulary import outlet_kinds

OUTLET_FIELDS = ("name_ar", "name_en", "kind", "url", "aliases")
GAZETTEER_FIELDS = ("name_ar", "name_en", "aliases", "type")


@dataclass
class NameIndex:
    """Normalized names and aliases -> key."""

    keys: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, key: str) -> str | None:
        """Register ``name``; return the other key if it already means something else."""
        folded = normalize_arabic(str(name))
        if not folded:
            return None
        existing = self.keys.setdefault(folded, key)
        return existing if existing != key else None

    def resolve(self, name: Any) -> str | None:
        if name is None:
            return None
        return self.keys.get(normalize_arabic(str(name)))

    def suggestions(self, name: Any) -> str:
        return did_you_mean(normalize_arabic(str(name)), self.keys)


def load_outlets(path: Path) -> tuple[dict[str, Outlet], NameIndex, list[Problem]]:
    data, lines, problems = _read_mapping(path, "outlets")
    outlets: dict[str, Outlet] = {}
    index = NameIndex()
    kinds = outlet_kinds()
    for key, spec in data.items():
        where = lambda *sub: lines.get((key, *sub), lines.get((key,), 1))  # noqa: E731
        if not _check_key_and_spec(path, key, spec, OUTLET_FIELDS, where, problems, ("name_ar", "name_en", "kind")):
            continue
        kind = str(spec["kind"])
        if kind not in kinds:
            problems.append(Problem(str(path), where("kind"), f"{key}.kind", f'unknown kind "{kind}"{did_you_mean(kind, kinds)}; one of: {", ".join(kinds)}'))
        aliases = _aliases(path, key, spec, where, problems)
        outlets[key] = Outlet(key=key, name_ar=str(spec["name_ar"]), name_en=str(spec["name_en"]), kind=kind,
                              url=spec.get("url"), aliases=aliases)
        _index_names(index, key, (key, spec["name_ar"], spec["name_en"], *aliases), path, where, problems)
    return outlets, index, problems


def load_gazetteer(path: Path) -> tuple[dict[str, GazetteerItem], dict[str, GazetteerItem], NameIndex, NameIndex, list[Problem]]:
    data, lines, problems = _read_mapping(path, "gazetteer")
    for section in data:
        if section not in ("actors", "places"):
            problems.append(Problem(str(path), lines.get((section,), 1), section, f'unknown section{did_you_mean(section, ("actors", "places"))}; the gazetteer has `actors:` and `places:`'))
    actors, actor_index = _gazetteer_section(path, data, lines, "actors", problems)
    places, place_index = _gazetteer_section(path, data, lines, "places", problems)
    return actors, places, actor_index, place_index, problems


def _gazetteer_section(path: Path, data: dict, lines: dict, section: str, problems: list[Problem]) -> tuple[dict[str, GazetteerItem], NameIndex]:
    items: dict[str, GazetteerItem] = {}
    index = NameIndex()
    entries = data.get(section) or {}
    if not isinstance(entries, dict):
        problems.append(Problem(str(path), lines.get((section,), 1), section, "must be a mapping of key: {name_ar, name_en, aliases}"))
        return items, index
    for key, spec in entries.items():
        where = lambda *sub: lines.get((section, key, *sub), lines.get((section, key), 1))  # noqa: E731
        if not _check_key_and_spec(path, key, spec, GAZETTEER_FIELDS, where, problems, ("name_ar", "name_en"), prefix=f"{section}."):
            continue
        aliases = _aliases(path, f"{section}.{key}", spec, where, problems)
        items[key] = GazetteerItem(key=key, kind="actor" if section == "actors" else "place",
                                   name_ar=str(spec["name_ar"]), name_en=str(spec["name_en"]),
                                   aliases=aliases, type=spec.get("type"))
        _index_names(index, key, (key, spec["name_ar"], spec["name_en"], *aliases), path, where, problems)
    return items, index


def _read_mapping(path: Path, what: str) -> tuple[dict, dict, list[Problem]]:
    if not path.exists() and not path.is_symlink():
        return {}, {}, [Problem(str(path), 1, what, f"file not found; create {path.name}")]
    try:
        data, lines = read_yaml_file(path, root=path.parent)
    except FrontMatterError as error:
        return {}, {}, [Problem(str(path), error.line, what, error.message)]
    if data is None:
        return {}, {}, []
    if not isinstance(data, dict):
        return {}, {}, [Problem(str(path), 1, what, "must be a mapping of key: fields")]
    return data, lines, []


def _check_key_and_spec(path: Path, key: str, spec: Any, allowed: tuple[str, ...], where, problems: list[Problem],
                        required: tuple[str, ...], prefix: str = "") -> bool:
    name = f"{prefix}{key}"
    if not is_valid_key(str(key)):
        problems.append(Problem(str(path), where(), name, "a key must be lowercase ASCII letters, digits and hyphens"))
        return False
    if not isinstance(spec, dict):
        problems.append(Problem(str(path), where(), name, f"must be a mapping with {', '.join(required)}"))
        return False
    ok = True
    for needed in required:
        if not str(spec.get(needed) or "").strip():
            problems.append(Problem(str(path), where(), f"{name}.{needed}", "required"))
            ok = False
    for extra in spec:
        if extra not in allowed:
            problems.append(Problem(str(path), where(extra), f"{name}.{extra}", f"unknown field{did_you_mean(extra, allowed)}; ignored", "warning"))
    return ok


def _aliases(path: Path, name: str, spec: dict, where, problems: list[Problem]) -> tuple[str, ...]:
    aliases = spec.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, (str, int)) for a in aliases):
        problems.append(Problem(str(path), where("aliases"), f"{name}.aliases", "must be a list of names"))
        return ()
    return tuple(str(a) for a in aliases)


def _index_names(index: NameIndex, key: str, names: tuple, path: Path, where, problems: list[Problem]) -> None:
    for name in names:
        other = index.add(str(name), key)
        if other:
            problems.append(Problem(str(path), where("aliases"), f"{key}.aliases", f'"{name}" already names "{other}"; an alias must name one key'))
