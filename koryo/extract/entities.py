"""Entities and their mentions: people, places, organisations, groups and policies.

Three sources, merged per sentence (the longest name wins where they overlap; on equal spans the
earlier source): the gazetteers (`gazetteer.py` over `data/entities.json`, `places.py` over
`data/places.json` and the world's `data/gazetteer.json`), names by shape (English title and
apposition rules here, organisation words in `organisations.py`, per-language shapes in
`shapes.py`), and the proposals of the models that ship in their packages (`ner.py`), linked to
the gazetteer where they name something it knows. Mentions of one entity share one key across
spellings and scripts: the gazetteer id, or the name transliterated and folded ("Kim Il-sung" =
"Kim Il Sung"); abbreviations, a surname alone after the full name, and a name's spelling in
another script in brackets take the full name's key (`aliases.py`).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from functools import lru_cache

from koryo.extract.aliases import abbreviations, aliases_by_script, surnames, translations
from koryo.extract.guards import Words, might_match, required_words
from koryo.extract.gazetteer import Known, close_person, fold_name, fold_person, gazetteer, group_aliases, known_group, nationality_of
from koryo.extract.ner import Proposal, is_noun, person_lemma, propose
from koryo.extract.sentences import Sentence
from koryo.extract.organisations import ACRONYM_AFTER, LEADING_WORDS, NOT_NAMES, ORG, ORG_WORD, ORG_WORDS, clean_org, split_org
from koryo.extract.shapes import Shape, adjective_endings, articles, find_shapes, korean_name
from koryo.model import Document, EntityMention
from koryo.places import ambiguous, base_forms, find_places, inflects, lookup, lookup_inflected, translit_key, words

# other extractors and the CLI read these from here
__all__ = ["aliases_by_script", "find_mentions", "fold_name", "fold_person", "group_aliases", "known_group", "nationality_of"]


_TITLES = (
    r"Professor|Prof\.|Assistant Professor|Associate Professor|Dr\.|Ambassador|Governor|President|Director|Minister|"
    r"Prime Minister|Consul|consul|Mr\.|Mrs\.|Ms\.|Chairman|Chairperson|Senator|Colonel|Captain|Mayor|Imam|Rev\."
)
_NAME = r"[A-ZА-Я][a-zа-яё'’]+(?:-[a-z]+)?(?:[-\s][A-ZА-Я][a-zа-яё'’]+(?:-[a-z]+)?){1,2}"
_PERSON_TITLE = re.compile(rf"\b(?:{_TITLES})\s+(?P<name>{_NAME})")
_PERSON_APPOSITION = re.compile(
    rf"(?<![\w-])(?P<name>{_NAME}),\s+(?:the\s+|a\s+|an\s+)?(?:{_TITLES}|Head|Deputy|Special Adviser|founder|employee|staff|"
    r"political scientist|public figure|researcher|research journalist|journalist|blogger|Member|member|PhD|Ph\.D\.|"
    r"Candidate|candidate|Associate|Assistant|Official Representative|official representative|scientist|writer|author|"
    r"head|chief|director|deputy|spokesman|spokeswoman|spokesperson|minister|chairman|chairwoman|president|ambassador|professor|"
    r"governor|mayor|leader|secretary|adviser|advisor|expert|analyst|lawmaker|official)\b"
)
_SELF_DESCRIBED = re.compile(
    r"(?<![\w-])(?:The\s+)?(?P<name>[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,3})(?:\s*\([^)]{1,40}\))?\s+is\s+(?:an?|one of the|the)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:organi[sz]ations?|NGOs?|foundation|association|charity|non-?profit|community|centre|center|agency|"
    r"advocacy groups?|formal entity)\b"
)
_ROLE_WORDS = {"Manager", "Director", "Officer", "Head", "Deputy", "Adviser", "Advisor", "General", "Member", "Chairman",
               "Secretary", "Assistant", "Professor", "Candidate", "Editor", "Editors", "Proofreader", "Design"}
_PERSON_SAID = re.compile(rf"(?<![\w-])(?P<name>{_NAME})\s+(?:said|noted|stated|believes|wrote|told|explained|emphasized)\b")
_GROUP = re.compile(r"(?<![\w-])(?P<name>(?:[A-Z][a-z]+|ethnic|overseas|Soviet|Russian-speaking)\s+Koreans)\b")
_DEMONYM = re.compile(r"(?<![\w-])(?P<name>[A-Z][a-z]+stanis)\b")
_NGO = re.compile(r"\bNGOs?\s+(?P<name>[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,3})")


def _person_name(name: str) -> str:
    return re.sub(rf"^(?:(?:{_TITLES})\s+)+", "", name)


def find_mentions(doc: Document, sents: list[Sentence]) -> list[EntityMention]:
    """Every entity mention in the running text, the longest where names overlap."""
    exact_re, loose_re, by_alias = gazetteer()
    text = doc.text
    found: list[EntityMention] = []
    acronyms: dict[str, EntityMention] = {}
    proposals = _proposals(doc, sents)
    for s, proposed in zip(sents, proposals):
        chunk = text[s.start : s.end]
        base = s.start
        lang = s.lang or doc.language
        cands: list[EntityMention] = []
        for rx in (exact_re, loose_re):
            for m in rx.finditer(chunk):
                k = by_alias[m.group(0).casefold()]
                if k.type == "group" and _adjective(chunk, m.start(), m.end(), lang):
                    continue
                cands.append(EntityMention(base + m.start(), base + m.end(), k.key, k.type, k.name))
        cands += _inflected_names(chunk, base, lang, by_alias)
        cands += [m for sh in find_shapes(chunk, lang) if (m := _from_shape(chunk, base, sh, lang, by_alias)) is not None]
        model_spans = [(base + p.start, base + p.end) for p in proposed if p.type in ("place", "facility", "organisation")]
        for p in find_places(chunk, base, lang):
            # A town may be a word too ("Date", "Mühen", "산다"): a model must see a name there too.
            if p.place.type == "town" and not any(a < p.end and p.start < b for a, b in model_spans) or _titled(text, p.start):
                continue
            cands.append(EntityMention(p.start, _without_particle(text, p.start, p.end, lang), f"place:{p.place.id}", "place", p.place.name))
        for m in ORG.finditer(chunk) if ORG_WORD.search(chunk) else ():
            cleaned = clean_org(m.group(0))
            inside = m.group(0).find(cleaned) if cleaned else 0
            if inside < 0:
                continue  # its words stand apart by more than one space: no clean span to quote
            at = base + m.start() + inside
            for offset, name in split_org(cleaned):
                if not name or len(name.split()) < 2 or lookup(name) or not re.search(rf"\b(?:{ORG_WORDS})\b", name):
                    continue
                org = EntityMention(at + offset, at + offset + len(name), f"organisation:{fold_name(name)}", "organisation", name)
                cands.append(org)
                after = ACRONYM_AFTER.match(chunk, org.end - base)
                if after:
                    acronyms[after.group(1)] = org
        for m in _search(_NGO, chunk):
            name = m.group("name")
            org = EntityMention(base + m.start("name"), base + m.end("name"), f"organisation:{fold_name(name)}", "organisation", name)
            cands.append(org)
        for m in _search(_SELF_DESCRIBED, chunk):
            name = m.group("name")
            if name in NOT_NAMES or lookup(name) or name.casefold() in by_alias:
                continue
            org = EntityMention(base + m.start("name"), base + m.end("name"), f"organisation:{fold_name(name)}", "organisation", name)
            cands.append(org)
            acronyms[name] = org
        for rx in (_PERSON_TITLE, _PERSON_APPOSITION, _PERSON_SAID):
            for m in _search(rx, chunk):
                name = _person_name(m.group("name"))
                words = name.split()
                if len(words) < 2 or words[0] in NOT_NAMES or any(w in ORG_WORDS.split("|") or w in _ROLE_WORDS for w in words):
                    continue
                if lookup(name):
                    continue
                known = by_alias.get(name.casefold())
                key = known.key if known and known.type == "person" else f"person:{fold_person(name)}"
                start = base + m.end("name") - len(name)
                cands.append(EntityMention(start, base + m.end("name"), key, "person", known.name if known else name))
        for rx in (_GROUP, _DEMONYM):
            for m in _search(rx, chunk):
                name = m.group("name")
                known = by_alias.get(name.casefold())
                if known:
                    continue  # the gazetteer pass has it
                if name.split()[0] in NOT_NAMES - {"North", "South"}:
                    continue
                cands.append(EntityMention(base + m.start("name"), base + m.end("name"), f"group:{fold_name(name)}", "group", name))
        cands += [m for p in proposed if (m := _from_model(text, base, p, lang, by_alias)) is not None]
        found += _longest(cands)
    found = abbreviations(text, sents, found, acronyms, by_alias)
    found = surnames(text, sents, found, doc.language)
    found = translations(text, sorted(found, key=lambda m: m.start))
    # "en.wikipedia.org/wiki/Central_Asia": no names inside an address, but a bare domain names a site ("tochka.net")
    urls = [(m.start(), m.start() + len(m.group(0).rstrip(".,;:!?)»\"'"))) for s in sents
            if any(text.find(w, s.start, s.end) >= 0 for w in _words(_URL)) for m in _URL.finditer(text, s.start, s.end)]
    found = [m for m in found if not any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b in urls)]
    return sorted(found, key=lambda m: m.start)


def _search(rx: re.Pattern[str], chunk: str) -> Iterator[re.Match[str]]:
    """`rx`'s matches in a sentence, none sought where the sentence lacks every word a match holds."""
    return rx.finditer(chunk) if might_match(_words(rx), chunk) else iter(())


