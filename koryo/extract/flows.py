"""Flows of people, assembled from sentences (a movement verb, where from, where to, who, when
and, only when the sentence states it, how many) and from tables of migrants by country and year.
A size is never invented: a flow whose sentence gives no count of people has none."""

from __future__ import annotations

import re

from koryo.extract.dates import find_dates
from koryo.extract.entities import group_aliases
from koryo.extract.layout import read_layout
from koryo.extract.observations import TOTAL
from koryo.extract.sentences import Sentence
from koryo.extract.spans import ByStart
from koryo.model import Document, EntityMention, Evidence, Fact, Flow, Observation
from koryo.places import lookup

_MOVE = re.compile(
    r"\b(?:mov(?:ed|ing|e)|migrat(?:ed|ing|e)|deport(?:ed|ation|ing)|sent|went|came|arriv(?:ed|ing|e)|entered|recruited|"
    r"repatriat(?:ed|ion|ing)|return(?:ed|ing)?|fled|sought refuge|settled|resettled|relocated|evicted|eviction|"
    r"emigrat(?:ed|ing|ion)|immigrat(?:ed|ing|ion)|dispatched|headed for|influx|exodus|rounded|expanded away|sought refuge|evacuat(?:ed|ion))\b",
    re.I,
)
_KINDS = (
    ("deportation", re.compile(r"\b(deport\w*|evict\w*|forced onto|forcibly|forced to (?:move|leave|relocate)|rounded|exile\w*|ethnic cleansing)\b", re.I)),
    ("refuge", re.compile(r"\b(refuge\w*|asylum|defect\w*|fled|persecut\w*)\b", re.I)),
    ("return", re.compile(r"\b(return\w*|repatriat\w*|back to|move back|moving back|evacuat\w*)\b", re.I)),
    ("military", re.compile(r"\b(troops|soldiers|military|army)\b", re.I)),
    ("study", re.compile(r"\b(students?|stud(y|ies)|universit\w+|trainees)\b", re.I)),
    ("marriage", re.compile(r"\b(marriage|married|brides?|grooms?|spouses?)\b", re.I)),
    ("labour", re.compile(r"\b(work\w*|labou?r\w*|employ\w*|jobs?|recruit\w*|lumberjacks|fisheries|economic opportunit\w+)\b", re.I)),
)
_DESTINATION = re.compile(
    r"(?:\b(?:to|into|towards|headed for)|\b(?:arrived|arriving|settled|entered|entering|reached|sought refuge)(?:\s+in)?|"
    r"\b(?:to work|working|to live|to settle|employed)\s+(?:in|on|at)(?:\s+[\w-]+){0,3}\s+(?:in|on|at))\s+(?:the\s+)?"
    r"(?:[\w-]+\s+(?:of\s+)?){0,3}?$", re.I,
)
# "hoping to move", "suggested allowing … to settle", "plan to return": intentions, not movements.
_INTENT = re.compile(
    r"\b(hop\w+|plan\w*|want\w*|wish\w*|intend\w*|suggest\w*|allow\w*|negotiat\w+|offer\w*|would|might|could)\b[^.;]{0,60}$", re.I
)
_GROUP_KINDS = {
    "group:undocumented-migrant-workers": "labour", "group:migrant-workers": "labour", "group:marriage-migrants": "marriage",
    "group:refugees": "refuge", "group:students": "study",
}
_SECTION_KINDS = (
    ("labour", re.compile(r"\b(workers?|labou?r|employment)\b", re.I)),
    ("study", re.compile(r"\bstudents?\b", re.I)),
    ("refuge", re.compile(r"\brefugees?|asylum\b", re.I)),
    ("military", re.compile(r"\b(soldiers|military|troops)\b", re.I)),
    ("marriage", re.compile(r"\bmarriage\b", re.I)),
)
_ORIGIN = re.compile(r"\b(?:from|left|leaving|fled)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I)
_SENDER = re.compile(r"\s+(?:had\s+|has\s+|have\s+)?(?:sent|dispatched|deported|expelled)\b", re.I)  # "North Korea had sent troops"
_FORCED = re.compile(r"\b(rounded|deport\w*|evict\w*|forced onto|exiled)\b", re.I)
_NEAR = 80  # a place belongs to the movement when it stands this close to its verb


def _kind(text: str) -> str:
    for kind, rx in _KINDS:
        if rx.search(text):
            return kind
    return "settlement"


def _flow_kind(text: str, s: Sentence, verb: tuple[int, int], evidence: list[Evidence]) -> str:
    """Why people moved, read near the verb and in the sentences the flow took its context from,
    else in the heading of its section ("Workers", "Refugees")."""
    context = " ".join(text[e.start : e.end] for e in evidence if e.start < s.start)
    near = " ".join(text[max(s.start, v.start() - _NEAR) : min(s.end, v.end() + _NEAR)] for v in _MOVE.finditer(text, s.start, s.end))
    kind = _kind(context + " " + near)
    if kind == "settlement" and s.section:
        for name, rx in _SECTION_KINDS:
            if rx.search(s.section[-1]):
                return name
    return kind


def _places_around(text: str, s: Sentence, verbs: list[tuple[int, int]], mentions: list[EntityMention]) -> tuple[list[str], list[str]]:
    """Places said to be left ("from X") and reached ("to X", "entered X") in the clause of a movement verb."""
    origins: list[str] = []
    destinations: list[str] = []
    last_end = -1
    for m in mentions:
        if m.type != "place" or not s.start <= m.start < s.end:
            continue
        verb = min(verbs, key=lambda v: abs(v[0] - m.start))
        between = text[min(m.end, verb[0]) : max(m.start, verb[1])]
        if not (verb[0] - _NEAR <= m.start <= verb[1] + _NEAR) or re.search(r"[,;]", between) and not (
            destinations and last_end >= 0 and re.fullmatch(r"\s*(?:,|and|or)\s+(?:the\s+)?", text[last_end : m.start])
        ):
            continue
        lead = text[max(s.start, m.start - 50) : m.start]
        if _ORIGIN.search(lead) or _SENDER.match(text, m.end):
            origins.append(m.name)
        elif m.start >= verb[0] and (_DESTINATION.search(lead) or (destinations and last_end >= 0
                                       and re.fullmatch(r"\s*(?:,|and|or)\s+(?:the\s+)?", text[last_end : m.start]))):
            destinations.append(m.name)
            last_end = m.end
    return list(dict.fromkeys(origins)), list(dict.fromkeys(destinations))


def sentence_flows(doc: Document, sents: list[Sentence], mentions: list[EntityMention], facts: list[Fact]) -> list[Flow]:
    text = doc.text
    out = []
    earlier: list[Sentence] = []  # the sentences before, in the same paragraph
    mentioned, stated = ByStart(mentions), ByStart(facts)
    for s in sents:
        if earlier and "\n" in text[earlier[-1].end : s.start]:
            earlier = []
        chunk = text[s.start : s.end]
        move = _MOVE.search(chunk)
        if not move:
            earlier.append(s)
            continue
        verb = (s.start + move.start(), s.start + move.end())
        if _INTENT.search(text[s.start : verb[0]]):
            earlier.append(s)
            continue
        verbs = [(s.start + v.start(), s.start + v.end()) for v in _MOVE.finditer(chunk)]
        origins, destinations = _places_around(text, s, verbs, mentioned.within(s.start, s.end))
        groups = [m for m in mentioned.within(s.start, s.end) if m.type == "group"]
        evidence = [Evidence(s.start, s.end)]
        # A sentence that goes on from those before it ("Close to 172,000 were sent to …") takes
        # who, and where from, from the last two sentences of its paragraph.
        for previous in reversed(earlier[-2:]):
            if groups and origins:
                break
            before = mentioned.within(previous.start, previous.end)
            used = False
            if not groups and any(m.type == "group" for m in before):
                groups = [m for m in before if m.type == "group"]
                used = True
            if not origins and _FORCED.search(text[previous.start : previous.end]):
                # "all Koryo Saram in the Far East were rounded from their homes": where they were taken from.
                origins = [m.name for m in before if m.type == "place"
                           and re.search(r"\b(?:from|in)\s+(?:the\s+)?$", text[max(previous.start, m.start - 12) : m.start])]
                used = used or bool(origins)
            if used:
                evidence.insert(0, Evidence(previous.start, previous.end))
        earlier.append(s)
        # A count of people: persons, or a bare number standing as the subject of the movement verb.
        sizes = [
            f for f in stated.within(s.start, s.start + 1)
            if (f.unit == "persons" or (f.unit == "" and not f.subject and f.mention_end <= verb[0]))
            and not re.search(r"[,;]", text[min(f.mention_end, verb[0]) : max(f.mention_start, verb[1])])
            and abs((f.mention_start if f.mention_start > verb[0] else f.mention_end) - verb[0]) <= 60
        ]
        if not (origins or destinations) or not groups and not (destinations and sizes):
            continue
        size = sizes[0] if sizes else None
        dates = find_dates(chunk)
        start_date = dates[0].date if dates else (size.time.split("/")[0] if size and size.time else "")
        end_date = dates[0].end_date if dates else (size.time.split("/")[-1] if size and size.time else "")
        group = groups[0].name if groups else (size.subject if size else "")
        out.append(Flow(
            tuple(o for o in origins if o not in destinations), tuple(destinations), group, start_date, end_date,
            size.value if size else None, size.low if size else None, size.high if size else None,
            size.approx if size else False, _flow_kind(text, s, verb, evidence), tuple(evidence),
        ))
    return out


def table_flows(doc: Document, observations: list[Observation]) -> list[Flow]:
    """A table of people by country of origin and year, in a document about one destination."""
    destination = destination_of(doc.title)
    out = []
    by_table: dict[int, list[Observation]] = {}
    for o in observations:
        by_table.setdefault(o.table_index, []).append(o)
    for index, obs in by_table.items():
        table = doc.tables[index]
        title = table.title
        if not re.search(r"\b(migrants?|refugees?|workers|residents|applications|applicants|foreigners|students)\b", title, re.I):
            continue
        where = destination_of(title) or destination
        if not where:
            continue
        rows: dict[tuple[str, ...], list[Observation]] = {}
        for o in obs:
            if o.unit in ("persons", "applications") and o.value is not None and "year" in o.dims and "country" in o.dims \
                    and not o.dims.get("sex") and not (o.row and TOTAL.match(o.row[-1])):
                rows.setdefault(o.row, []).append(o)
        layout_rows = read_layout(table).rows if rows else ()
        for row, cells in rows.items():
            cells.sort(key=lambda o: o.dims["year"])
            if len({c.dims["year"] for c in cells}) < 2:
                continue  # a flow is a series over years; one year of a cross-table is a stock
            label = next((c for r in layout_rows if r.path == row for c in r.cells[:1]), None)
            evidence = []
            if label is not None:
                evidence.append(Evidence(label.start, label.end))
            evidence += [Evidence(c.start, c.end) for c in cells]
            out.append(Flow(
                (cells[0].dims["country"],), (where,), _group_of(title), str(cells[0].dims["year"]), str(cells[-1].dims["year"]),
                None, None, None, False, _table_kind(title), tuple(evidence),
                tuple((str(c.dims["year"]), float(c.value)) for c in cells if c.value is not None),
            ))
    return out


def _table_kind(title: str) -> str:
    """The kind a caption states, else the one its group is known for ("undocumented migrant workers": labour)."""
    kind = _kind(title)
    if kind != "settlement":
        return kind
    for key, known in _GROUP_KINDS.items():
        if any(alias in title.casefold() for alias in group_aliases(key)):
            return known
    return kind


def destination_of(title: str) -> str:
    m = re.search(r"\b(?:to|in)\s+(?:the\s+)?([A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)", title, re.I)
    if not m:
        return ""
    place = lookup(m.group(1).title()) or lookup(m.group(1))
    return place.name if place else ""


def _group_of(title: str) -> str:
    m = re.search(r"number of\s+(.+?)(?=\s+(?:from|in|by|to)\b|\s*\(|$)", title, re.I)
    return m.group(1).strip() if m else title
