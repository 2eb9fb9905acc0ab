"""The HTML of a document's text and of a revision's passages: every character escaped, the
figures, the highlight and the reference markers wrapped, in time linear in the text."""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable

PARAGRAPH = re.compile(r"\n\n+")


def render_text(text: str, marks: list[tuple[int, int, str]], headings: dict[int, tuple[int, int]] | None = None,
                notes: dict[int, list[tuple[str, int, str]]] | None = None,
                claims: dict[tuple[int, int], dict[str, str]] | None = None) -> str:
    """The document as paragraphs and headings, every character escaped, marked spans wrapped (the
    highlight first), at each citation's anchor a numbered marker linked to the reference list, and
    after each figure that belongs to a claim a link to the claim's page.

    `headings` maps a heading's start to (its end, its level); `notes` maps an offset to the
    (key, number, text) of the citations anchored there; `claims` maps a figure's (start, end) to
    its claim's `link` and `summary`."""
    hl = [m for m in marks if m[2] == "hl" and m[0] < m[1]][:1]
    chosen, last = list(hl), -1
    for a, b, cls in sorted(m for m in marks if m[2] != "hl"):  # in order, so only the last kept can overlap
        if b <= a or a < last or any(a < y and x < b for x, y, _ in hl):
            continue
        chosen.append((a, b, cls))
        last = b
    chosen.sort()
    headings, notes, claims = headings or {}, notes or {}, claims or {}
    ends = [m[1] for m in chosen]  # the marks do not overlap: sorted by start, they are sorted by end too
    anchors = sorted(notes)
    out: list[str] = []
    pos = 0
    for gap in [*PARAGRAPH.finditer(text), None]:
        end = gap.start() if gap else len(text)
        if text[pos:end].strip():
            here = chosen[bisect.bisect_right(ends, pos) : bisect.bisect_left(ends, end) + 1]
            near = {n: notes[n] for n in anchors[bisect.bisect_left(anchors, pos) : bisect.bisect_right(anchors, end)]}
            out.append(_paragraph(text, pos, end, [m for m in here if m[0] < end], headings, near, claims))
        pos = gap.end() if gap else len(text)
    return "\n".join(out)


def _paragraph(text: str, a: int, b: int, marks: list[tuple[int, int, str]], headings: dict[int, tuple[int, int]],
               notes: dict[int, list[tuple[str, int, str]]], claims: dict[tuple[int, int], dict[str, str]]) -> str:
    cuts = sorted({a, b, *(x for m in marks for x in m[:2] if a < x < b), *notes})
    starts = [m[0] for m in marks]  # sorted, and the marks do not overlap: the one over a piece is the last to start before it
    parts = [_markers(notes.get(a, ()))]
    for x, y in zip(cuts, cuts[1:]):
        inner = html.escape(text[x:y]).replace("\n", "<br>\n").replace("\t", " │ ")
        i = bisect.bisect_right(starts, x) - 1
        mark = marks[i] if i >= 0 and y <= marks[i][1] else None  # the paragraph's marks only
        if mark is None:
            parts.append(inner)
        elif mark[2] == "hl":
            first = ' id="hl" tabindex="-1"' if x == mark[0] else ""  # a highlight across paragraphs has one id
            parts.append(f'<mark{first} class="hl">{inner}</mark>')
        else:
            parts.append(f'<a class="fact" href="?hl={mark[0]}-{mark[1]}">{inner}</a>')
        claim = claims.get(mark[:2]) if mark is not None and y == mark[1] else None
        if claim is not None:
            parts.append(_claim_link(claim))
        parts.append(_markers(notes.get(y, ())))
    body = "".join(parts)
    heading = headings.get(a)
    if heading is not None and heading[0] >= b:
        level = min(heading[1] + 1, 6)
        return f"<h{level}>{body}</h{level}>"
    return f"<p>{body}</p>"


def _claim_link(claim: dict[str, str]) -> str:
    """A link from a figure to the claim it belongs to; the claim's summary shows on hover."""
    summary = html.escape(claim["summary"][:300])
    return f'<sup class="claim"><a href="{html.escape(claim["link"])}" title="{summary}" aria-label="claim: {summary}">claim</a></sup>'


def _markers(notes: Iterable[tuple[str, int, str]]) -> str:
    """Numbered links to the reference list; the reference's text shows on hover."""
    return "".join(f'<sup class="ref"><a href="#ref-{html.escape(key)}" title="{html.escape(note[:300])}">[{number}]</a></sup>'
                   for key, number, note in notes)




NUMBERISH = re.compile(r"\d[\d,.\u00a0 ]*\d|\d")


def marked(old: str, new: str) -> dict[str, str]:
    """Both quotes as HTML, the numbers of a changed passage that the other side lacks marked."""
    def mark(text: str, other: set[str]) -> str:
        out, pos = [], 0
        for m in NUMBERISH.finditer(text):
            if m.group(0) not in other:
                out += [html.escape(text[pos : m.start()]), f"<mark>{html.escape(m.group(0))}</mark>"]
                pos = m.end()
        return "".join(out) + html.escape(text[pos:])

    if not old or not new:  # an addition or a removal: nothing to compare
        return {"old_html": html.escape(old), "new_html": html.escape(new)}
    olds, news = set(NUMBERISH.findall(old)), set(NUMBERISH.findall(new))
    return {"old_html": mark(old, news), "new_html": mark(new, olds)}