@lru_cache(maxsize=64)
def _words(rx: re.Pattern[str]) -> Words:
    words = required_words(rx)
    assert words is not None, rx.pattern  # each pattern searched through _search names its words
    return words


def _inflected_names(chunk: str, base: int, lang: str, by_alias: dict[str, Known]) -> list[EntityMention]:
    """Gazetteer names in their case forms ("чеченцев", "крымских татар", "Stalins", "НКВД")."""
    if not inflects(lang):
        return []
    ws = words(chunk)
    out = []
    for i in range(len(ws)):
        for n in range(min(3, len(ws) - i), 0, -1):
            a, b = ws[i].start(), ws[i + n - 1].end()
            span = chunk[a:b]
            if "\n" in span or (n > 1 and re.search(r"[,;:.()]", span)):
                continue
            form = next((f for f in base_forms(span, lang) if f.casefold() in by_alias), None)
            if form is not None:
                known = by_alias[form.casefold()]
                if _caseless(span) and span.startswith(form):
                    b = a + len(form)  # "결혼이민자는": the particle is no part of the name
                out.append(EntityMention(base + a, base + b, known.key, known.type, known.name))
                break
    return out


def _from_shape(chunk: str, base: int, sh: Shape, lang: str, by_alias: dict[str, Known]) -> EntityMention | None:
    name = chunk[sh.start : sh.end]
    start, end = base + sh.start, base + sh.end
    if sh.type == "policy":  # "The Overseas Koreans Act": the name starts after the sentence's words
        lead = re.match(rf"(?:(?:{'|'.join(NOT_NAMES | LEADING_WORDS)})\s+)+", name)
        if lead:
            start, name = start + lead.end(), name[lead.end() :]
        if name in _POLICY_WORDS:
            return None  # "The Act": no name
    known = by_alias.get(name.casefold())
    if known is not None:
        return EntityMention(start, end, known.key, known.type, known.name)
    if sh.type == "place":
        place = lookup_inflected(name, lang)
        return EntityMention(start, end, f"place:{place.id if place else translit_key(name)}", "place", place.name if place else name)
    if sh.type == "person":
        lemma = person_lemma(name, lang)
        return EntityMention(start, end, f"person:{fold_person(lemma)}", "person", lemma)
    if sh.type == "organisation" and _caseless(name) and not _korean_name(name, by_alias):
        return None  # "의료센터" is a medical centre, "광산구청" the office of Gwangsan-gu
    if sh.type == "organisation" and name.isupper():  # an acronym with a case ending: a state's, a place's or a kind's
        place = lookup(name)
        if place is not None:
            return EntityMention(start, end, f"place:{place.id}", "place", place.name)
        if name in _GENERIC_ACRONYMS:
            return None
    return EntityMention(start, end, f"{sh.type}:{fold_name(name)}", sh.type, name)


