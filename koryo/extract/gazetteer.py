"""The curated gazetteer of people, organisations, groups and policies (`data/entities.json`),
with the keys its names give and the folds that make keys of names it does not list."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources

from koryo.locales import alternation
from koryo.model import EntityMention
from koryo.extract.shapes import korean_name
from koryo.places import translit_key


@dataclass(frozen=True)
class Known:
    key: str
    type: str
    name: str
    country: str = ""


NOBODY = Known("", "", "")


@lru_cache(maxsize=1)
def gazetteer() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, Known]]:
    data = json.loads(resources.files("koryo.data").joinpath("entities.json").read_text(encoding="utf-8"))
    by_alias: dict[str, Known] = {}
    for e in data["entities"]:
        known = Known(e["id"], e["type"], e["name"], e.get("country", ""))
        for alias in [e["name"], *e["aliases"]]:
            by_alias[alias.casefold()] = known
    names = sorted(by_alias, key=len, reverse=True)
    # Acronyms and other short all-capital names match only as written; the rest in any case.
    exact = [n for n in names if _is_acronym(n, data)]
    loose = [n for n in names if n not in exact]
    acronyms = set(exact)
    spellings = {a for a in _all_names(data) if a.casefold() in acronyms}  # "ONU" and "Onu"
    # Tries, not lists of names: a list is tried name by name at every character. An abbreviation
    # opens a hyphened compound too ("NKWD-Behörden", "UN-backed").
    exact_re = re.compile(r"(?<![\w-])(?:" + alternation(spellings, " ") + r")(?!\w|-\d)")
    loose_re = re.compile(r"(?<![\w-])(?:" + alternation(loose, " ") + r")(?![\w-])", re.I)
    return exact_re, loose_re, by_alias


_ADJECTIVES = {
    "north korean": "KP", "south korean": "KR", "kazakh": "KZ", "kazakhstani": "KZ", "uzbek": "UZ", "kyrgyz": "KG",
    "tajik": "TJ", "russian": "RU", "chinese": "CN", "vietnamese": "VN", "mongolian": "MN",
}


def nationality_of(mention: EntityMention) -> str:
    """The ISO country of a group of one nationality ("Kazakhstanis", "North Korean troops"), else ""."""
    known = next((k for k in gazetteer()[2].values() if k.key == mention.key), None)
    if known is not None:
        return known.country
    name = mention.name.casefold()
    return next((code for adj, code in sorted(_ADJECTIVES.items(), key=lambda a: -len(a[0])) if name.startswith(adj + " ")), "")


def known_group(name: str) -> bool:
    known = gazetteer()[2].get(name.casefold())
    return known is not None and known.type == "group"


def group_aliases(key: str) -> list[str]:
    """Every name of a gazetteer entity, case-folded."""
    return [alias for alias, known in gazetteer()[2].items() if known.key == key]


def names_of_group(name: str) -> set[str]:
    """Every name (case-folded) of the group `name` names in the gazetteer ("Goryeoin": the
    Koryo-saram's), or `name` alone when the gazetteer does not know it: what a filter matches."""
    known = gazetteer()[2].get(name.casefold())
    if known is None or known.type != "group":
        return {name.casefold()}
    return {name.casefold(), known.name.casefold(), *group_aliases(known.key)}


def _all_names(data: dict) -> list[str]:  # type: ignore[type-arg]
    return [n for e in data["entities"] for n in [e["name"], *e["aliases"]]]


def _original(folded: str, data: dict) -> str:  # type: ignore[type-arg]
    return next(n for n in _all_names(data) if n.casefold() == folded)


def _is_acronym(folded: str, data: dict) -> bool:  # type: ignore[type-arg]
    original = _original(folded, data)
    return len(original) <= 5 and original.upper() == original


@lru_cache(maxsize=65536)
def close_person(name: str) -> Known | None:
    """The listed person a name spells another way ("Lavrenti Beria" = "Lavrentiy Beria"): the same
    surname, transliterated, and the whole name at least 85% alike; None when none or two are."""
    words = name.split()
    if len(words) < 2:
        return None
    key, surname = translit_key(name), translit_key(words[-1])
    hits = {k for alias, k in gazetteer()[2].items() if k.type == "person" and len(alias.split()) >= 2
            and translit_key(alias.split()[-1]) == surname and SequenceMatcher(None, key, translit_key(alias)).ratio() >= 0.85}
    return hits.pop() if len(hits) == 1 else None


def fold_person(name: str) -> str:
    """A person's key that survives hyphens, spaces, accents, scripts and a Korean's name order
    ("Kim Il-sung" = "Kim Il Sung", "Min-seok Kim" = "Kim Min-seok")."""
    return translit_key(korean_name(name) or name)


def fold_name(name: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(name.casefold().replace("’", "'").split()))
