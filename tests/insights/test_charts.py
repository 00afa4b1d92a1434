"""Server-rendered SVG charts: readable, accessible and the same for the same numbers."""

import re
from datetime import date

from django.template.loader import render_to_string
from django.utils import translation

from kohtaamo.insights import charts

MONTHS = [date(2020, m, 1) for m in range(1, 13)] + [date(2021, m, 1) for m in range(1, 13)]


def contrast(colour: str, background: str = "#ffffff") -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(colour), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def a_time_chart():
    return charts.time_chart(
        "chart-test",
        "Unemployed and vacancies",
        [
            ("Unemployed", [(m, 1000 + n * 10) for n, m in enumerate(MONTHS)]),
            ("Vacancies", [(m, None if n in (5, 6) else 200 + n) for n, m in enumerate(MONTHS)]),
        ],
        summary="Unemployed rose from 1000 to 1230.",
    )


def test_every_colour_may_colour_text_and_series_differ_by_colour_and_dash():
    assert all(contrast(c) >= 4.5 for c in (*charts.COLOURS, charts.TEXT))
    styles = [charts.style(n) for n in range(40)]
    assert len(set(styles)) == 40
    assert len({charts.style(n).dash for n in range(5)}) == 5


def test_ticks_are_round_numbers_covering_the_values():
    assert charts.nice_ticks(0, 3021) == [0, 1000, 2000, 3000, 4000]
    assert charts.nice_ticks(0, 0.9, count=4) == [0, 0.25, 0.5, 0.75, 1.0]
    assert charts.number(14780) == "14\u202f780"


def test_a_missing_month_breaks_the_line_instead_of_dropping_to_zero():
    chart = a_time_chart()
    unemployed, vacancies = chart.lines
    assert unemployed.path.count("M") == 1
    assert vacancies.path.count("M") == 2  # two segments around the two hidden months
    assert [t.label for t in chart.x_ticks] == ["2020", "2021"]
    assert chart.x_ticks[0].at == chart.box.left < chart.x_ticks[1].at < chart.box.right


def test_the_svg_is_an_image_with_a_summary_and_is_the_same_every_time():
    with translation.override("fi"):  # decimal commas must not reach the coordinates
        first = render_to_string("insights/_chart_figure.html", {"chart": a_time_chart()})
        again = render_to_string("insights/_chart_figure.html", {"chart": a_time_chart()})
    assert first == again
    assert '<figure class="chart-figure" id="chart-test">' in first
    assert 'role="img" aria-label="Unemployed rose from 1000 to 1230."' in first
    assert "<figcaption" in first and "Unemployed and vacancies</figcaption>" in first
    assert "style=" not in first  # strict CSP: presentation attributes only
    coordinates = re.findall(r' (?:x|y|x1|x2|y1|y2|cx|cy)="([^"]*)"', first)
    assert coordinates and all(re.fullmatch(r"-?\d+(\.\d+)?", c) for c in coordinates)
    assert 'stroke-dasharray="8 4"' in first  # the second series is dashed
    assert first.count('<text x="40"') == 2  # the legend names both series


def test_bars_and_a_connected_scatter():
    bars = charts.bar_chart("bars", "Tension", [("Cooks", 1.9), ("Waiters", 4.4)], reference=1)
    assert [b.text for b in bars.bars] == ["1.9", "4.4"]
    assert bars.bars[1].width > bars.bars[0].width
    assert bars.box.left < bars.reference < bars.box.right
    html = render_to_string("insights/_chart_figure.html", {"chart": bars})
    assert html.count("<rect") == 2 and ">Waiters</text>" in html
    scatter = charts.connected_scatter(
        "bev",
        "Beveridge",
        "Lapland",
        [("2019", 9000, 2100), ("2020", None, 1900), ("2021", 8000, 3400)],
        x_label="Unemployed",
        y_label="Vacancies",
    )
    (line,) = scatter.lines
    assert line.point_labels == ("2019", "2021") and len(line.points) == 2
    html = render_to_string("insights/_chart_figure.html", {"chart": scatter})
    assert html.count("<circle") == 2 and ">2021</text>" in html


def test_columns_stand_on_a_scale_of_the_whole_not_only_the_largest_value():
    chart = charts.column_chart([("1", 10), ("2", 40), ("3", 80)], top=150)
    assert [t.label for t in chart.ticks] == ["0", "50", "100", "150"]
    first, _second, third = chart.columns
    assert third.height == round(first.height * 8, 1)  # heights in proportion to the values
    assert third.y + third.height == chart.box.bottom  # every column stands on the axis
    assert third.y > chart.box.top  # 80 of 150 reaches about half-way, not the top
    assert first.x < third.x and third.value_y < third.y  # in order, value above the column
    assert charts.column_chart([("1", 10), ("2", 40)], top=150) == charts.column_chart(
        [("1", 10), ("2", 40)], top=150
    )
