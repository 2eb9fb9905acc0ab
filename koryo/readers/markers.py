"""Reference markers left in text saved from a wiki or a news page ("…in 1937.[3]", "[a]",
"[citation needed]"): each becomes a citation anchored where it stands, so that a figure's sentence
carries the reference it cites even when the reference list was not saved."""

from __future__ import annotations

import re

from koryo.model import Citation

_MARKER = re.compile(r"\[(?P<key>\d{1,3}|[a-z]|note \d{1,3}|nb \d{1,3})\]", re.I)


def marker_citations(text: str) -> tuple[Citation, ...]:
    """One citation per marker key; its span is the first marker, its anchors every one."""
    anchors: dict[str, list[tuple[int, int]]] = {}
    for m in _MARKER.finditer(text):
        anchors.setdefault(m.group("key").casefold(), []).append((m.start(), m.end()))
    return tuple(
        Citation(key, "marker", {}, spans[0][0], spans[0][1], tuple(s for s, _ in spans)) for key, spans in anchors.items()
    )
