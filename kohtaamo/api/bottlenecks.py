"""Competence bottlenecks and future needs of a region or sub-region.

The definitions are those of kohtaamo.matching.gaps (near matches: not suitable now, suitable
with the one or two essential or mandatory requirements the person lacks), of
kohtaamo.matching.unlock (courses) and of kohtaamo.insights.foresight (the employers' current
competence mappings). Aggregates only: no count from 1 to 4 is ever given, nor one that could be
worked out from the totals, the region and its sub-regions or the occupation groups (null with
`suppressed: true`)."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from kohtaamo.geo.areas import UnknownArea, resolve_area
from kohtaamo.insights import bottlenecks as bottleneck_data
from kohtaamo.insights.foresight import HORIZONS, area_foresight
from kohtaamo.mappings.enums import Horizon
from kohtaamo.matches import training
from kohtaamo.organisations.services import active_memberships

from .training_impact import AreaOut, CourseImpactOut, Message, offer_out

router = Router(tags=["insights"])


class BottlenecksQuery(Schema):
    occupation: str = Field(
        "",
        description="ISCO-08 major group of the vacancies (0-9); empty for all occupations",
        pattern=r"^[0-9]?$",
    )
    limit: int = Field(20, ge=1, le=200)


class MissingCompetenceOut(Schema):
    uri: str
    label: str
    people: int | None = Field(
        description="Job seekers for whom it is one of the one or two gaps of a near match; "
        "null when suppressed"
    )
    vacancies: int | None = Field(description="Vacancies where it is; null when suppressed")
    suppressed: bool = Field(description="True when the people count is hidden")


class HireOut(Schema):
    occupation: str = Field(description="ESCO occupation URI")
    label: str
    isco: str = Field(description="ISCO-08 unit group; empty when unknown")
    hires: int | None = Field(description="Planned hires; null when suppressed")
    suppressed: bool


class HireGroupOut(Schema):
    isco: str = Field(description="ISCO-08 major group (1 digit); empty when unknown")
    label: str
    hires: int | None = Field(description="Planned hires; null when suppressed")
    suppressed: bool


class NeedOut(Schema):
    uri: str
    label: str
    employers: int | None = Field(description="Employers asking; null when suppressed")
    suppressed: bool


class HorizonOut(Schema):
    horizon: str = Field(description="now, 6m (within 6 months) or 1-3y")
    label: str
    hires: int | None = Field(description="Planned hires in all occupations; null if suppressed")
    hires_suppressed: bool
    groups: list[HireGroupOut]
    occupations: list[HireOut]
    needs: list[NeedOut]


class BottlenecksOut(Schema):
    area: AreaOut
    occupation: str
    computed_at: datetime | None
    missing: list[MissingCompetenceOut]
    courses: list[CourseImpactOut]
    employers: int | None = Field(
        description="Employers with a current competence mapping; null when suppressed"
    )
    employers_suppressed: bool
    future: list[HorizonOut]


@router.get(
    "/regions/{code}/bottlenecks",
    response={200: BottlenecksOut, 404: Message},
    summary="Competences most often missing, courses that unlock matches, future needs",
)
def region_bottlenecks(request: HttpRequest, code: str, query: Query[BottlenecksQuery]):
    """For training planners. `code`: 19 or MK19 for a region, 191 or SK191 for a sub-region;
    `occupation`: an ISCO-08 major group of the vacancies. `missing`: the competences most
    often missing in near matches (a job seeker and an open vacancy within reach, not suitable
    now, suitable with the one or two essential or mandatory requirements the person lacks).
    `courses`: the upcoming courses that would unlock the most matches. `future`: by horizon,
    the planned hires and the competences employers need, from their current finished
    competence mappings. Any staff member of an organisation may read it; others get 404."""
    if not active_memberships(request.user).exists():
        raise HttpError(404, "No such region")
    try:
        area = resolve_area(code)
    except UnknownArea as exc:
        raise HttpError(404, str(exc)) from exc
    found = bottleneck_data.area_bottlenecks(area, query.occupation, limit=query.limit)
    impact = training.area_impact(area, limit=query.limit, gap_limit=0)
    foresight = area_foresight(area, need_limit=query.limit)
    return {
        "area": {"code": area.code, "name": area.name},
        "occupation": query.occupation,
        "computed_at": found.computed_at,
        "missing": [row.__dict__ for row in found.rows],
        "courses": [
            offer_out(c.offer, None)
            | {"people": c.people, "matches": c.matches, "suppressed": c.suppressed}
            for c in impact.courses
        ],
        "employers": foresight.employers.value,
        "employers_suppressed": foresight.employers.suppressed,
        "future": _future(foresight),
    }


def _future(foresight) -> list[dict]:
    horizons = []
    for n, horizon in enumerate(HORIZONS):
        total = foresight.hire_totals[n]
        horizons.append(
            {
                "horizon": horizon,
                "label": str(Horizon(horizon).label),
                "hires": total.value,
                "hires_suppressed": total.suppressed,
                "groups": [
                    {
                        "isco": group.code,
                        "label": group.label,
                        "hires": group.counts[n].value,
                        "suppressed": group.counts[n].suppressed,
                    }
                    for group in foresight.hire_groups
                    if group.counts[n].value != 0
                ],
                "occupations": [
                    {
                        "occupation": row.uri,
                        "label": row.label,
                        "isco": row.isco,
                        "hires": row.counts[n].value,
                        "suppressed": row.counts[n].suppressed,
                    }
                    for row in foresight.hires
                    if row.counts[n].value != 0
                ],
                "needs": [
                    {
                        "uri": need.uri,
                        "label": need.label,
                        "employers": need.counts[n].value,
                        "suppressed": need.counts[n].suppressed,
                    }
                    for need in foresight.needs
                    if need.counts[n].value != 0
                ],
            }
        )
    return horizons
