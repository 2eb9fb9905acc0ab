"""A document's own facts as published: its URL, title, date and author, from its header block or
markup first, else from a byline or date line near its top, else from its URL (`/2019/09/`,
`20241223`); the title never falls back to the file name when the text has one."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from itertools import islice
from urllib.parse import unquote, urlparse

from koryo.extract.dates import find_dates
from koryo.locales import available, load
from koryo.model import Table
from koryo.readers.markup import markup

_URL_YMD = re.compile(r"(?<![\d])((?:19|20)\d\d)[/-](0[1-9]|1[0-2])(?:[/-]([0-3]\d))?(?!\d)")
_URL_RUN = re.compile(r"(?<![\d])((?:19|20)\d\d)(0[1-9]|1[0-2])([0-3]\d)(?:\d{0,6})(?!\d)")
_ISO = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?)?$")
_BYLINE_NAME = re.compile(r"^\s*(?P<name>[A-ZА-ЯЁ][\w.'’-]*(?:\s+[A-ZА-ЯЁ][\w.'’-]*){1,3})\s*(?:[,|–-]|$)")
_DATED = re.compile(r"^(?:date|posted|published|updated)\s*:?\s*\d{4}-\d\d(?:-\d\d)?\s+", re.I)
TOP_LINES = 12  # how far down a byline or a bare date line may stand
LEAD_LINES = 40  # how far down a line led by a date word may stand


def _valid(y: int, m: int, d: int | None, latest: int) -> bool:
    try:
        date(y, m, d or 1)
    except ValueError:
        return False
    return 1990 <= y <= latest


_DATELINE = re.compile(r"^[^\W\d_][^\d,]{0,40},\s+(?:(?P<m1>[^\W\d_]{3,12})\.?\s+(?P<d1>[0-3]?\d)|(?P<d2>[0-3]?\d)\.?\s+(?P<m2>[^\W\d_]{3,12}))\s*$")
_URL_YEAR = re.compile(r"/((?:19|20)\d\d)/")


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    return {word: n for lang in available() for word, n in load(lang).months.items()}


def dateline(line: str) -> tuple[int, int] | None:
    """The (month, day) of a news dateline without its year ("Seoul, Sep 29", "Moscow, 12 March")."""
    m = _DATELINE.match(line.strip())
    if not m:
        return None
    month = _months().get((m.group("m1") or m.group("m2")).casefold())
    day = int(m.group("d1") or m.group("d2"))
    return (month, day) if month and 1 <= day <= 31 else None


def url_path(url: str) -> str:
    """A URL's path, unquoted; "" for none, or for text that is no URL after all ("http://[x/…":
    an unclosed IPv6 host)."""
    try:
        return unquote(urlparse(url).path) if url else ""
    except ValueError:
        return ""


def dated_by_line(text: str, url: str, latest: int | None = None) -> str:
    """A dateline's day in the year the URL's path names ("Seoul, Sep 29" under …/news/2024/… →
    2024-09-29), or ""."""
    years = _URL_YEAR.findall(url_path(url))
    if not years:
        return ""
    for line in text.split("\n")[:3]:
        found = dateline(line)
        if found and _valid(int(years[0]), found[0], found[1], latest or date.today().year + 1):
            return f"{years[0]}-{found[0]:02d}-{found[1]:02d}"
    return ""


def url_date(url: str, latest: int | None = None) -> str:
    """The date a news URL carries in its path, ISO ("…/2024/12/20/…" → 2024-12-20), or ""."""
    if not url:
        return ""
    latest = latest or date.today().year + 1
    path = url_path(url)
    for rx in (_URL_YMD, _URL_RUN):
        for m in rx.finditer(path):
            y, mo = int(m.group(1)), int(m.group(2))
            d = int(m.group(3)) if m.group(3) else None
            if _valid(y, mo, d, latest):
                return f"{y:04d}-{mo:02d}" + (f"-{d:02d}" if d else "")
    return ""


def iso_date(text: str) -> str:
    """The first full or month date in a header value or a date line, ISO, or ""."""
    text = text.strip()
    if _ISO.match(text[:10]) and len(text[:10]) >= 7:
        return text[:10]
    for d in find_dates(text):
        if d.precision in ("day", "month") and d.date == d.end_date:
            return d.date
    return ""


def top_date(text: str, tables: tuple[Table, ...] = ()) -> str:
    """A date line near the top of the body ("Posted: 12 Jan 2020", "date 2025-02-09 …", a line that
    is a date), ISO, or ""; a line led by a date word may stand lower (a news page prints "입력
    2011-08-01" under its article). An infobox's "Date" row is the event's, not the page's."""
    pos = 0
    for n, line in enumerate(text.split("\n")[:LEAD_LINES]):
        at = pos
        pos += len(line) + 1
        if any(t.start <= at < t.end for t in tables):
            continue
        found = date_line(line, bare=n < TOP_LINES)
        if found:
            return found
    return ""


def date_line(line: str, bare: bool = True) -> str:
    """The date a date line gives ("Posted: 12 Jan 2020", "최근 수정 시각 : 2024-10-07"; with `bare`, also
    a short line that is only a date), ISO, or ""."""
    stripped = line.strip()
    lead = next((w for w in markup().date_lines if stripped.casefold().startswith(w.casefold())), None)
    if lead is None and (not bare or len(stripped) > 40):
        return ""
    word = lead or ""
    rest = stripped[len(word) :].lstrip(" :")
    if not bare and (len(rest) > 40 or stripped[len(word) : len(word) + 1].isalpha()):
        return ""  # lower down only a line that is a date word and a date ("Dates of the …" is prose)
    return iso_date(rest[:60])


def byline(text: str) -> str:
    """The author a byline near the top names ("By Kim Rahn"), or ""."""
    for line in text.split("\n")[:TOP_LINES]:
        stripped = line.strip()
        for word in markup().bylines:
            if stripped.startswith(word + " ") and len(stripped) <= 80:
                m = _BYLINE_NAME.match(stripped[len(word) :])
                if m:
                    return m.group("name")
    return ""


def url_title(url: str) -> str:
    """A title made from the last words of a URL's path ("…/tajiks-send-3bln-home" → "Tajiks send 3bln home")."""
    path = url_path(url).rstrip("/")
    for part in reversed(path.split("/")):
        part = re.sub(r"\.(?:html?|php|aspx?)$", "", part, flags=re.I)
        words = [w for w in re.split(r"[-_+\s]+", part) if w]
        if len(words) >= 3 and sum(w.isalpha() for w in words) >= 2:
            text = " ".join(words)
            return text[:1].upper() + text[1:]
    return ""


_TITLE_PARTS = re.compile(r"\s+[-–—|·»:]\s+")
_TITLE_WORD = re.compile(r"[^\W_]{2,}")  # words and numbers ("1941 Deportation")
SUPPORT_CHARS = 20_000  # how much of the text below a title-like line is looked in for its words
SUPPORT_MIN_CHARS = 300  # below this, too little text to tell: a short note need not repeat its title
STEM = 6  # letters of a word that stand for its inflected forms
SHORT_LINE = 40  # a first line this long or shorter may be furniture; a longer one is prose


def headline(candidates: list[tuple[int, str]], lines: list[str]) -> str:
    """The title among the title-like lines at the top of a clipping (line index, text), or "" when
    all of them name the site rather than the document. A page's `<title>` line ("Site - Section -
    Headline") gives way to the headline it repeats on a line below; a line whose words the text
    below it never uses ("Encyclopedia", a site's logo, "136page") is furniture, not the title."""
    for n, (i, text) in enumerate(candidates):
        parts = {p.casefold() for p in _TITLE_PARTS.split(text)}
        if len(parts) > 1 and any(later.casefold() in parts for _, later in candidates[n + 1 :]):
            continue
        if supported(text, below(lines, i)):
            return text
    return ""


def supported(title: str, below: str) -> bool:
    """Whether a third or more of the words of a title recur in the text below it, by their first
    letters ("고려인마을" in "고려인마을이라", "Deportation" in "deported"): a title with its name in
    another language appended ("… - Deportation of Koreans in the Soviet Union") still passes."""
    words = _TITLE_WORD.findall(title.casefold())
    if not words:
        return False
    if len(below) < SUPPORT_MIN_CHARS:
        return True
    below = below.casefold()
    return 3 * sum(1 for w in words if w[:STEM] in below) >= len(words)


def below(lines: list[str], i: int) -> str:
    """The first `SUPPORT_CHARS` of the lines below line i, without repeats of it (a running head)."""
    out: list[str] = []
    size = 0
    for line in islice(lines, i + 1, None):
        if line != lines[i]:
            out.append(line)
            size += len(line) + 1
            if size >= SUPPORT_CHARS:
                break
    return "\n".join(out)


def undated(line: str) -> str:
    """A first line without the date a page printed before its headline ("date 2025-02-09 North Korea sent …")."""
    return _DATED.sub("", line)


def first_words(text: str, limit: int = 80) -> str:
    """The start of the first line, cut at a word, for a text that names itself nowhere; a short line
    whose words the text below never uses ("136page", a page viewer's running head) is skipped."""
    lines = [line.strip() for line in text.split("\n")]
    line = next((s for i, s in enumerate(lines) if s and not dateline(s) and (
        len(s) > SHORT_LINE or supported(s, below(lines, i)))), "")
    line = undated(line)
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0] + "…"
