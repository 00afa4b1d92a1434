"""The situation picture from the employment service statistics (Statistics Finland): an area's
unemployed job seekers, open vacancies and tension by month, in total or by occupation group.

Public statistics, protected anyway: a count of 1-4, or one that could be worked out from an
area's or a group's other counts, is null with `*_suppressed: true` (see
kohtaamo.insights.situation). The tension is given only when both counts are shown."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field, field_validator

from kohtaamo.insights import areas
from kohtaamo.insights import situation as picture
from kohtaamo.organisations.services import active_memberships

router = Router(tags=["insights"])


class Message(Schema):
    detail: str


class FieldError(Schema):
    loc: list[str | int]
    msg: str


class ValidationErrorOut(Schema):
    detail: list[FieldError]


class SituationQuery(Schema):
    start: str | None = Field(
        None, alias="from", description="The first month, YYYY-MM (default: the first there is)"
    )
    end: str | None = Field(
        None, alias="to", description="The last month, YYYY-MM (default: the last there is)"
    )
    level: int | None = Field(
        None, ge=1, le=4, description="Every occupation group of this level (1-4) besides the total"
    )
    group: str | None = Field(
        None,
        pattern=r"^\d{1,4}$",
        description='An occupation group (ISCO-08 code, e.g. "5" or "522") and its sub-groups',
    )

    @field_validator("start", "end")
    @classmethod
    def is_month(cls, value: str | None) -> str | None:
        if value:
            picture.parse_month(value)  # ValueError → 422 naming the parameter
        return value


class AreaOut(Schema):
    code: str = Field(description="MK19 (region), SK191 (sub-region) or KU698 (municipality)")
    name: str
    kind: str = Field(description="region, sub_region or municipality")


class PointOut(Schema):
    month: str = Field(description="YYYY-MM")
    unemployed: int | None = Field(description="Unemployed job seekers; null when hidden")
    vacancies: int | None = Field(description="Open vacancies; null when hidden")
    tension: float | None = Field(description="Vacancies per unemployed; null unless both shown")
    unemployed_suppressed: bool
    vacancies_suppressed: bool


class SeriesOut(Schema):
    occupation: str = Field(description='ISCO-08 group; "" for all occupations')
    label: str
    points: list[PointOut]


class SituationOut(Schema):
    area: AreaOut
    start: str = Field(alias="from")
    end: str = Field(alias="to")
    months: list[str]
    by_occupation: bool = Field(
        description="False for sub-regions and municipalities: published as totals only"
    )
    series: list[SeriesOut]


@router.get(
    "/regions/{code}/situation",
    response={200: SituationOut, 404: Message, 422: ValidationErrorOut},
    summary="Unemployed, vacancies and tension by month and occupation group in an area",
    by_alias=True,
)
def region_situation(request: HttpRequest, code: str, query: Query[SituationQuery]):
    """The months from `from` to `to` of an area: MK19 or 19 (region), SK191 or 191
    (sub-region), KU698 (municipality). The first series is the total of `group` (all
    occupations by default), then its sub-groups, or with `level` every group of that level.
    Only the region has occupation groups. Any staff member of an organisation may read it."""
    if not active_memberships(request.user).exists():
        raise HttpError(404, "No such area")
    try:
        area = areas.resolve(code)
    except areas.UnknownArea as exc:
        raise HttpError(404, str(exc)) from exc
    period = picture.period_of(area.code)
    if period is None:
        raise HttpError(404, "No statistics for this area")
    start = picture.parse_month(query.start) if query.start else period[0]
    end = picture.parse_month(query.end) if query.end else period[1]
    if start > end:
        return Status(422, {"detail": [{"loc": ["query", "to"], "msg": "is before `from`"}]})
    by_occupation = picture.has_occupations(area.code)
    try:
        selection = picture.select(
            area.code, start, end, (query.group or "") if by_occupation else "", query.level
        )
    except ValueError as exc:
        return Status(422, {"detail": [{"loc": ["query", "group"], "msg": str(exc)}]})
    series = picture.series(area.code, selection.codes, start, end, all_label="All occupations")
    months = sorted({p.month for s in series for p in s.points})
    return Status(
        200,
        {
            "area": {"code": area.code, "name": area.name, "kind": area.kind},
            "from": _month(max(start, period[0])),
            "to": _month(min(end, period[1])),
            "months": [_month(m) for m in months],
            "by_occupation": by_occupation,
            "series": [
                {
                    "occupation": s.occupation,
                    "label": s.label,
                    "points": [_point(p) for p in s.points],
                }
                for s in series
            ],
        },
    )


def _month(month: date) -> str:
    return f"{month:%Y-%m}"


def _point(point: picture.Point) -> dict:
    return {
        "month": _month(point.month),
        "unemployed": point.unemployed,
        "vacancies": point.vacancies,
        "tension": point.tension,
        "unemployed_suppressed": point.unemployed_suppressed,
        "vacancies_suppressed": point.vacancies_suppressed,
    }
