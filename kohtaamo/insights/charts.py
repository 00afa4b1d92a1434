"""Server-rendered SVG charts: the geometry here (pure, no Django), the markup in the templates
insights/_chart_line.html, _chart_bars.html and _chart_scatter.html.

Every chart is drawn the same way for the same numbers (coordinates rounded to 0.1, no
randomness), so that pages and PDFs are stable and testable. Series are told apart by colour
*and* dash pattern, so that they can be told apart without colour vision too; every colour has
a contrast of at least 4.5:1 against white, so that it may also colour text. A missing value
(hidden or not published) breaks the line rather than being drawn as zero. The numbers behind a
chart are always also given as a table and as CSV: the chart summarises, it never hides.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

COLOURS = ("#1f4e99", "#b3261e", "#1b7340", "#6f3c96", "#8a4f00", "#00677a", "#525252", "#a0174f")
DASHES = ("", "8 4", "3 3", "10 3 3 3", "1 3")
TEXT = "#1a1a1a"
GRID = "#c8c8c8"
WIDTH, HEIGHT = 720, 320
MARGIN = {"left": 64, "right": 16, "top": 16, "bottom": 40}


@dataclass(frozen=True)
class Style:
    colour: str
    dash: str


def style(n: int) -> Style:
    """The nth series' colour and dash: distinct for the first 40 series."""
    return Style(COLOURS[n % len(COLOURS)], DASHES[(n + n // len(COLOURS)) % len(DASHES)])


@dataclass(frozen=True)
class Tick:
    at: float  # pixels along the axis
    label: str


@dataclass(frozen=True)
class Line:
    label: str
    style: Style
    path: str  # SVG path data; "" when every value is missing
    points: tuple[tuple[float, float], ...] = ()  # marked points (scatter)
    point_labels: tuple[str, ...] = ()

    @property
    def marks(self) -> list[tuple[tuple[float, float], str]]:
        return list(zip(self.points, self.point_labels, strict=False))


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class XYChart:
    """A line chart or a connected scatter."""

    id: str
    title: str
    summary: str  # the SVG's aria-label
    width: int
    height: int
    box: Box
    lines: list[Line]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    x_label: str = ""
    y_label: str = ""
    text: str = TEXT
    grid: str = GRID

    @property
    def legend(self) -> list[tuple[float, Line]]:
        """(y, line) of each legend entry, below the plot."""
        return [(n * 18.0, line) for n, line in enumerate(self.lines)]

    @property
    def legend_height(self) -> int:
        return 18 * len(self.lines) + 8

    @property
    def total_height(self) -> int:
        return self.height + self.legend_height


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as shown
    y: float
    width: float
    value_x: float  # where the value is written, after the bar


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    summary: str
    width: int
    height: int
    box: Box
    bars: list[Bar]
    bar_height: float
    colour: str
    ticks: list[Tick]
    reference: float | None = None  # x of the reference line (tension 1.0)
    text: str = TEXT
    grid: str = GRID
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Column:
    label: str  # under the column
    value: float
    text: str  # the value as shown, above the column
    x: float
    y: float
    width: float
    height: float
    centre: float  # x of both labels
    value_y: float


@dataclass(frozen=True)
class ColumnChart:
    width: int
    height: int
    box: Box
    columns: list[Column]
    ticks: list[Tick]  # along the y axis
    colour: str = COLOURS[0]
    text: str = TEXT
    grid: str = GRID

    @property
    def label_y(self) -> float:
        return self.box.bottom + 18


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 × 10^k apart) covering low..high."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks, value = [], first
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def number(value: float) -> str:
    """A tick or value label: thin space thousands, no needless decimals."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
    return text.replace(",", "\u202f")


def _scale(low: float, high: float, start: float, end: float):
    span = (high - low) or 1
    return lambda v: round(start + (v - low) / span * (end - start), 1)


def _path(points: Sequence[tuple[float, float] | None]) -> str:
    """Segments joined by L; a None starts a new segment with M."""
    parts, pen_down = [], False
    for point in points:
        if point is None:
            pen_down = False
            continue
        parts.append(f"{'L' if pen_down else 'M'}{point[0]:.1f} {point[1]:.1f}")
        pen_down = True
    return " ".join(parts)


def _box(width: int, height: int) -> Box:
    return Box(MARGIN["left"], MARGIN["top"], width - MARGIN["right"], height - MARGIN["bottom"])


def _month_index(month: date) -> int:
    return month.year * 12 + month.month - 1


def time_chart(
    id: str,
    title: str,
    series: Sequence[tuple[str, Sequence[tuple[date, float | None]]]],
    *,
    y_label: str = "",
    summary: str = "",
    width: int = WIDTH,
    height: int = HEIGHT,
) -> XYChart:
    """Several series over months; the x axis marks the years."""
    months = [m for _label, values in series for m, _v in values]
    numbers = [v for _label, values in series for _m, v in values if v is not None]
    box = _box(width, height)
    if not months:
        return XYChart(id, title, summary or title, width, height, box, [], [], [])
    first, last = _month_index(min(months)), _month_index(max(months))
    y_values = nice_ticks(0, max(numbers, default=1))
    x = _scale(first, max(last, first + 1), box.left, box.right)
    y = _scale(y_values[0], y_values[-1], box.bottom, box.top)
    lines = [
        Line(
            label,
            style(n),
            _path([None if v is None else (x(_month_index(m)), y(v)) for m, v in values]),
        )
        for n, (label, values) in enumerate(series)
    ]
    years = range(min(months).year + (min(months).month > 1), max(months).year + 1)
    every = 1 if len(years) <= 10 else 2 if len(years) <= 20 else 5
    x_ticks = [Tick(x(year * 12), str(year)) for year in years if year % every == 0]
    y_ticks = [Tick(y(v), number(v)) for v in y_values]
    return XYChart(
        id, title, summary or title, width, height, box, lines, x_ticks, y_ticks, "", y_label
    )


def month_chart(
    id: str,
    title: str,
    series: Sequence[tuple[str, Sequence[float | None]]],
    month_names: Sequence[str],
    *,
    y_label: str = "",
    summary: str = "",
    width: int = 440,
    height: int = 260,
) -> XYChart:
    """The seasonal profile: twelve values per series, January to December."""
    numbers = [v for _label, values in series for v in values if v is not None]
    box = _box(width, height)
    y_values = nice_ticks(0, max(numbers, default=1), count=4)
    x = _scale(1, 12, box.left + 8, box.right - 8)
    y = _scale(y_values[0], y_values[-1], box.bottom, box.top)
    lines = [
        Line(
            label,
            style(n),
            _path([None if v is None else (x(m), y(v)) for m, v in enumerate(values, start=1)]),
        )
        for n, (label, values) in enumerate(series)
    ]
    x_ticks = [Tick(x(m), name) for m, name in enumerate(month_names, start=1)]
    y_ticks = [Tick(y(v), number(v)) for v in y_values]
    return XYChart(
        id, title, summary or title, width, height, box, lines, x_ticks, y_ticks, "", y_label
    )


def connected_scatter(
    id: str,
    title: str,
    label: str,
    points: Sequence[tuple[str, float | None, float | None]],
    *,
    x_label: str,
    y_label: str,
    summary: str = "",
    width: int = WIDTH,
    height: int = 360,
) -> XYChart:
    """Points (name, x, y) joined in the given (time) order, each marked and named: the
    Beveridge view of unemployed (x) against vacancies (y)."""
    shown = [(n, px, py) for n, px, py in points if px is not None and py is not None]
    box = _box(width, height)
    x_values = nice_ticks(0, max((p[1] for p in shown), default=1))
    y_values = nice_ticks(0, max((p[2] for p in shown), default=1))
    x = _scale(x_values[0], x_values[-1], box.left, box.right)
    y = _scale(y_values[0], y_values[-1], box.bottom, box.top)
    placed = [None if px is None or py is None else (x(px), y(py)) for _n, px, py in points]
    every = max(1, math.ceil(len(shown) / 8))  # name at most about 8 points, and the last
    names = [
        n if i % every == 0 or i == len(shown) - 1 else "" for i, (n, _x, _y) in enumerate(shown)
    ]
    line = Line(
        label, style(0), _path(placed), tuple(p for p in placed if p is not None), tuple(names)
    )
    return XYChart(
        id,
        title,
        summary or title,
        width,
        height,
        box,
        [line],
        [Tick(x(v), number(v)) for v in x_values],
        [Tick(y(v), number(v)) for v in y_values],
        x_label,
        y_label,
    )


def bar_chart(
    id: str,
    title: str,
    rows: Sequence[tuple[str, float]],
    *,
    reference: float | None = None,
    summary: str = "",
    width: int = WIDTH,
    label_width: int = 300,
    colour: str = COLOURS[0],
) -> BarChart:
    """Horizontal bars, one per row (label, value), with an optional reference line."""
    bar_height, gap = 18.0, 8.0
    height = int(MARGIN["top"] + len(rows) * (bar_height + gap) + MARGIN["bottom"])
    box = Box(label_width, MARGIN["top"], width - MARGIN["right"] - 40, height - MARGIN["bottom"])
    top = max([v for _l, v in rows] + [reference or 0, 0.1])
    values = nice_ticks(0, top, count=4)
    x = _scale(0, values[-1], box.left, box.right)
    bars = [
        Bar(
            label,
            value,
            number(value),
            box.top + n * (bar_height + gap),
            round(x(value) - box.left, 1),
            round(x(value) + 6, 1),
        )
        for n, (label, value) in enumerate(rows)
    ]
    return BarChart(
        id,
        title,
        summary or title,
        width,
        height,
        box,
        bars,
        bar_height,
        colour,
        [Tick(x(v), number(v)) for v in values],
        None if reference is None else x(reference),
    )


def column_chart(
    rows: Sequence[tuple[str, float]],
    *,
    top: float = 0,
    width: int = 600,
    height: int = 220,
    colour: str = COLOURS[0],
) -> ColumnChart:
    """Vertical columns, one per row (label, value), on a scale from zero to at least `top`:
    for a few values in time order, such as a month-by-month estimate, where the scale should
    show the whole (all the workers) and not only the largest value."""
    box = Box(48, MARGIN["top"], width - 8, height - 30)
    values = nice_ticks(0, max([v for _l, v in rows] + [top, 1]), count=4)
    y = _scale(0, values[-1], box.bottom, box.top)
    step = box.width / max(len(rows), 1)
    columns = [
        Column(
            label,
            value,
            number(value),
            round(box.left + n * step + step * 0.15, 1),
            y(value),
            round(step * 0.7, 1),
            round(box.bottom - y(value), 1),
            round(box.left + n * step + step / 2, 1),
            round(y(value) - 4, 1),
        )
        for n, (label, value) in enumerate(rows)
    ]
    return ColumnChart(width, height, box, columns, [Tick(y(v), number(v)) for v in values], colour)
