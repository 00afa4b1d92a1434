"""Training that would unlock matches: for a job seeker and for a region.

The definitions are those of kohtaamo.matching.unlock: a vacancy is suitable from a score of
0.25; a course unlocks a vacancy within the person's reach that is not suitable now and would be
after the course. The region totals are computed after each full matching run and never contain
a count of people from 1 to 4 (null with `suppressed: true`, also when the count could be
worked out from a region and its sub-regions)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from kohtaamo.matches import lists, training
from kohtaamo.organisations.services import active_memberships

router = Router(tags=["matching"])


class Message(Schema):
    detail: str


class OfferOut(Schema):
    public_id: UUID
    title: str
    provider: str
    municipality: str = Field(description="Empty for remote study")
    remote: bool
    start_date: date | None = Field(description="Null for continuous intake")
    duration_days: int = Field(description="Days of study")
    days_to_close: int = Field(description="Days from today until the course is completed")
    cost_eur: Decimal | None = Field(description="0 when free; null when not known")


class VacancyRef(Schema):
    public_id: UUID
    title: str


class ClientCourseOut(Schema):
    offer: OfferOut
    unlocks: int = Field(description="Vacancies the course would make suitable")
    vacancies: list[VacancyRef]
    closes: list[str] = Field(description="Competence URIs the course gives that those lacked")


class TrainingQuery(Schema):
    limit: int = Field(20, ge=1, le=100)


class AreaOut(Schema):
    code: str = Field(description="19 (region) or 191 (sub-region)")
    name: str


class CourseImpactOut(OfferOut):
    people: int | None = Field(description="Job seekers helped; null when suppressed")
    matches: int | None = Field(
        description="(person, vacancy) pairs unlocked; null when suppressed"
    )
    suppressed: bool = Field(description="True when the counts are hidden to protect people")


class GapImpactOut(Schema):
    uri: str
    label: str
    people: int | None = Field(description="Job seekers affected; null when suppressed")
    suppressed: bool


class AreaImpactOut(Schema):
    area: AreaOut
    computed_at: datetime | None
    courses: list[CourseImpactOut]
    gaps: list[GapImpactOut]


@router.get(
    "/clients/{public_id}/training",
    response={200: list[ClientCourseOut], 404: Message},
    summary="Courses that would unlock vacancies for a job seeker",
)
def client_training(request: HttpRequest, public_id: UUID, query: Query[TrainingQuery]):
    """Upcoming courses within the person's reach (remote, or within the commuting radius),
    ranked by the open vacancies they would make suitable, then by days to complete, then by
    distance. Needs the competences scope: 404 otherwise or for someone outside the person's
    team. The read is audited."""
    client = lists.viewed_client(request.user, public_id, page="training")
    if client is None:
        raise HttpError(404, "No such job seeker")
    return [
        {
            "offer": offer_out(course.offer, course.days_to_close),
            "unlocks": course.unlocks,
            "vacancies": [{"public_id": v.public_id, "title": v.title} for v in course.vacancies],
            "closes": [uri for uri, _label in course.closes],
        }
        for course in training.client_training(client, limit=query.limit)
    ]


@router.get(
    "/regions/{code}/training-impact",
    response={200: AreaImpactOut, 404: Message},
    summary="Courses that would unlock the most matches in a region",
)
def region_training_impact(request: HttpRequest, code: str, query: Query[TrainingQuery]):
    """For training planners: per course, the active job seekers of the region (or sub-region)
    for whom it would unlock at least one vacancy and the pairs it would unlock, and the most
    common gaps those courses close. `code`: 19 or MK19 for a region, 191 or SK191 for a
    sub-region. Counts of 1-4 people are never given (null, `suppressed: true`). Any staff
    member of an organisation may read it."""
    if not active_memberships(request.user).exists():
        raise HttpError(404, "No such region")
    try:
        area = training.resolve_area(code)
    except training.UnknownArea as exc:
        raise HttpError(404, str(exc)) from exc
    impact = training.area_impact(area, limit=query.limit, gap_limit=query.limit)
    return {
        "area": {"code": area.code, "name": area.name},
        "computed_at": impact.computed_at,
        "courses": [
            offer_out(c.offer, None)
            | {"people": c.people, "matches": c.matches, "suppressed": c.suppressed}
            for c in impact.courses
        ],
        "gaps": [
            {"uri": g.uri, "label": g.label, "people": g.people, "suppressed": g.suppressed}
            for g in impact.gaps
        ],
    }


def offer_out(offer, days_to_close: int | None) -> dict:
    """A course as the training-impact and bottleneck answers give it."""
    if days_to_close is None:
        days_to_close = offer.days_to_close(timezone.localdate())
    return {
        "public_id": offer.public_id,
        "title": offer.title,
        "provider": offer.provider_name,
        "municipality": "" if offer.remote or not offer.municipality else offer.municipality.name,
        "remote": offer.remote,
        "start_date": offer.start_date,
        "duration_days": offer.duration_days,
        "days_to_close": days_to_close,
        "cost_eur": offer.cost_eur,
    }
