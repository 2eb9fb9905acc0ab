"""A directory of help: organisations that offer migrants a service (with the sentence that says
so, the city and a link), and social-media communities with their member counts from tables."""

from __future__ import annotations

import re

from koryo.extract.sentences import Sentence
from koryo.extract.spans import ByStart
from koryo.model import Document, EntityMention, Observation, Resource
from koryo.places import country_name, lookup

SERVICES = (
    ("language school", re.compile(r"\b(language (school|course|class|training)s?|training in [A-Z]\w+|teach\w* (the )?(Korean|Russian|English|language))", re.I)),
    ("scholarships", re.compile(r"\bscholarships?\b", re.I)),
    ("cultural adaptation", re.compile(r"\b(cultural (acclimation|adaptation|integration)|adaptation|integration programs?|acclimat\w+)\b", re.I)),
    ("immigration information", re.compile(r"\b(immigration (information|application|process)|information on (available )?options|visa (advice|issues)|responsible for [\w\s]*immigration)\b", re.I)),
    ("consular appointments", re.compile(r"\b(appointments?|consular|consulate)\b", re.I)),
    ("legal aid", re.compile(r"\b(legal (aid|help|advice|assistance)|lawyers?|prevented his deportation)\b", re.I)),
    ("religious community", re.compile(r"\b(mosques?|prayer|church(es)?|temples?|madrasah|parishioners|imams?|religious|Muslims?|Islam\w*|Christians?)\b", re.I)),
    ("employment centre", re.compile(r"\b(employment cent(er|re)s?|help\w* [\w\s]{0,20}get a job|job placement|find (a )?job)\b", re.I)),
    ("refugee protection", re.compile(r"\b(refugee protection|protection of refugees|asylum|refugee status determination|prevented his deportation)\b", re.I)),
    ("community support", re.compile(r"\b(community support( groups)?|support (groups|families)|advocacy|wellbeing|well-being)\b", re.I)),
    ("consular assistance", re.compile(r"\b(sending the bodies|finding funds for treatment|searching for missing citizens|contacts with the police)\b", re.I)),
)
_FOR_MIGRANTS = re.compile(
    r"\b(migrants?|immigrants?|immigration|foreign\w*|Koreans|Koryo|Goryeoin|refugees?|asylum|newcomers|families|overseas|"
    r"diaspora|citizens|parishioners|Muslims)\b", re.I,
)
_OFFERS = re.compile(
    r"\b(offers?|offering|provides?|providing|helps?|helping|aids?|assists?|supports?|dedicated to|responsible for|runs|"
    r"operates|organi[sz]es|prevented|regulated by|handled by|solves?|teach\w*|schedule|home to|intervention by|is held|"
    r"are held|open to|welcomes?)\b", re.I,
)
_CONTINUES = re.compile(r"\s*(?:Their|They|It|Its|This|These|Visit|Here|There|Among|The organi[sz]ation|Services)\b", re.I)
_MEMBERS = re.compile(r"\b(subscribers|members|followers)\b", re.I)


def _kind(name: str) -> str:
    if re.search(r"\b(Embassy|Consulate|Ministry|Service|Government|Department)\b", name):
        return "government"
    if re.search(r"\b(Mosque|Church|Temple|Muslim|Christian|Buddhist)\b", name):
        return "religious community"
    if re.search(r"\b(University|School|Institute|Academy)\b", name):
        return "education"
    if re.search(r"\b(UN|UNHCR|IOM|International)\b", name):
        return "international organisation"
    return "organisation"


def sentence_resources(doc: Document, sents: list[Sentence], mentions: list[EntityMention]) -> list[Resource]:
    text = doc.text
    urls = _urls_by_anchor(doc)
    found: dict[str, Resource] = {}
    organisations = ByStart(m for m in mentions if m.type == "organisation")
    places_at = ByStart(m for m in mentions if m.type == "place")
    for i, s in enumerate(sents):
        orgs = organisations.within(s.start, s.end)
        if not orgs:
            continue
        # The services of an organisation may follow in the next sentences of its paragraph when they
        # go on about it ("Visit their website …", "Their headquarters …"), not about another one.
        window = [s]
        for t in sents[i + 1 : i + 3]:
            own = any(m.key not in {o.key for o in orgs} for m in organisations.within(t.start, t.end))
            if "\n" in text[window[-1].end : t.start] or own or not _CONTINUES.match(text[t.start : t.end]):
                break
            window.append(t)
        chunk = " ".join(text[t.start : t.end] for t in window)
        by_name = tuple(name for name, rx in SERVICES if any(rx.search(o.name) for o in orgs))
        services = tuple(dict.fromkeys(by_name + tuple(name for name, rx in SERVICES if rx.search(chunk))))
        if not services or not _OFFERS.search(chunk) or not (by_name or _FOR_MIGRANTS.search(chunk)):
            continue
        places = places_at.within(window[0].start, window[-1].end)
        city = next((p.name for p in places if (lookup(p.name) or p).type == "city"), "")
        if not city:
            m = re.search(r"\b([A-Z][a-z]+)[- ]based\b", chunk)
            place = lookup(m.group(1)) if m else None
            city = place.name if place and place.type == "city" else ""
        country = ""
        seated = [m.group(1) for o in orgs for m in [re.search(r"\bin\s+(?:the\s+)?([A-Z][\w\s-]+)$", o.name)] if m]
        for candidate in [*seated, city, *(p.name for p in places)]:
            place = lookup(candidate) if candidate else None
            if place:
                country = country_name(place.country)
                break
        url = next((u for a, u in urls if window[0].start <= a <= window[-1].end + 1), "")
        if not url:
            m = re.search(r"https?://\S+", chunk)
            url = m.group(0).rstrip(".,;)") if m else ""
        for org in orgs:
            previous = found.get(org.key)
            if previous:
                found[org.key] = Resource(
                    previous.name, previous.kind, tuple(dict.fromkeys(previous.services + services)), previous.city or city,
                    previous.country or country, previous.url or url, previous.start, previous.end,
                )
            else:
                found[org.key] = Resource(org.name, _kind(org.name), services, city, country, url, s.start, window[-1].end)
    return list(found.values())


def _urls_by_anchor(doc: Document) -> list[tuple[int, str]]:
    return sorted((a, c.fields["url"]) for c in doc.citations if c.fields.get("url") for a in c.anchors)


def community_resources(doc: Document, observations: list[Observation]) -> list[Resource]:
    """Rows of a table counting subscribers or members: social-media communities."""
    out = []
    for o in observations:
        if o.value is None or not (_MEMBERS.search(" ".join(o.col)) or _MEMBERS.search(o.unit)):
            continue
        platform = o.row[0] if len(o.row) > 1 else ""
        name = o.row[-1] if o.row else ""
        if not name:
            continue
        out.append(Resource(name, "social media community", ("information", "community"), "", "", "", o.start, o.end,
                            members=o.value) if not platform else
                   Resource(name, f"{platform} community", ("information", "community"), "", "", "", o.start, o.end, members=o.value))
    return out
