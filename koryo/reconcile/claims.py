"""Claims: what a figure is about, normalised so that statements from different documents (a
sentence, a table cell) about the same thing meet under one key.

A key names who is counted (a nationality or a group), their status (undocumented, marriage
migrants, refugees, workers, troops, students), where, the unit and the period of a rate; the
time is kept beside it. A statement whose "who" is ambiguous (two nationalities in its
sentence) gets no key: it is better to compare nothing than the wrong things.
"""

from __future__ import annotations

import json
import re
import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from anyascii import anyascii

from koryo import locales
from koryo.extract.entities import nationality_of
from koryo.extract.flows import destination_of
from koryo.model import EntityMention, Event, Fact, Observation
from koryo.places import country_name, lookup

# How far "roughly", "about", "close to" stretch a figure: enough for "close to 172,000" to hold
# 171,781, not enough for 172,000 and 180,000 to agree.
APPROX = 0.02

@dataclass(frozen=True)
class Statement:
    """One figure as a claim: where it is, what it says, what it is about."""

    doc: str
    article: str
    kind: str  # prose | table
    table: int | None  # the table's index in its document, for cells
    start: int
    end: int
    mention_start: int
    mention_end: int
    value: float | None
    low: float | None
    high: float | None
    approx: bool
    raw: str
    time: str
    citations: tuple[str, ...]
    key: str
    about: str  # the key in words
    place: str = ""  # where, when the statement says: statements of two different places never meet
    measure: frozenset[str] = frozenset()  # stems of the words around a figure in prose: what is counted
    time_source: str = "stated"  # stated | heading | document (the document's date stands in)
    subject: frozenset[str] = frozenset()  # unkeyed prose: the groups it names and the stems of what it counts
    places: frozenset[str] = frozenset()  # unkeyed prose: the places its sentence names
    # What the same-claim judge compares (koryo/reconcile/judge.py):
    family: str = ""  # people, share, distance, money:USD, count:… ("" when the figure names no unit)
    context: str = ""  # the sentence (or the table's title and row) with the figure masked
    entities: frozenset[str] = frozenset()  # keys of every entity its sentence or row names
    topic: frozenset[str] = frozenset()  # the entities its document is most about
    language: str = ""  # its document's
    where: str = ""  # the place key of the figure's own clause or row ("Uzbekistan 210,000"), "" if none or several

    def interval(self) -> tuple[float, float]:
        """The values the statement allows: its range or bound, widened by its approximation and
        by the rounding of the printed figure ("12 thousand": ±500)."""
        if self.low is not None or self.high is not None:
            lo = self.low if self.low is not None else float("-inf")
            hi = self.high if self.high is not None else float("inf")
            if self.value is not None and self.low is None and self.high is None:
                lo = hi = self.value
            return lo, hi
        assert self.value is not None
        slack = self.rounding()
        if self.approx:
            slack = max(slack, abs(self.value) * APPROX)
        return self.value - slack, self.value + slack

    def rounding(self) -> float:
        """Half the unit the figure is printed to, when a scale word says it is rounded (see `_rounding`)."""
        return _rounding(self.raw, self.language) if self.value is not None else 0.0


_SETS = ("measure", "subject", "places", "entities", "topic")


def encoded(statements: list[Statement]) -> str:
    """Statements as JSON, to be kept in a store (`decoded` reads them back equal)."""
    rows = []
    for s in statements:
        row = dict(s.__dict__)
        for name in _SETS:
            row[name] = sorted(row[name])
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def decoded(data: str) -> list[Statement]:
    out = []
    for row in json.loads(data):
        for name in _SETS:
            row[name] = frozenset(row[name])
        row["citations"] = tuple(row["citations"])
        out.append(Statement(**row))
    return out


def _rounding(raw: str, language: str) -> float:
    """Half a unit of the last digit printed before the figure's scale word, in its language's
    words ("12 thousand": ±500, "4,7 millones": ±50,000, "2만9천": ±500); 0 when digits follow the
    scale word ("36만 387명" is exact)."""
    found = None
    for found in _scaled(language).finditer(raw):
        pass
    if found is None or re.search(r"\d", raw[found.end() :]):
        return 0.0
    digits = re.sub(r"[^\d,.]", "", found.group(1))
    decimals = len(re.split(r"[.,]", digits)[-1]) if re.search(r"[.,]\d{1,2}$", digits) else 0
    return 0.5 * _scales(language)[found.group(2).casefold()] * 10**-decimals


@lru_cache(maxsize=None)
def _scales(language: str) -> dict[str, float]:
    return {w.casefold(): float(v) for w, v in locales.merged(language or "en").multipliers.items() if float(v) >= 1000}


