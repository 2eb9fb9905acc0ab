"""The value of a figure as written: digits in the document's style, number words ("One hundred
twenty-four", "dos millones"), digits with glued scale words ("12만6천"), fractions in words ("two
fifths") and the scale and fraction added to a figure ("five and a half million")."""

from __future__ import annotations

import re

from koryo.extract.quantity_patterns import Grammar
from koryo.locales import Locale
from koryo.numbers import parse_number


def word_value(text: str, g: Grammar) -> float | None:
    """The value of number words ("One hundred twenty-four", "dos millones") or of digits with
    glued scale words ("12만6천"): small multipliers (hundred, 천) scale what stands before them
    within a group, big ones (thousand, 만) close the group."""
    loc = g.loc
    whole, *decimals = g.decimal_word.split(text, 1)
    if decimals and whole[0].isalpha():  # "doscientos coma cero tres": digit by digit, "con setenta y uno": as one number
        w, d = word_value(whole, g), word_value(decimals[0], g)
        if w is None or d is None:
            return None
        digits = [loc.cardinals.get(t) for t in g.word_tokens.findall(decimals[0].lower())]
        single = all(v is not None and v < 10 for v in digits)
        return float(f"{int(w)}." + ("".join(str(int(v or 0)) for v in digits) if single else str(int(d))))
    parts: list[tuple[float, float]] = []  # (value, scale) of each group a big scale closed
    current = 0.0
    seen = False
    for tok in _pieces(g.word_tokens.findall(text.lower()), loc):
        tok = " ".join(tok.split())
        if tok[0].isdigit():
            current += float(tok.replace(",", ""))
        elif tok in loc.multipliers and (current or tok not in loc.cardinals):
            scale = loc.multipliers[tok]
            if tok in loc.small_multipliers:
                current = (current or 1) * scale
            else:
                # a big scale multiplies the groups of smaller scales before it: "dos mil millones" is
                # 2×10⁹, "tres billones cuatrocientos cincuenta y cinco mil doscientos veintiocho millones"
                # is 3×10¹² + 455,228×10⁶
                acc = current
                while parts and parts[-1][1] < scale:
                    acc += parts.pop()[0]
                parts.append(((acc or 1) * scale, scale))
                current = 0
        elif tok in loc.cardinals or tok in loc.glued_pieces:
            current += loc.cardinals[tok] if tok in loc.cardinals else loc.glued_pieces[tok]
        else:
            continue
        seen = True
    total = sum(v for v, _ in parts)
    return total + current if seen else None


def _pieces(tokens: list[str], loc: Locale) -> list[str]:
    """Number words with a compound cardinal split into its number and scale ("duemila" → due,
    mila), so "duecentoduemila" is 202 thousand, not 200 + 2000."""
    out = []
    for tok in tokens:
        scale = next((w for w in loc.multipliers if tok in loc.cardinals and tok.endswith(w) and tok[: -len(w)] in loc.cardinals), "")
        out += [tok[: -len(scale)], scale] if scale else [tok]
    return out


def word_pair(text: str, g: Grammar) -> tuple[float, float] | None:
    """Two number words joined by a hyphen that are a range, not a compound: "twenty-thirty"
    (but "twenty-four" is 24)."""
    if "-" not in text or not text[0].isalpha() or " " in text:  # "twenty-one trillion" is one figure
        return None
    a, b = (word_value(part, g) for part in text.split("-", 1))
    return (a, b) if a and b and a < b and b >= 10 else None


def number_value(text: str, g: Grammar, style: str | None) -> float | None:
    if not text[0].isdigit() or g.compound.fullmatch(text):
        return word_value(text, g)
    n = parse_number(text, style)
    if n.value is None or sum(c.isdigit() for c in text) > 40:
        return None  # a run of hundreds of digits is not a figure (and overflows a float)
    return float(n.value)


def scale_of(words: str | None, loc: Locale) -> float:
    scale = 1.0
    for w in (words or "").split():
        scale *= loc.scale_letters.get(w) or loc.multipliers.get(w.lower(), 1)
    return scale


def fraction_value(text: str, g: Grammar) -> float | None:
    """The value of a fraction in words: "a third", "три четверти", or a number word over a
    denominator ("two fifths", "due milioni duemiladuecento quinti")."""
    key = " ".join(text.lower().split())
    numerator, _, den = re.sub(r"[\s-]+(\S+)$", r" \1", key).rpartition(" ")
    n = word_value(numerator, g) if numerator and den in g.loc.denominators else None
    return n / g.loc.denominators[den] if n is not None else g.loc.fractions.get(key)


def _half(m: re.Match[str], group: str, g: Grammar) -> float:
    """The fraction added to a figure: "and a half", "and two thirds" (before or after its scale word)."""
    words = m.group(group + "a") or m.group(group + "b")
    if not words:
        return 0.0
    key = " ".join(words.lower().split())
    if key in g.loc.and_fractions:
        return g.loc.and_fractions[key]
    return fraction_value(key.split(" ", 1)[1], g) or 0.0


def whole_value(v: float, n_text: str, m: re.Match[str], n: int, scale_words: str | None, g: Grammar) -> float:
    """A figure with its scale and the fraction added to it: "five and a half million" (the fraction
    before the scale), "3 million and a half", "six million and two thirds" (a fraction of the
    figure's own scale), "one billion and a half million" (of the scale after it)."""
    frac = _half(m, f"af{n}", g)
    scale = scale_of(scale_words, g.loc)
    last = n_text.lower().split()[-1] if n_text[0].isalpha() else ""
    own = g.loc.multipliers.get(last, 1) if last not in g.loc.small_multipliers else 1
    if frac and scale > 1 and own > 1 and m.group(f"af{n}a"):
        return v + frac * scale
    if scale > 1:
        return (v + frac) * scale
    return v + frac * own

