"""Organisation names by their words: "X of Y" names from organisation words (Ministry, Agency,
Council …), cleaned of the role and sentence words caught before them and stopped at the words
that end a name ("Ministry of Justice to Rep. Lee …" is the ministry; "Soviet Union and Mass" no
organisation at all)."""

from __future__ import annotations

import re

from koryo.extract.gazetteer import NOBODY, gazetteer
from koryo.places import lookup

ORG_WORDS = (
    "Ministry|Ministries|Foundation|University|Universities|Embassy|Consulate General|Consulate|Federation|Council|Institute|"
    "Committee|Agency|Service|Association|Center|Centre|Organization|Organisation|Bank|Party|Union|Commission|Office|"
    "Department|Bureau|Society|Fund|Assembly|Parliament|Senate|Government|Academy|School|Mosque|Church|Cathedral|"
    "Corporation|Company|Network|Forum|Club|Alliance|Coalition|Court|Police|Army|Navy|"
    "Hospital|Clinic|News|Times|Radio|Television|Journal|Review|Herald|Monitor|Gazette|Tribune|Publications|Publishers|Agency|NGO"
)
_CAP = r"(?:[A-Z][\w'’.&-]*|[A-Z]{2,})"
_CONNECT = r"(?:of|the|on|for|and|in|to|de|du|la|des|under)"
ORG = re.compile(
    rf"(?<![\w-])(?:{_CAP}\s+(?:{_CONNECT}\s+)*)*(?:{ORG_WORDS})\b(?:\s+(?:{_CONNECT}\s+)+{_CAP}(?:\s+{_CAP})*)*"
)
# What every organisation name holds: a sentence without one is not searched for names.
ORG_WORD = re.compile(rf"(?:{ORG_WORDS})\b")
ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Z0-9&]{1,7})\)")
_ROLE_LEAD = re.compile(
    r"^(?:(?:Deputy|Honorary|Assistant|Associate|Acting|Executive|Vice|Special|Official)\s+)*"
    r"(?:Director|Head|Professor|Chairman|Chairperson|Adviser|Advisor|Member|Representative|Data|Advisory Board|Board|"
    r"Minister|Secretary|President|Hero|Founder|Employee|Staff|Correspondent)(?:\s+for\s+\w+)?\s+(?:of|for|at|to)\s+(?:the\s+)?"
)
LEADING_WORDS = {"Once", "When", "While", "If", "Although", "Despite", "As", "And", "But", "Due", "Then", "Thus", "To"}
NOT_NAMES = {
    "The", "This", "That", "These", "Those", "In", "On", "At", "By", "For", "From", "With", "According", "However",
    "Also", "Since", "During", "After", "Before", "Most", "Many", "Some", "Both", "Such", "Each", "Every", "All",
    "Another", "Other", "Our", "Their", "His", "Her", "Its", "North", "South", "East", "West", "Central", "Republic",
}


def clean_org(name: str) -> str:
    """An organisation's name without the role or sentence words caught before it."""
    name = name.rstrip(".")
    m = re.match(r"(?:the\s+)?([A-Z][\w\s-]*?)[’']s\s+", name)
    if m and lookup(m.group(1)):
        name = name[m.end() :]  # "South Korea's Ministry of Employment and Labor": the ministry, and a place
    while True:
        m = _ROLE_LEAD.match(name)
        if not m:
            break
        name = name[m.end():]
    words = name.split()
    while words and (words[0] in (NOT_NAMES | LEADING_WORDS) - {"Republic", "North", "South", "East", "West", "Central"}
                     or words[0].lower() in ("the", "of", "and", "to")):
        words.pop(0)
    while words and re.fullmatch(_CONNECT, words[-1]):
        words.pop()
    name = " ".join(words)
    # "Khabar Agency in South Korea": where it works is not its name (embassies aside).
    m = re.search(r"\s+in\s+(?:the\s+)?[A-Z][\w\s-]*$", name)
    if m and not re.match(r"(Embassy|Consulate|Mission)\b", name):
        name = name[: m.start()]
    return _cut(name)


# Words that end an organisation's name: "Ministry of Justice to Rep. Lee …" is the ministry.
_ENDS_NAME = re.compile(r"\s+(?:to|as|by|with|from|said|says|told|at|since|after|before|when|who|which|that|than)\s+")


def _cut(name: str) -> str:
    """The name up to a word that ends it; "X and Y" only when X is no person or place of its own
    ("Ministry of Labor and Social Protection", not "Soviet Union and Mass")."""
    m = _ENDS_NAME.search(name)
    if m:
        name = name[: m.start()]
    known = gazetteer()[2]
    for m in re.finditer(r"\s+(?=[A-Z])", name):  # "Council of People's Commissars Vyacheslav Molotov": a known name, then a person
        if known.get(name[: m.start()].casefold(), NOBODY).type == "organisation":
            return name[: m.start()]
    m = re.search(r"\s+and\s+", name)
    if m:
        left = name[: m.start()]
        if not re.search(rf"\b(?:{ORG_WORDS})\b", left) or lookup(left):
            return left
    return name


# words no person is named ("… and Mass Communications"): the name goes on after "and"
_COMMON_NOUN = re.compile(r"\b\w+(?:tions?|ties|ity|ics|ments?|ances?|ences?|isms?|ures?|ships?|affairs|relations)\b", re.I)


def split_org(name: str) -> list[tuple[int, str]]:
    """(offset, name) of the organisations in a candidate: "Ministry of Justice and the Ministry of
    Labor" is two; "… Department and Kim Daesik" ends before the person."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in re.finditer(r"\s+and\s+(?:the\s+)?", name):
        right = name[m.end():]
        if re.match(rf"(?:{ORG_WORDS})\b", right):
            out.append((start, name[start : m.start()]))
            start = m.end()
        elif re.fullmatch(r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}", right) and not _COMMON_NOUN.search(right):
            out.append((start, name[start : m.start()]))
            return out
    out.append((start, name[start:]))
    return out