def _caseless(name: str) -> bool:
    return "\uac00" <= name[:1] <= "\ud7a3"


def _korean_name(name: str, by_alias: dict[str, Known]) -> bool:
    """A Korean compound that names one organisation: it holds a known name ("고려인지원센터"), is a
    district's office ("광산구청"), or its stem is longer than the two syllables of a common noun
    ("새마을금고", not "의료센터")."""
    word = name.split()[-1]
    if any(word[i:j] in by_alias for i in range(len(word)) for j in range(i + 2, min(len(word), i + 8) + 1)):
        return True
    return bool(re.search(r"[구시군도]청$", word)) or len(name.replace(" ", "")) - _suffix_length(word) >= 3


def _suffix_length(word: str) -> int:
    m = re.search(r"(?:센터|위원회|금고|대학교|본부|뉴스|저널|일보|신문|재단|협회|공단|연구원|연구소|교회|학교|노조)$", word)
    return len(m.group(0)) if m else 0


_CAPITALISED = re.compile(r"(?<=[\s(«\"“'‘-])[A-ZА-ЯЁÀ-ÞĀ-Ž][\w'’-]*|[가-힣]+")


def _unknown_names(text: str, s: Sentence, lang: str, common: frozenset[str]) -> bool:
    """Whether a sentence is worth a model: English prose (not a list or another language taken
    for English) with a capitalised word, or Hangul, that no gazetteer knows (or that may be an
    adjective opening a name: "Центральный банк" is no town Tsentralny); its first word only
    when it is no function word and not written in lower case elsewhere in the document (`common`)."""
    if lang == "en" and not _ENGLISH.search(text, s.start, s.end):
        return False
    by_alias = gazetteer()[2]
    first = _FIRST_WORD.match(text, s.start, s.end)
    opening = [first] if first and first.group(1).casefold() not in common and first.group(1).casefold() not in _stop_words(lang) else []
    chunk = text[s.start : s.end]  # not text with a start: the look-behind would see the sentence before
    for m in [*opening, *_CAPITALISED.finditer(chunk)]:
        word = re.sub(r"[’']s$", "", m.group(m.lastindex or 0))
        if word.casefold() not in by_alias and (lookup(word) is None or word.endswith(adjective_endings(lang))) and word not in NOT_NAMES:
            return True
    return False