@lru_cache(maxsize=None)
def _scaled(language: str) -> re.Pattern[str]:
    """Digits, then a scale word that ends a word or is glued to a counter or particle ("2만9천명")."""
    loc = locales.merged(language or "en")
    glued = locales.alternation([*loc.counters, *loc.particles])
    return re.compile(r"(\d[\d,.\u00a0 ]*?)\s*(" + locales.alternation(_scales(language)) + r")(?=" + glued + r"|[^\w]|$)", re.I)


@lru_cache(maxsize=1)
def _key_words() -> dict[str, object]:
    return json.loads(resources.files("koryo.data").joinpath("claims.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _statuses() -> tuple[tuple[str, frozenset[str], tuple[str, ...]], ...]:
    """Each status with its words in every language (claims.json), whole words and beginnings ("illegal*")."""
    out = []
    for name, langs in _key_words()["statuses"].items():  # type: ignore[attr-defined]
        words = [w.casefold() for ws in langs.values() for w in ws]
        out.append((name, frozenset(w for w in words if not w.endswith("*")), tuple(w[:-1] for w in words if w.endswith("*"))))
    return tuple(out)


def _status(text: str) -> str:
    """The first status (claims.json `statuses`, in order) a word of the text names."""
    words = {w.casefold() for w in _WORD.findall(text)}
    for name, whole, begins in _statuses():
        if words & whole or any(w.startswith(begins) for w in words):
            return name
    return ""


@lru_cache(maxsize=1)
def _clause_end() -> re.Pattern[str]:
    words = {w for ws in _key_words()["clause_ends"].values() for w in ws}  # type: ignore[attr-defined]
    return re.compile(r"[,;:()–—]|(?<![^\W\d_])(?:" + locales.alternation(words) + r")(?![^\W\d_])", re.I)


@lru_cache(maxsize=1)
def _place_before() -> re.Pattern[str]:
    words = {w for ws in _key_words()["place_before"].values() for w in ws}  # type: ignore[attr-defined]
    return re.compile(r"(?<![^\W\d_])(?:" + locales.alternation(words) + r")\s+$", re.I)


def _who(sentence_mentions: list[EntityMention]) -> str:
    """A nationality if the sentence names one (and only one), else its one group, else ""."""
    countries = {c for m in sentence_mentions if m.type == "group" for c in [nationality_of(m)] if c}
    if len(countries) == 1:
        return "nationality:" + countries.pop()
    if countries:
        return "?"
    groups = {m.key for m in sentence_mentions if m.type == "group"}
    return groups.pop() if len(groups) == 1 else ("?" if groups else "")


def _clause(text: str, f: Fact) -> tuple[int, int]:
    """Where the figure's own clause begins and ends in its sentence."""
    before = [m for m in _clause_end().finditer(text, f.start, f.mention_start)]
    after = _clause_end().search(text, f.mention_end, f.end)
    return (before[-1].end() if before else f.start), (after.start() if after else f.end)


def _near(text: str, f: Fact, ms: list[EntityMention]) -> list[EntityMention]:
    """The names that can say who a figure counts: those of its own clause, else those before it in its
    sentence — not a group named after it in another clause ("48,906 …, of which 4,306 were Kazakhs")."""
    lo, hi = _clause(text, f)
    clause = [m for m in ms if lo <= m.start < hi]
    return clause or [m for m in ms if m.end <= f.mention_start] or [m for m in ms if m.type != "group"]


def _describe(who: str, status: str, place: str, unit: str, per: str) -> str:
    if who.startswith("nationality:"):
        people = f"nationals of {country_name(who.split(':', 1)[1])}"
    else:
        people = who.split(":", 1)[-1] if who else "people"
    parts = [people + (f" ({status})" if status else ""), f"in {place}" if place else "", unit, f"per {per}" if per else ""]
    return ", ".join(p for p in parts if p)


def _key(who: str, status: str, place: str, unit: str, per: str) -> str:
    return f"who={who};status={status};place={place};unit={unit};per={per}"


_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@lru_cache(maxsize=1)
def _measure_stop() -> frozenset[str]:
    data = json.loads(resources.files("koryo.data").joinpath("measure.json").read_text(encoding="utf-8"))
    return frozenset(w.casefold() for words in data["stop"].values() for w in words)


STEM = 5  # letters: "deported", "déportés", "deportiert" and "депортированы" are all "depor"


def stem(word: str) -> str:
    """A word transliterated to Latin letters (`anyascii`), folded and cut to its first letters, so
    that one root meets across scripts and languages ("Tatars" and "татар" are both "tatar")."""
    return anyascii(word).casefold()[:STEM]


MEASURE_LEFT, MEASURE_RIGHT = 1, 6  # words before and after the figure


def measure_stems(text: str, start: int, end: int, subject: str = "", skip: Sequence[tuple[int, int]] = ()) -> frozenset[str]:
    """What a figure measures, roughly: stems of the content words of its clause near it that are not
    capitalised ("were deported", "died", "work illegally"; every word of a script without capitals,
    as Hangul), without the words of what it counts (its subject: "soldiers") and those inside the
    spans to `skip` (the sentence's names and other figures: "ингушей", "23 тысячи") — names and
    numbers are the claim's subject, not its measure."""
    lo = max(0, start - 60)
    cut = max(text.rfind(c, lo, start) for c in ",;:()[]")
    left_at = cut + 1 if cut >= 0 else lo
    right = re.split(r"[,;:()\[\]]|\.\s", text[end : end + 80])[0]
    near = [(m.start(), m.group()) for m in _WORD.finditer(text, left_at, start)][-MEASURE_LEFT:] + \
        [(end + m.start(), m.group()) for m in _WORD.finditer(right)][:MEASURE_RIGHT]
    words = [w for at, w in near if not any(a <= at < b for a, b in skip)]
    counted = {stem(w) for w in _WORD.findall(subject)}
    stop = _measure_stop()
    stems = {stem(w) for w in words if len(w) >= 4 and not w[0].isupper() and w.casefold() not in stop} - counted
    same = _same_doing()
    return frozenset(same.get(s, s) for s in stems)


@lru_cache(maxsize=1)
def _same_doing() -> dict[str, str]:
    """Each stem of a word of one doing (measure.json `same`) to the stem of its set's first word,
    so that "moved" measures what "deported" does."""
    data = json.loads(resources.files("koryo.data").joinpath("measure.json").read_text(encoding="utf-8"))
    return {stem(w): stem(words[0]) for sets in data["same"].values() for words in sets for w in words}


def prose_statements(doc: str, article: str, text: str, facts: list[Fact], mentions: list[EntityMention]) -> list[Statement]:
    out = []
    by_sentence: dict[int, list[EntityMention]] = {}
    for f in facts:
        if f.start not in by_sentence:
            by_sentence[f.start] = [m for m in mentions if f.start <= m.start < f.end]
    figures: dict[int, list[tuple[int, int]]] = {}
    for f in facts:
        figures.setdefault(f.start, []).append((f.mention_start, f.mention_end))
    for f in facts:
        if f.value is None and f.low is None and f.high is None:
            continue
        ms = by_sentence[f.start]
        skip = [(m.start, m.end) for m in ms] + figures[f.start]
        judged = {"family": _family(f.unit, f.subject), "context": masked(text, f), "entities": frozenset(m.key for m in ms),
                  "where": _clause_place(text, f, ms)}
        if f.unit in ("%", "age", "times", "years", "months", "days", "hours") or not f.unit and f.subject:
            out += _open_statement(doc, article, text, f, ms, judged, skip)
            continue
        who = _who(_near(text, f, ms))
        # The status and place may be said in the sentence before ("… illegally staying in South Korea …
        # The number has grown from 359 (2014) …"), within the paragraph.
        para_start = text.rfind("\n", 0, f.start) + 1
        context = text[max(para_start, f.start - 300) : f.end]
        status = _status(context)
        place = f.place or next((m.name for m in ms if m.type == "place" and lookup(m.name) and "nationality:" + lookup(m.name).country != who  # type: ignore[union-attr]
                                 and _place_before().search(text[max(f.start, m.start - 12) : m.start])), "")
        if who == "?" or not (who or status) or not f.time:
            out += _open_statement(doc, article, text, f, ms, judged, skip)
            continue
        unit = f.unit or "persons"
        out.append(Statement(
            doc, article, "prose", None, f.start, f.end, f.mention_start, f.mention_end, f.value, f.low, f.high, f.approx,
            text[f.mention_start : f.mention_end], _claim_time(f), f.citations, _key(who, status, place, unit, f.per),
            _describe(who, status, place, unit, f.per), place, measure_stems(text, f.mention_start, f.mention_end, f.subject, skip),
            f.time_source, **judged,
        ))
    return out


def _clause_place(text: str, f: Fact, ms: list[EntityMention]) -> str:
    """The one place its own clause names ("…, Uzbekistan 210,000, …"), else ""."""
    lo, hi = _clause(text, f)
    places = {m.key for m in ms if m.type == "place" and lo <= m.start < hi}
    return places.pop() if len(places) == 1 else ""


CONTEXT_WORDS = 8  # each side of the figure: its measure, not the whole sentence's topic, is compared


def masked(text: str, f: Fact) -> str:
    """The words around the figure in its sentence with the figure itself replaced, so that two
    sentences giving different figures for one thing read alike."""
    left = text[max(f.start, f.mention_start - 400) : f.mention_start].split()[-CONTEXT_WORDS:]
    right = text[f.mention_end : min(f.end, f.mention_end + 400)].split()[:CONTEXT_WORDS]
    return " ".join(left + ["#"] + right)


def _claim_time(f: Fact) -> str:
    """A figure's time as claims compare it: a document's date stands for the year it reports on, no finer."""
    return f.time[:4] if f.time_source == "document" else f.time


# Units that say what kind of quantity a figure is; figures of two families never meet.
_FAMILIES = {"persons": "people", "people": "people", "%": "share", "km": "distance", "miles": "distance"}


def _family(unit: str, subject: str = "") -> str:
    """The kind of quantity a unit names. A counted noun that names people ("special settlers",
    "troops": measure.json `status`) counts people; one written with a capital in its phrase is a
    name, not a unit ("the number of soldiers now in Russia")."""
    if unit in _FAMILIES:
        return _FAMILIES[unit]
    if re.fullmatch(r"[A-Z]{3}", unit):
        return "money:" + unit
    if not (unit and unit.isalpha() and unit.islower()):
        return ""
    if unit in _people_nouns():
        return "people"
    if re.search(r"(?<![^\W\d_])" + re.escape(unit) + r"(?![^\W\d_])", subject, re.I) and \
            not re.search(r"(?<![^\W\d_])" + re.escape(unit) + r"(?![^\W\d_])", subject):
        return "people" if any(w.casefold() in _people_nouns() for w in _WORD.findall(subject)) else ""
    return "count:" + stem(unit)


@lru_cache(maxsize=1)
def _people_nouns() -> frozenset[str]:
    data = json.loads(resources.files("koryo.data").joinpath("measure.json").read_text(encoding="utf-8"))
    return frozenset(w.casefold() for w in data["status"])


def _open_statement(doc: str, article: str, text: str, f: Fact, ms: list[EntityMention], judged: dict,
                    skip: Sequence[tuple[int, int]]) -> list[Statement]:
    """A figure whose sentence names no nationality or status: keyed by its kind of quantity only, and
    met by others through what it counts (its groups and counted noun), where and what it measures.
    A figure that says neither its unit nor what it counts gets no key: only the judge can pair it."""
    family = _family(f.unit or ("persons" if _counts_people(text, f, ms) else ""), f.subject)
    subject = frozenset(m.key for m in ms if m.type == "group") | frozenset(
        stem(w) for w in _WORD.findall(f.subject) if len(w) >= 4 and w.casefold() not in _measure_stop())
    keyed = family and subject and not f.per  # an undated figure may still meet another undated one: compatible() compares times
    places = frozenset(m.key for m in ms if m.type == "place")
    about = f"{f.subject or 'people'} ({family.split(':')[-1] or f.unit or 'figure'})"
    if keyed and not judged["family"]:
        judged = {**judged, "family": family}  # keyed as people ("20 тысяч ингушей"): no bare figure to meet wagons
    return [Statement(
        doc, article, "prose", None, f.start, f.end, f.mention_start, f.mention_end, f.value, f.low, f.high, f.approx,
        text[f.mention_start : f.mention_end], _claim_time(f), f.citations, f"family={family}" if keyed else "", about, f.place,
        measure_stems(text, f.mention_start, f.mention_end, f.subject, skip), f.time_source, subject, places, **judged,
    )]


def _counts_people(text: str, f: Fact, ms: list[EntityMention]) -> bool:
    """A figure printed without a unit counts people when what it counts names them: a group
    ("23 тысячи ингушей") or a word for people ("NKVD troops"), not wagons or miles ("14 042 вагона")."""
    if not f.subject:
        return False
    at = text.find(f.subject, f.mention_end, f.mention_end + len(f.subject) + 40)
    if at >= 0 and any(m.type == "group" and at <= m.start < at + len(f.subject) for m in ms):
        return True
    return any(w.casefold() in _people_nouns() for w in _WORD.findall(f.subject))


def table_statements(doc: str, article: str, titles: dict[int, str], observations: list[Observation]) -> list[Statement]:
    """Cells of people by country and year: the same kind of claim as a sentence's."""
    out = []
    for o in observations:
        if o.value is None or o.unit not in ("persons", "applications") or "country" not in o.dims or o.dims.get("sex"):
            continue
        if "year" not in o.dims and "period" not in o.dims:
            continue
        place = lookup(o.dims["country"])
        title = titles.get(o.table_index, o.title)
        status = _status(title)
        where = destination_of(title)
        if not (status or where):
            continue  # "persons who left Kazakhstan": too general to meet other statements safely
        time = str(o.dims["year"]) if "year" in o.dims else o.dims["period"].replace("-", "/")
        if "month" in o.dims:
            time += f"-{o.dims['month']:02d}"
        who = "nationality:" + place.country if place else ""
        out.append(Statement(
            doc, article, "table", o.table_index, o.start, o.end, o.start, o.end, o.value, None, None, False, o.raw, time, (),
            _key(who, status, where, o.unit, ""), _describe(who, status, where, o.unit, ""),
        ))
    return out


def _row_key(part: str) -> str:
    place = lookup(part)
    return f"place:{place.id}" if place else " ".join(part.casefold().split())


def cell_statements(doc: str, article: str, work: str, copies: int, title: str, kinds: dict[int, str],
                    observations: list[Observation]) -> list[Statement]:
    """Cells as statements the judge can pair with prose: every infobox row, and every cell of a
    document that has copies. Across the mirrors, revisions and editions of one article the same row
    of the same table (an infobox's "Uzbekistan", "Special Permanent Residents") is one claim in each
    copy, so those are keyed by the table's place in the document and the row as well (two tables of
    one report may share a title and row labels)."""
    out = []
    seen: dict[str, int] = {}
    for o in observations:
        if o.value is None or not o.row or (copies < 2 and kinds.get(o.table_index) != "infobox"):
            continue
        row = "/".join(_row_key(p) for p in o.row)
        col = "/".join(_row_key(p) for p in o.col)
        cell = f"work={work};table={o.table_index};row={row};col={col};unit={o.unit}"
        seen[cell] = seen.get(cell, -1) + 1  # the second row of one label ("Almaty" city and region) is another row
        time = str(o.dims.get("year", "")) if "year" in o.dims else ""
        labels = o.row + o.col
        places = frozenset(k for k in (_row_key(p) for p in labels) if k.startswith("place:"))
        out.append(Statement(
            doc, article, "table", o.table_index, o.start, o.end, o.start, o.end, o.value * (o.scale or 1), o.low, o.high,
            o.approx, o.raw, time, (), f"{cell};n={seen[cell]}" if copies > 1 else "", f"{o.title or work}: {' / '.join(labels)}",
            where=next(iter(places)) if len(places) == 1 else "", family=_family(o.unit),
            context=f"{title}: {' / '.join(p for p in labels if p)} #", entities=places,
        ))
    return out


def _days(iso: str, last: bool) -> int | None:
    """The first (or last) day of a date given to the year, month or day, as a day number."""
    try:
        parts = [int(p) for p in iso.split("-")[:3]]
        y = parts[0]
        m = parts[1] if len(parts) > 1 else (12 if last else 1)
        d = parts[2] if len(parts) > 2 else (calendar.monthrange(y, m)[1] if last else 1)
        return date(y, m, d).toordinal()
    except (ValueError, IndexError):
        return None


def event_statements(doc: str, article: str, text: str, events: list[Event], mentions: list[EntityMention],
                     with_figures: set[int]) -> list[Statement]:
    """When something happened, as a claim: the same happening dated differently by two sources is a
    conflict of dates. Only dates given to the month or the day: a year is most often the time of
    something else ("in 1995"), and two years apart are rarely one happening's. The family names the
    precision, so that only dates given alike (two days, two months) meet. A
    sentence that gives a figure (`with_figures`: where such sentences start) dates the figure, and
    the figure's claim compares it."""
    out = []
    for e in events:
        if e.precision not in ("day", "month") or e.start in with_figures and e.precision != "day":
            continue
        low, high = _days(e.date, False), _days(e.end_date or e.date, True)
        if low is None or high is None:
            continue
        ms = [m for m in mentions if e.start <= m.start < e.end]
        span = Fact(e.start, e.end, None, low, high, False, "", "", "", "", "", e.citations, (), e.date_start, e.date_end)
        out.append(Statement(
            doc, article, "event", None, e.start, e.end, e.date_start, e.date_end, None, float(low), float(high), False,
            text[e.date_start : e.date_end], "", e.citations, "", e.what[:80], measure=measure_stems(text, e.date_start, e.date_end, skip=[(m.start, m.end) for m in ms]),
            time_source="", family="date:" + e.precision, context=masked(text, span), entities=frozenset(m.key for m in ms),
            where=_clause_place(text, span, ms),
        ))
    return out
