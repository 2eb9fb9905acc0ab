"""What a figure counts: the noun phrase after it ("3,000 Korean workers") and the words that
name people."""

from __future__ import annotations

import re

COUNT_NOUNS = {
    "people", "persons", "person", "migrants", "workers", "citizens", "refugees", "students", "koreans", "residents",
    "applications", "applicants", "foreigners", "immigrants", "families", "children", "men", "women", "soldiers",
    "troops", "kazakhstanis", "uzbekistanis", "uzbeks", "members", "muslims", "mosques", "subscribers", "inhabitants",
}
PEOPLE = {
    "people", "persons", "person", "migrants", "workers", "citizens", "refugees", "students", "koreans", "residents",
    "applicants", "foreigners", "immigrants", "children", "men", "women", "soldiers", "troops", "kazakhstanis",
    "uzbekistanis", "uzbeks", "muslims", "inhabitants", "deportees", "lumberjacks", "trainees", "defectors", "guys",
    "girls", "boys", "spouses", "brides", "members", "families", "population", "casualties",
    "человек", "людей", "граждан", "мигрантов", "корейцев", "беженцев", "работников",
}
_STOP = {
    "were", "was", "are", "is", "be", "been", "have", "has", "had", "will", "would", "could", "can", "may", "came", "went",
    "entered", "in", "on", "at", "to", "from", "for", "by", "with", "as", "that", "which", "who", "whom", "whose", "and", "or",
    "but", "also", "even", "only", "still", "already", "each", "every", "annually", "yearly", "there", "than", "into",
    "per", "a", "an", "of", "it", "they", "their", "this", "these", "those", "its", "he", "she", "we", "not", "no",
    "while", "when", "where", "after", "before", "since", "until", "during", "about", "over", "under", "without",
    "did", "do", "does", "got", "get", "arrived", "live", "lived", "living", "work", "worked", "working", "died",
    "them", "us", "you", "him", "her", "me", "according", "including", "compared", "times", "higher", "lower", "more",
    "less", "respectively", "percent", "thousand", "million", "billion",
}


def is_group(name: str) -> bool:
    """A group of people the gazetteer knows ("Koryo-saram", "Goryeoin", "Kazakhstanis")."""
    from koryo.extract.entities import known_group

    return known_group(name)


def counted_noun(text: str, pos: int) -> str:
    """The noun phrase after `pos`: up to six words, stopping at a verb-like or function word."""
    m = re.match(r"\s*(?:of\s+(?:the\s+|their\s+|all\s+)?)?", text[pos:], re.I)
    rest = text[pos + (m.end() if m else 0):]
    words = []
    for w in re.finditer(r"[\w'’-]+|[^\w\s]", rest):
        token = w.group(0)
        if not re.match(r"[\w'’-]+$", token) or token.lower() in _STOP or token[0].isdigit() or re.search(r"[\uac00-\ud7a3]", token):
            break
        if words and token.islower() and re.search(r"(ed|ing)$", token) and len(token) > 4:
            break  # "waves consisted", "wages earned": a verb ends the noun phrase
        words.append(token)
        if len(words) == 6:
            break
    while words and words[-1].lower() in ("the", "a", "an"):
        words.pop()
    return " ".join(words)