_FIRST_WORD = re.compile(r"\W*([A-ZА-ЯЁ][\w-]*)")


@lru_cache(maxsize=8)
def _stop_words(lang: str) -> frozenset[str]:
    """The language's function words (spaCy's lists): a sentence's first word that is one is no name."""
    try:
        module = importlib.import_module(f"spacy.lang.{lang}.stop_words")
    except ImportError:
        return frozenset()
    return frozenset(module.STOP_WORDS)


def _proposals(doc: Document, sents: list[Sentence]) -> list[tuple[Proposal, ...]]:
    """The models' names in each sentence, one batch per language."""
    out: list[tuple[Proposal, ...]] = [() for _ in sents]
    by_lang: dict[str, list[int]] = {}
    for i, s in enumerate(sents):
        by_lang.setdefault(s.lang or doc.language, []).append(i)
    common = frozenset(re.findall(r"(?<![\w-])[^\W\d_A-ZА-ЯЁ][\w-]*", doc.text))  # the document's lower-case words
    for lang, idx in by_lang.items():
        idx = [i for i in idx if _unknown_names(doc.text, sents[i], lang, common)]
        for i, found in zip(idx, propose(lang, [doc.text[sents[i].start : sents[i].end] for i in idx])):
            out[i] = found
    return out


# a romanised Korean place ends in an administrative word: "Jeolla Nam-do", "Ansan-si", "Wolgok-dong"
_KOREAN_AREA = re.compile(r"[A-Z][a-zŏŭ]+-(?:do|si|gun|gu|dong|eup|myeon)$")
# a Korean name romanised: a surname and a given name of two syllables joined by a hyphen ("Hong Beom-do"), no place
_KOREAN_NAME = re.compile(r"[A-Z][a-zŏŭ]{0,5}\s[A-Z][a-zŏŭ]+-(?!(?:do|si|gun|gu|dong|ri|eup|myeon|ro|gil)$)[A-Za-zŏŭ][a-zŏŭ]+")
_TITLE_BEFORE = re.compile(rf"(?:{_TITLES}|Mr\.?|Mrs\.?|Dr\.?)\s+(?:[A-Z][\w-]+\s+)?$")
_GENERIC_PLACE_WORDS = {"Soviet", "Socialist", "Republic", "Republics", "Autonomous", "People's", "Federal", "Federative",
                        "Democratic", "Region", "Province", "Oblast", "State", "States", "Union", "SSR", "ASSR", "Islamic"}
