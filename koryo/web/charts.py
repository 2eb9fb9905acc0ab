"""Charts drawn on the server as SVG: no script, nothing to fetch, readable by screen readers
through their title and description."""

from __future__ import annotations

from html import escape

PALETTE = ("#1b5e8c", "#c05621", "#2f7d4f", "#7b3fa0", "#a0203a", "#4a5568", "#b7791f", "#2c7a7b", "#6b46c1", "#9c4221")


def _ticks(top: float) -> list[float]:
    if top <= 0:
        return [0.0]
    step = 10 ** (len(str(int(top))) - 1)
    for mult in (1, 2, 5, 10):
        if top / (step * mult) <= 6:
            step *= mult
            break
    return [i * step for i in range(int(top // step) + 2)]


def _fmt(v: float) -> str:
    if abs(v) >= 1_000_000:
        return f"{v / 1_000_000:g}M"
    if abs(v) >= 1_000:
        return f"{v / 1_000:g}k"
    return f"{v:g}"


def line_chart(title: str, xs: list[str], series: dict[str, list[float | None]], unit: str = "") -> str:
    """One line per series over the x labels (years); a bar chart when there is a single x. The
    legend is not drawn: the page lists the series in HTML under it (`legend`), so long names wrap
    instead of being cut and stay readable on a phone, where the drawing scrolls sideways."""
    width, height, left, right, top, bottom = 720, 320, 64, 20, 20, 40
    values = [v for vs in series.values() for v in vs if v is not None]
    top_value = max(values, default=0)
    ticks = _ticks(top_value)
    ymax = ticks[-1] or 1
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(i: int) -> float:
        return left + (plot_w * (i + 0.5) / max(len(xs), 1))

    def y(v: float) -> float:
        return top + plot_h - plot_h * v / ymax

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(", ".join(series))} by {escape(", ".join(xs))}{", " + escape(unit) if unit else ""}</desc>',
    ]
    for t in ticks:
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(t):.1f}" y2="{y(t):.1f}" class="grid"/>')
        parts.append(f'<text x="{left - 6}" y="{y(t) + 4:.1f}" text-anchor="end" class="tick">{_fmt(t)}</text>')
    for i, label in enumerate(xs):
        parts.append(f'<text x="{x(i):.1f}" y="{height - 14}" text-anchor="middle" class="tick">{escape(label)}</text>')
    bar = len(xs) == 1
    for n, (name, vs) in enumerate(series.items()):
        colour = PALETTE[n % len(PALETTE)]
        if bar:
            w = plot_w / max(len(series), 1) * 0.7
            v = vs[0] or 0
            bx = left + plot_w * n / len(series) + w * 0.2
            parts.append(f'<rect x="{bx:.1f}" y="{y(v):.1f}" width="{w:.1f}" height="{top + plot_h - y(v):.1f}" fill="{colour}"><title>{escape(name)}: {v:,g}</title></rect>')
        else:
            points = [(x(i), y(v)) for i, v in enumerate(vs) if v is not None]
            if len(points) > 1:
                path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
                parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
            for i, v in enumerate(vs):
                if v is not None:
                    parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}"><title>{escape(name)}, {escape(xs[i])}: {v:,g}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)


def legend(names: list[str]) -> list[dict[str, str]]:
    """Each series of a line chart with the colour it is drawn in."""
    return [{"name": name, "colour": PALETTE[n % len(PALETTE)]} for n, name in enumerate(names)]


UNKNOWN = "unknown"


def corridor_diagram(flows: list[dict[str, object]]) -> str:
    """Origins on the left, destinations on the right, one line per corridor (the flows between
    two places added up), thicker when larger; an end the sources do not name is drawn as "unknown"."""
    pairs: dict[tuple[str, str], list[float]] = {}
    for f in flows:
        size = float(f["size"]["value"] or f["size"]["high"] or f["size"]["low"] or 0)  # type: ignore[index]
        for o in f["origin"] or [UNKNOWN]:  # type: ignore[attr-defined]
            for d in f["destination"] or [UNKNOWN]:  # type: ignore[attr-defined]
                pairs.setdefault((o, d), []).append(size)
    origins = sorted({o for o, _ in pairs}, key=lambda n: (n == UNKNOWN, n))
    destinations = sorted({d for _, d in pairs}, key=lambda n: (n == UNKNOWN, n))
    row = 24
    height = max(len(origins), len(destinations), 1) * row + 40
    width = 720
    oy = {name: 30 + i * row for i, name in enumerate(origins)}
    dy = {name: 30 + i * row for i, name in enumerate(destinations)}
    parts = [
        f'<svg class="chart corridors" viewBox="0 0 {width} {height}" role="img" aria-labelledby="corr-title" xmlns="http://www.w3.org/2000/svg">',
        '<title id="corr-title">Corridors: where people moved from and to</title>',
        f'<text x="10" y="14" class="legend">From</text><text x="{width - 10}" y="14" text-anchor="end" class="legend">To</text>',
    ]
    biggest = max((sum(v) for v in pairs.values()), default=0) or 1
    for (o, d), sizes in pairs.items():
        w = 1.5 + 6 * (sum(sizes) / biggest) ** 0.5
        told = f"{sum(sizes):,.0f} people" if sum(sizes) else "size not stated"
        dash = ' stroke-dasharray="5 4"' if UNKNOWN in (o, d) else ""
        parts.append(
            f'<path d="M250,{oy[o]} C360,{oy[o]} 360,{dy[d]} 470,{dy[d]}" fill="none" stroke="#1b5e8c" stroke-opacity="0.6" '
            f'stroke-width="{w:.1f}"{dash}><title>{escape(o)} → {escape(d)}: {len(sizes)} flow{"s" if len(sizes) != 1 else ""}, {told}</title></path>'
        )
    for name, yy in oy.items():
        parts.append(f'<text x="242" y="{yy + 4}" text-anchor="end" class="legend{" unknown" if name == UNKNOWN else ""}">{escape(name)}</text>')
    for name, yy in dy.items():
        parts.append(f'<text x="478" y="{yy + 4}" class="legend{" unknown" if name == UNKNOWN else ""}">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)
