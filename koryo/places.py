"""Place names: the curated gazetteer in `data/places.json` first, then ISO 3166 via pycountry
and the larger cities of the corridor's countries from GeoNames (`data/cities.json`)."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pycountry


@dataclass(frozen=True)
class Place:
    """A place koryo knows: a stable id, its type and preferred name."""

    id: str
    type: str  # country | region | city | area
    name: str
    country: str


def fold(name: str) -> str:
    """A name folded for matching: accents, case, a leading "the", trailing marks and punctuation."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[*†‡]+$", "", text.strip())
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[\s\-‐–_.,']+", " ", text).strip()


@lru_cache(maxsize=1)
def _index() -> dict[str, Place]:
    data = json.loads(resources.files("koryo.data").joinpath("places.json").read_text(encoding="utf-8"))
    index: dict[str, Place] = {}
    for country in pycountry.countries:
        place = Place(country.alpha_2, "country", getattr(country, "common_name", None) or country.name, country.alpha_2)
        for n in (country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")):
            if n:
                index.setdefault(fold(n), place)
    cities = json.loads(resources.files("koryo.data").joinpath("cities.json").read_text(encoding="utf-8"))
    for entry in cities["cities"]:
        place = Place(entry["id"], "city", entry["name"], entry["country"])
        for n in [entry["name"], *entry["aliases"]]:
            index.setdefault(fold(n), place)
    for entry in data["places"]:
        place = Place(entry["id"], entry["type"], entry["name"], entry["country"])
        for n in [entry["name"], *entry["aliases"]]:
            index[fold(n)] = place
    return index


@lru_cache(maxsize=65536)
def lookup(name: str) -> Place | None:
    """The place a name stands for, or None."""
    return _index().get(fold(name))


@lru_cache(maxsize=1)
def _ids() -> dict[str, Place]:
    return {p.id: p for p in _index().values()}


def country_name(code: str) -> str:
    """The preferred name of a country from its ISO 3166 code ("KR" → "South Korea")."""
    place = _ids().get(code)
    return place.name if place else code


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    place: Place


_WORD = re.compile(r"\w[\wʼ'’-]*", re.U)


@lru_cache(maxsize=4096)
def find_places(text: str, offset: int = 0) -> tuple[PlaceMention, ...]:
    """Places named in `text` (longest names first), offsets shifted by `offset`."""
    words = list(_WORD.finditer(text))
    out = []
    i = 0
    while i < len(words):
        first = words[i].group(0)
        hit = None
        if first[:1].isupper() or first.lower() in ("the", "city"):
            for n in range(min(5, len(words) - i), 0, -1):
                a, b = words[i].start(), words[i + n - 1].end()
                span = text[a:b]
                if "\n" in span or (n > 1 and re.search(r"[,;:.()]", span)):
                    continue
                place = lookup(span)
                if place and (span[:1].isupper() or span.lower().startswith(("the ", "city of "))):
                    if n > 1 and span.lower().startswith("the ") and lookup(span[4:]) == place and span[4:5].isupper():
                        a = words[i + 1].start()  # "the Republic of Korea": the name starts after "the"
                    hit = (n, PlaceMention(offset + a, offset + b, place))
                    break
        if hit:
            out.append(hit[1])
            i += hit[0]
        else:
            i += 1
    return tuple(out)