_POLICY_WORDS = {"Act", "Treaty", "Agreement", "Pact", "Accord", "Convention", "Protocol"}
# the last word of a building or a way, never a Korean given name ("Park Hotel", "Han Bridge")
_FACILITY_WORDS = {"Hotel", "Hall", "Tower", "Station", "Airport", "Port", "Bridge", "Palace", "Temple", "Gate", "Market",
                   "Square", "Street", "Road", "Line", "Dam", "Mall", "Plaza", "Mine", "Camp"}
_PLACE_KINDS = {"Prefecture", "Oblast", "Province", "Region", "District", "County", "City", "Krai", "Republic", "Island", "Governorate"}
_GENERIC_ACRONYMS = {"SSR", "ASSR", "SFSR", "GDP", "CEO", "PhD", "MoU", "NGO", "NGOs", "RSS", "FAQ", "TV", "КСР", "АКСР", "ССР", "АССР",
                     "USD", "EUR", "YaIM", "ЖІӨ", "ВВП"}
_MEDIA = re.compile(r"(?:[Nn]ews|[Tt]imes|[Pp]ost|[Bb]ank|\.(?:com|net|org|kz|ru|uz|kr|ua))$")
_URL = re.compile(r"\S*(?:://|www\.)\S*|\S+\.(?:com|org|net|html?)\S*")
_ACRONYMISH = re.compile(r"[A-Z][^A-Z.]*[A-Z][^A-Z.]*[A-Z]|^[A-Z]{2,}$")
# a one-word people's name before a lower-case word that is not a function word or a verb
# English function words: a sentence without any is not English prose (a list, or a language mistaken for English)
_ENGLISH = re.compile(r"\b(?:the|of|and|to|is|was|were|with|that|from|by|has|have|had|for)\b")
_ADJECTIVE_USE = re.compile(r"\s+(?!(?:in|of|and|or|to|from|who|were|are|was|is|had|have|has|live|lived|living|moved|"
                            r"fled|made|make|by|at|on|with|as|for|but|the|that|which|also|still|now|began|became)\b)[a-z]")
# a name before a lower-case noun that is no kind of place modifies it ("Meskhi tribes"), unlike "Hamgyŏng province"
_MODIFIER = re.compile(_ADJECTIVE_USE.pattern.replace("(?!(?:", "(?!(?:province|region|oblast|district|county|island|peninsula|river|lake|"
                                                      "sea|mountains|valley|city|town|village|krai|prefecture|"))
_DET = re.compile(r"^(?:the|The|a|an)\s+|^(?:l['’]|d['’])", re.U)
_PLURAL_GROUP = re.compile(r"(?:s|ae|i|ы|и|ер|цы)$")


def _titled(text: str, start: int) -> bool:
    """A title before a name makes a person of it: "President Bush" is no place."""
    return bool(_TITLE_BEFORE.search(text, max(0, start - 30), start))


