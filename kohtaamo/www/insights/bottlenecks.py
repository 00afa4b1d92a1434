"""Competence bottlenecks and future needs of a region or sub-region, for training planners:
the competences most often missing in near matches (kohtaamo.insights.bottlenecks), the courses
that would unlock the most matches (kohtaamo.matches.training) and the employers' future needs
from their competence mappings (kohtaamo.insights.foresight).

Aggregates only, every count protected: any staff member (an active membership) may read them;
a job seeker's own login gets 404. The occupation filter is a fixed list (ISCO-08 major
groups), each protected on its own rows.
"""

from __future__ import annotations

import csv
import io

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kohtaamo.geo.areas import Area, UnknownArea, resolve_area
from kohtaamo.insights import bottlenecks as bottleneck_data
from kohtaamo.insights import charts
from kohtaamo.insights.foresight import HORIZONS, TOTAL, area_foresight, horizon_labels
from kohtaamo.matches import training
from kohtaamo.matching.unlock import MINIMUM_COUNT
from kohtaamo.organisations.services import active_memberships

BOTTLENECK_LIMIT = 20
COURSE_LIMIT = 10
CHART_LIMIT = 10


def readable_area(user, code: str) -> Area:
    """The region or sub-region of the code for a staff member; Http404 otherwise."""
    if not active_memberships(user).exists():
        raise Http404
    try:
        return resolve_area(code)
    except UnknownArea as exc:
        raise Http404(str(exc)) from exc


def occupation_filter(value: str | None) -> str:
    """The chosen ISCO-08 major group, "" (all) for anything else."""
    return value if value in bottleneck_data.GROUPS else bottleneck_data.ALL


@require_GET
def bottlenecks(request, code):
    area = readable_area(request.user, code)
    occupation = occupation_filter(request.GET.get("occupation"))
    found = bottleneck_data.area_bottlenecks(area, occupation, limit=BOTTLENECK_LIMIT)
    impact = training.area_impact(area, limit=COURSE_LIMIT * 10, gap_limit=0)
    return render(
        request,
        "insights/bottlenecks.html",
        {
            "area": area,
            "occupation": occupation,
            "groups": bottleneck_data.occupation_groups(),
            "found": found,
            "chart": bottleneck_chart(found),
            "courses": training.group_sessions(impact.courses, COURSE_LIMIT),
            "foresight": area_foresight(area),
            "horizons": horizon_labels(),
            "minimum": MINIMUM_COUNT,
            "suitable": training.LIMITS.near_potential,
        },
    )


def bottleneck_chart(found) -> charts.BarChart | None:
    """Bars of the shown counts of people (hidden rows are only in the table)."""
    rows = [(row.label, row.people) for row in found.rows if not row.suppressed][:CHART_LIMIT]
    if not rows:
        return None
    summary = "; ".join(
        _("%(competence)s: %(people)d people") % {"competence": label, "people": people}
        for label, people in rows
    )
    return charts.bar_chart(
        "bottlenecks-chart",
        _("Job seekers for whom the competence is one of the gaps of a near match"),
        rows,
        summary=summary,
    )


CSV_COLUMNS = (
    "section",
    "area",
    "occupation",
    "horizon",
    "uri",
    "label",
    "people",
    "vacancies",
    "matches",
    "hires",
    "employers",
    "suppressed",
)


@require_GET
def bottlenecks_csv(request, code):
    """Every number of the page in long format (all occupation groups, every course and need);
    a hidden count is empty with `suppressed` true."""
    area = readable_area(request.user, code)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in csv_rows(area):
        writer.writerow({"area": area.key, **row})
    response = HttpResponse(out.getvalue().encode("utf-8-sig"), content_type="text/csv")
    response["Content-Type"] = "text/csv; charset=utf-8"
    response["Content-Disposition"] = f'attachment; filename="bottlenecks-{area.key}.csv"'
    return response


def csv_rows(area: Area):
    """The CSV's rows as dicts (without the area)."""
    for group in (bottleneck_data.ALL, *bottleneck_data.GROUPS):
        for row in bottleneck_data.area_bottlenecks(area, group, limit=None).rows:
            yield {
                "section": "bottleneck",
                "occupation": group,
                "uri": row.uri,
                "label": row.label,
                "people": _value(row.people),
                "vacancies": _value(row.vacancies),
                "suppressed": _flag(row.suppressed),
            }
    for course in training.area_impact(area, limit=1000, gap_limit=0).courses:
        yield {
            "section": "course",
            "uri": str(course.offer.public_id),
            "label": course.offer.title,
            "people": _value(course.people),
            "matches": _value(course.matches),
            "suppressed": _flag(course.suppressed),
        }
    yield from _foresight_rows(area_foresight(area, need_limit=None))


def _foresight_rows(foresight):
    yield {
        "section": "employers_mapped",
        "employers": _value(foresight.employers.value),
        "suppressed": _flag(foresight.employers.suppressed),
    }
    horizons = (*HORIZONS, TOTAL)
    lines = [("planned_hires", "", TOTAL, "", foresight.hire_totals)]
    for group in foresight.hire_groups:
        lines.append(("planned_hires_by_group", "", group.label, group.code, group.counts))
        lines += [("planned_hires", r.uri, r.label, r.isco, r.counts) for r in group.occupations]
    for section, uri, label, isco, counts in lines:
        for horizon, count in zip(horizons, counts, strict=True):
            yield {
                "section": section,
                "occupation": isco,
                "horizon": horizon,
                "uri": uri,
                "label": label,
                "hires": _value(count.value),
                "suppressed": _flag(count.suppressed),
            }
    for need in foresight.needs:
        for horizon, count in zip(horizons, need.counts, strict=True):
            yield {
                "section": "competence_needs",
                "horizon": horizon,
                "uri": need.uri,
                "label": need.label,
                "employers": _value(count.value),
                "suppressed": _flag(count.suppressed),
            }


def _value(value: int | None) -> str:
    return "" if value is None else str(value)


def _flag(suppressed: bool) -> str:
    return "true" if suppressed else "false"
