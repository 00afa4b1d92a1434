"""The situation picture of a region, sub-region or municipality from the employment service
statistics: unemployed and vacancies over time, by occupation group (only the region has the
groups: the sub-regions and municipalities are published as totals), the tension with the
occupations in shortage and in surplus, the seasonal profile and a Beveridge view.

Public statistics, protected anyway: any staff member (an active membership) may see them, a
job seeker's own login gets 404. Every count hidden by kohtaamo.insights.situation's
protection is "hidden" here, in the CSV and in the API alike.

Query: `from` and `to` (YYYY-MM) choose the months; `group` an occupation group to drill into
(its sub-groups are shown beside it); `level` (1-4) the level of the shortage and surplus
ranking.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kohtaamo.insights import areas, charts
from kohtaamo.insights import situation as picture
from kohtaamo.insights.suppression import MINIMUM_COUNT
from kohtaamo.organisations.services import active_memberships

DEFAULT_LEVEL = 3
LEVELS = [
    (1, gettext_lazy("1: major groups")),
    (2, gettext_lazy("2: sub-major groups")),
    (3, gettext_lazy("3: minor groups")),
    (4, gettext_lazy("4: unit groups")),
]


class SituationForm(forms.Form):
    start = forms.RegexField(
        label=gettext_lazy("From (year and month)"),
        regex=picture.MONTH_PATTERN,
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}),
        error_messages={"invalid": gettext_lazy("Give the month as YYYY-MM, e.g. 2015-06.")},
    )
    end = forms.RegexField(
        label=gettext_lazy("To (year and month)"),
        regex=picture.MONTH_PATTERN,
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}),
        error_messages={"invalid": gettext_lazy("Give the month as YYYY-MM, e.g. 2023-10.")},
    )
    level = forms.TypedChoiceField(
        label=gettext_lazy("Level of the shortage and surplus ranking"),
        choices=LEVELS,
        coerce=int,
        required=False,
    )

    def __init__(self, query, *, period: tuple[date, date]):
        data = {"start": query.get("from", ""), "end": query.get("to", "")}
        data["level"] = query.get("level") or DEFAULT_LEVEL
        super().__init__(data)
        self.period = period

    def clean(self):
        data = super().clean()
        first, last = self.period
        start = picture.parse_month(data["start"]) if data.get("start") else first
        end = picture.parse_month(data["end"]) if data.get("end") else last
        if start > end:
            self.add_error("end", _("The last month cannot be before the first."))
        data["start_month"] = max(start, first)
        data["end_month"] = min(end, last)
        data["level"] = data.get("level") or DEFAULT_LEVEL
        return data


@dataclass
class Page:
    area: areas.StatArea
    form: SituationForm
    selection: picture.Selection
    series: list[picture.Series]  # the group first, then its parts
    by_occupation: bool
    ranking: picture.TensionRanking | None


def _page(request, code: str) -> Page:
    if not active_memberships(request.user).exists():
        raise Http404
    try:
        area = areas.resolve(code)
    except areas.UnknownArea as exc:
        raise Http404(str(exc)) from exc
    period = picture.period_of(area.code)
    if period is None:
        raise Http404("No statistics for this area")
    form = SituationForm(request.GET, period=period)
    if form.is_valid():
        start, end, level = (form.cleaned_data[k] for k in ("start_month", "end_month", "level"))
    else:
        start, end, level = period[0], period[1], DEFAULT_LEVEL
    by_occupation = picture.has_occupations(area.code)
    group = request.GET.get("group", "").strip() if by_occupation else ""
    try:
        selection = picture.select(area.code, start, end, group)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    series = picture.series(area.code, selection.codes, start, end, all_label=_("All occupations"))
    ranking = picture.tension_ranking(area.code, level, end) if by_occupation else None
    return Page(area, form, selection, series, by_occupation, ranking)


def situation(request, code):
    page = _page(request, code)
    charts_ = _charts(page)
    seasonal = picture.seasonal_profile(page.series[0].points)
    return render(
        request,
        "insights/situation.html",
        {
            "page": page,
            "area": page.area,
            "form": page.form,
            "selection": page.selection,
            "main": page.series[0],
            "parts": page.series[1:],
            "rows": _month_rows(page.series),
            "group_path": [
                (code, picture.occupation_labels([code]).get(code, code))
                for code in picture.group_path(page.selection.group)
            ],
            "children": areas.children(page.area),
            "ranking": page.ranking,
            "yearly": picture.yearly(page.series[0].points),
            "charts": charts_,
            "tension_tables": [
                (kind, getattr(page.ranking, kind), charts_[kind])
                for kind in ("shortage", "surplus")
                if kind in charts_
            ],
            "seasonal_rows": list(zip(seasonal, MONTHS_3.values(), strict=True)),
            "form_errors": [
                (page.form[name].id_for_label, message)
                for name, messages in page.form.errors.items()
                for message in messages
            ],
            "minimum": MINIMUM_COUNT,
            "csv_query": request.GET.urlencode(),
        },
    )


def _month_rows(series: list[picture.Series]) -> list[tuple[date, list]]:
    """Each month with (occupation, point) of every series; the point is None when a series
    lacks the month."""
    by_month: dict[date, list] = {}
    for n, one in enumerate(series):
        for point in one.points:
            by_month.setdefault(point.month, [(s.occupation, None) for s in series])[n] = (
                one.occupation,
                point,
            )
    return sorted(by_month.items())


def _charts(page: Page) -> dict:
    """Every chart of the page by name; one left out has nothing to draw."""
    main = page.series[0]
    return (
        _time_charts(page) | _seasonal_charts(main) | _beveridge_chart(main) | _ranking_charts(page)
    )


def _time_charts(page: Page) -> dict:
    main = page.series[0]
    name = main.label
    found = {
        "main": charts.time_chart(
            "chart-main",
            _("Unemployed job seekers and open vacancies: %(name)s") % {"name": name},
            [
                (_("Unemployed job seekers"), [(p.month, p.unemployed) for p in main.points]),
                (_("Open vacancies"), [(p.month, p.vacancies) for p in main.points]),
            ],
            summary=_summary(main),
        )
    }
    parts = page.series[1:]
    if parts:
        for measure, title in (
            ("unemployed", _("Unemployed job seekers by occupation group")),
            ("vacancies", _("Open vacancies by occupation group")),
        ):
            found[measure] = charts.time_chart(
                f"chart-{measure}",
                title,
                [
                    (
                        f"{s.occupation} {s.label}",
                        [(p.month, getattr(p, measure)) for p in s.points],
                    )
                    for s in parts
                ],
                summary=title + ": " + ", ".join(f"{s.occupation} {s.label}" for s in parts),
            )
    return found


def _seasonal_charts(main: picture.Series) -> dict:
    found = {}
    months = [str(m) for m in MONTHS_3.values()]
    seasonal = picture.seasonal_profile(main.points)
    for measure, title in (
        ("unemployed", _("Seasonal profile of unemployed job seekers (mean by month)")),
        ("vacancies", _("Seasonal profile of open vacancies (mean by month)")),
    ):
        values = [getattr(m, f"{measure}_mean") for m in seasonal]
        if all(v is None for v in values):
            continue
        found[f"seasonal_{measure}"] = charts.month_chart(
            f"chart-seasonal-{measure}",
            title,
            [(main.label, values)],
            months,
            summary=title + ": " + _peak_text(values, months),
        )
    return found


def _beveridge_chart(main: picture.Series) -> dict:
    yearly = picture.yearly(main.points)
    if not any(y.unemployed_mean is not None and y.vacancies_mean is not None for y in yearly):
        return {}
    chart = charts.connected_scatter(
        "chart-beveridge",
        _("Beveridge view: unemployed against vacancies, yearly means"),
        main.label,
        [(str(y.key), y.unemployed_mean, y.vacancies_mean) for y in yearly],
        x_label=_("Unemployed job seekers"),
        y_label=_("Open vacancies"),
        summary=_("Yearly means of unemployed job seekers (across) and open vacancies (up), "
                  "%(first)s to %(last)s, joined in time order.")
        % {"first": yearly[0].key if yearly else "", "last": yearly[-1].key if yearly else ""},
    )  # fmt: skip
    return {"beveridge": chart}


def _ranking_charts(page: Page) -> dict:
    found = {}
    if page.ranking and page.ranking.shortage:
        for kind, rows, title in (
            ("shortage", page.ranking.shortage, _("Occupations in shortage: highest tension")),
            ("surplus", page.ranking.surplus, _("Occupations in surplus: lowest tension")),
        ):
            found[kind] = charts.bar_chart(
                f"chart-{kind}",
                title,
                [(f"{t.occupation} {t.label}", t.tension) for t in rows],
                reference=1.0,
                summary=title + ": "
                + ", ".join(f"{t.label} {charts.number(t.tension)}" for t in rows[:5]),
            )  # fmt: skip
    return found


def _summary(main: picture.Series) -> str:
    shown = [p for p in main.points if p.unemployed is not None and p.vacancies is not None]
    if not shown:
        return _("No counts to show.")
    first, last = shown[0], shown[-1]
    return _(
        "%(name)s: %(u1)s unemployed and %(v1)s vacancies in %(m1)s; %(u2)s unemployed and "
        "%(v2)s vacancies in %(m2)s."
    ) % {
        "name": main.label,
        "u1": first.unemployed,
        "v1": first.vacancies,
        "m1": f"{first.month:%Y-%m}",
        "u2": last.unemployed,
        "v2": last.vacancies,
        "m2": f"{last.month:%Y-%m}",
    }


def _peak_text(values: list[float | None], months: list[str]) -> str:
    shown = [(v, n) for n, v in enumerate(values) if v is not None]
    if not shown:
        return _("no means to show")
    high, low = max(shown), min(shown)
    return _("highest in %(high)s, lowest in %(low)s") % {
        "high": months[high[1]],
        "low": months[low[1]],
    }


# CSV ---------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "table", "area", "occupation", "label", "month", "unemployed", "vacancies", "tension",
    "unemployed_mean", "vacancies_mean", "unemployed_suppressed", "vacancies_suppressed",
)  # fmt: skip


def situation_csv(request, code):
    """Every number of the page in long format: `table` says which (series, shortage,
    surplus, seasonal, yearly); a hidden count is empty, with the same rows as the page, and
    the series rows say in `*_suppressed` whether an empty count is withheld or not published."""
    page = _page(request, code)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="situation-{page.area.code}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for row in csv_rows(page):
        writer.writerow(["" if v is None else v for v in row])
    return response


def _flag(value: bool) -> str:
    return "true" if value else "false"


def csv_rows(page: Page):
    area = page.area.code
    for one in page.series:
        for p in one.points:
            yield ("series", area, one.occupation, one.label, f"{p.month:%Y-%m}", p.unemployed,
                   p.vacancies, p.tension, None, None, _flag(p.unemployed_suppressed),
                   _flag(p.vacancies_suppressed))  # fmt: skip
    if page.ranking:
        month = f"{page.ranking.last:%Y-%m}"
        for kind in ("shortage", "surplus"):
            for t in getattr(page.ranking, kind):
                yield (kind, area, t.occupation, t.label, month, t.unemployed, t.vacancies,
                       t.tension, None, None, None, None)  # fmt: skip
    main = page.series[0]
    for m in picture.seasonal_profile(main.points):
        yield ("seasonal", area, main.occupation, main.label, f"{m.key:02d}", None, None, None,
               m.unemployed_mean, m.vacancies_mean, None, None)  # fmt: skip
    for m in picture.yearly(main.points):
        yield ("yearly", area, main.occupation, main.label, str(m.key), None, None, None,
               m.unemployed_mean, m.vacancies_mean, None, None)  # fmt: skip