def _without_particle(text: str, start: int, end: int, lang: str) -> int:
    """The end of a Korean name without the particle after it ("인천시는" is "인천시")."""
    span = text[start:end]
    if not _caseless(span) or lookup(span) is not None:
        return end
    form = next((f for f in base_forms(span, lang) if span.startswith(f) and lookup(f) is not None), span)
    return start + len(form)


def _adjective(text: str, start: int, end: int, lang: str) -> bool:
    """A people's name used as an adjective, not the people: in English before a noun ("Japanese
    espionage"); in Russian an adjective before a noun ("русские корейцы"); in French in lower
    case after a noun, as French writes adjectives and not peoples ("dirigeants russes", not "les nazis")."""
    name = text[start:end]
    if " " in name:
        return False
    if lang == "en":
        return not name.endswith("s") and bool(_ADJECTIVE_USE.match(text, end))
    if lang == "ru":
        after = re.match(r"\s+([а-яё]+)", text[end : end + 40])
        return name.endswith(adjective_endings(lang)) and after is not None and is_noun(after.group(1), lang)
    before = re.search(r"(\w+)\W+$", text[max(0, start - 30) : start])
    return lang == "fr" and name[:1].islower() and before is not None and before.group(1).casefold() not in _stop_words(lang)


def _from_model(text: str, base: int, p: Proposal, lang: str, by_alias: dict[str, Known]) -> EntityMention | None:
    """A model's proposal as a mention: linked to the gazetteer where it names a known place or
    entity, else keyed by its transliterated name; junk shapes are dropped."""
    start, end = base + p.start, base + p.end
    surface = text[start:end]
    if p.type != "person" and _titled(text, start):
        return None
    if surface in _GENERIC_ACRONYMS:
        return None
    m = _DET.match(surface)
    if m:
        start, surface = start + m.end(), surface[m.end():]
    surface = re.sub(r"\s*\([^()]*\)$", "", surface)  # "… служба (ФМС)": the abbreviation is a name of its own
    if surface.count("(") != surface.count(")"):  # "AOKA (Agency of Information": the name before the bracket
        surface = re.split(r"\s*[()]", surface)[0]
    surface = re.sub(r"(?:[’']s|(?<!\.[A-Z])[^\w)]+|(?<=\.[A-Z])[^\w).]+)$", "", surface)
    # "Song Seong" of "Song Seong-jun", "Jeolla Nam" of "Jeolla Nam-do": the model stopped at the hyphen
    tail = re.match(r"-[a-z]+(?![\w-])", text[start + len(surface) :]) if surface[-1:].isalpha() else None
    surface += tail.group(0) if tail else ""
    if p.type in ("person", "organisation") and (_KOREAN_AREA.search(surface) or surface.rpartition(" ")[2] in _PLACE_KINDS):
        p = Proposal(p.start, p.end, "place")  # "Hamgyong Buk-do", "Taurida Oblast" are provinces, whatever the model says
    if p.type == "person":
        title = re.match(rf"(?:(?:{_TITLES}|Mr|Mrs|Ms|Dr)\s+)+", surface)
        if title:
            start, surface = start + title.end(), surface[title.end() :]
        while " " in surface and surface.split()[0].casefold() in _stop_words(lang):  # "Tras Polonia", "Als Nikita …"
            cut = re.match(r"\S+\s+", surface).end()  # type: ignore[union-attr]
            start, surface = start + cut, surface[cut:]
        if articles(lang) and re.search(rf"(?<![\w-])(?:{'|'.join(articles(lang))})\s+$", text[max(0, start - 8) : start]):
            return None  # "del Viejo Continente": a noun phrase after an article is no person
    end = start + len(surface)
    if len(surface) < 2 or not re.search(r"[^\W\d_]", surface) or "\n" in surface or "/" in surface:
        return None
    lemma = person_lemma(surface, lang) if p.type == "person" else surface  # "Дениса Тена" is "Денис Тен"
    known = by_alias.get(surface.casefold()) or by_alias.get(lemma.casefold()) or next(
        (by_alias[f.casefold()] for f in base_forms(surface, lang) if f.casefold() in by_alias), None)  # "Ким Ир Сене"
    if known is None and p.type == "person":
        known = close_person(lemma)
    if known is not None and known.type == "group" and _adjective(text, start, end, lang):
        return None
    if known is not None:
        return EntityMention(start, end, known.key, known.type, known.name)
    if p.type == "person" and " " not in surface and _titled(text, start) and surface[:1].isupper():
        return EntityMention(start, end, f"person:{translit_key(surface)}", "person", surface)  # "President Bush", not Būsh in Egypt
    place = lookup_inflected(surface, lang, villages=p.type in ("place", "facility"))
    if place is None and _KOREAN_AREA.search(surface):
        place = lookup(surface.replace(" ", ""))  # "Jeolla Nam-do" is "Jeollanam-do"
    if place is not None and p.type != "facility":
        return EntityMention(start, end, f"place:{place.id}", "place", place.name)
    if not (surface[:1].isupper() or "\uac00" <= surface[:1] <= "\ud7a3") or ambiguous(surface):
        return None
    key = fold_person(lemma)
    korean = _KOREAN_NAME.fullmatch(surface) or (
        p.type in ("person", "place", "facility") and korean_name(surface, hyphenated=False) and surface.split()[-1] not in _FACILITY_WORDS)
    if korean and not re.search(rf"\b(?:{ORG_WORDS})\b", surface):
        return EntityMention(start, end, f"person:{key}", "person", surface)  # "Chŏng Sang-chin", "Park Choon-Geum" are persons
    if p.type == "person":
        words = surface.split()
        if words[-1] in _PLACE_KINDS:
            return None  # "Osaka Prefecture" is no person
        if len(words) < 2 and lang == "en":
            return None  # one word is a person only by a known shape ("(Hubinette, 2005)") or after the full name
        if any(w in ORG_WORDS.split("|") or w in _ROLE_WORDS or w in NOT_NAMES or _ACRONYMISH.search(w) for w in words):
            return None  # "Al-Farabi KazNU" is a university
        if re.match(r"[-\s]+[A-Z]\w*[A-Z]", text[end : end + 12]):
            return None  # the name goes on with an acronym: "Al-Farabi KazNU"
        return EntityMention(start, end, f"person:{key}", "person", lemma)
    if p.type == "group":
        if not _PLURAL_GROUP.search(surface):
            return None  # "Soviet", "Korean": an adjective, not the people
        return EntityMention(start, end, f"group:{fold_name(surface)}", "group", surface)
    if p.type == "facility":
        return EntityMention(start, end, f"facility:{key}", "place", surface)
    if p.type == "place":
        if " " not in surface and (re.search(r"(?:ian|ean|ese|ish)$", surface) or _MODIFIER.match(text, end)):
            return None  # "Ukrainian", "Meskhi tribes": the model's adjective, not a place
        if all(w in _GENERIC_PLACE_WORDS or w in NOT_NAMES for w in surface.split()):
            return None  # "the Soviet Socialist Republic", "South": a kind of place or a side, not a place
        return EntityMention(start, end, f"place:{key}", "place", surface)
    if lang == "en" and " " not in surface and not _ACRONYMISH.search(surface) and not _MEDIA.search(surface):
        return None  # one word the gazetteer does not know: a bare "Ministry", "Families", "Islam", "Jeolla"
    if lang == "en" and re.search(r"\s(?!(?:of|the|and|for|on|in|de|du|des|la|le|für|und)\s)[a-z]", surface):
        return None  # "Foreign National immigration": an English name's words are capitalised
    cleaned = clean_org(surface)
    for offset, name in split_org(cleaned):
        if name and not lookup(name) and name.casefold() not in by_alias and (name == surface or re.search(rf"\b(?:{ORG_WORDS})\b", name)):
            at = start + surface.find(name)
            return EntityMention(at, at + len(name), f"organisation:{fold_name(name)}", "organisation", name)
    return None


def _longest(cands: list[EntityMention]) -> list[EntityMention]:
    """Drop mentions inside longer ones; on equal spans the gazetteer (listed first) wins."""
    out: list[EntityMention] = []
    for m in sorted(cands, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out
