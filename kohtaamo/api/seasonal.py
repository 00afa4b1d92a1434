"""Seasonal pairs: two seasonal jobs that together give year-round work, and the employers of
an area who could share a worker (kohtaamo.matching.seasonal says how they are found).

A job seeker's pairs show what the person is missing for each job, so they need the
competences scope: anyone else gets 404, and the read is audited like the record. An area's
employer pairs are business data with counts of people, suppressed under five; any staff
member may read them.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from kohtaamo.api.clients import Message
from kohtaamo.matches import lists, seasonal
from kohtaamo.matches.seasonal import EmployerPairItem, EmployerSide, PairItem, PairJob
from kohtaamo.organisations.services import active_memberships

router = Router(tags=["matching"])


class SeasonalQuery(Schema):
    limit: int = Field(10, ge=1, le=50, description="How many pairs, 1 to 50")


class SeasonalGapOut(Schema):
    uri: str = Field(description="An ESCO skill, a licence or a qualification unit")
    label: str = Field(description="In the request's language")
    kind: str = Field(description="skill, licence or unit")
    essential: bool
    mandatory: bool = Field(description="A licence or card the job cannot be done without")


class SeasonalJobOut(Schema):
    public_id: UUID = Field(description="The vacancy")
    title: str
    employer: str = Field(description="The employer's name")
    municipality: str | None = Field(description="The workplace's municipality code, e.g. 698")
    municipality_name: str | None
    start_date: date
    end_date: date
    months: list[int] = Field(description="Months of the year (1-12) the job covers")
    score: float = Field(description="The match, 0-1 (the person's season wish left out)")
    potential: float = Field(description="The match with every mandatory licence held")
    near: bool = Field(description="A mandatory licence, card or language is missing")
    distance_km: float | None = Field(description="Estimated road distance from home")
    gaps: list[SeasonalGapOut] = Field(description="What the job asks for and is not recorded")
    url: str = Field(description="The vacancy's page in Kohtaamo")


class SeasonalPairOut(Schema):
    first: SeasonalJobOut = Field(description="The job whose season starts first")
    second: SeasonalJobOut
    months_covered: int = Field(description="How many months of 12 the two cover together")
    months: list[int] = Field(description="The months covered (1-12)")
    gap_months: list[int] = Field(description="The months without work (1-12)")
    overlap_days: int = Field(description="Days when both seasons run")
    near: bool = Field(description="One of the jobs waits for a missing licence or language")


class EmployerSeasonOut(Schema):
    public_id: UUID
    name: str
    business_id: str
    municipality: str | None = Field(description="Municipality code")
    months: list[int] = Field(description="The months (1-12) of the employer's season")
    from_vacancies: bool = Field(
        description="True: the months of its open seasonal vacancies; false: its peak months"
    )
    seasonal_vacancies: int = Field(description="Open seasonal vacancies")


class EmployerPairOut(Schema):
    first: EmployerSeasonOut
    second: EmployerSeasonOut
    months_covered: int
    months: list[int]
    gap_months: list[int] = Field(description="Months that neither employer needs workers")
    distance_km: float = Field(description="Estimated road distance between the workplaces")
    shared_candidates: int | None = Field(
        description="Active job seekers suitable for both; null when fewer than 5"
    )
    suppressed: bool = Field(description="True when the count is under 5 and not reported")


class EmployerPairsOut(Schema):
    area: str = Field(description="MK19 (a region) or SK191 (a sub-region)")
    name: str
    results: list[EmployerPairOut]


P = seasonal.SEASON_PARAMS
CLIENT_PAIRS = f"""Pairs of open seasonal vacancies within the person's commuting radius whose
seasons overlap by at most {P.max_overlap_days} days and together cover at least
{P.min_months} months of the year (a winter tourism season and a summer job, say). Each job
matches the person (a score of at least {P.score_floor}) or is a near match (a missing
mandatory licence or language, potential at least {P.near_potential}). Pairs the person can
take now come first, by the months covered, then by the weaker job's match, then by the sum;
then the near pairs. An empty list when there are none. 404 unless the caller may see the
person's competences. The read is audited."""
EMPLOYER_PAIRS = f"""Pairs of active employers in the region (`19` or `MK19`) or sub-region
(`191` or `SK191`) whose seasons complement each other (together at least
{P.employer_min_months} months, at most {P.employer_max_overlap_months} in common), at most
{P.employer_max_km:.0f} km apart by road, who share candidates: active job seekers with a
stored match of at least {P.score_floor} to a vacancy of each. An employer's season is the
months of its open seasonal vacancies, else its peak months. A count under
{seasonal.MIN_REPORTED} is null with `suppressed`. 404 for an unknown area, and for callers who
are not staff of an organisation."""


@router.get(
    "/clients/{public_id}/seasonal-pairs",
    response={200: list[SeasonalPairOut], 404: Message},
    summary="Two seasonal jobs that together give a job seeker year-round work",
    description=CLIENT_PAIRS,
)
def client_seasonal_pairs(request: HttpRequest, public_id: UUID, query: Query[SeasonalQuery]):
    client = lists.viewed_client(request.user, public_id, page="seasonal")
    if client is None:
        raise HttpError(404, "No such job seeker, or you may not see their competences")
    return [_pair(pair) for pair in seasonal.client_pairs(client, limit=query.limit).pairs]


@router.get(
    "/regions/{code}/employer-pairs",
    response={200: EmployerPairsOut, 404: Message},
    summary="Employers of an area who could share a seasonal worker",
    description=EMPLOYER_PAIRS,
)
def employer_pairs(request: HttpRequest, code: str):
    if not active_memberships(request.user).exists():
        raise HttpError(404, "No such area")
    area = seasonal.area_for(code)
    if area is None:
        raise HttpError(404, f"No such area: {code!r} (use e.g. 19, MK19, 191 or SK191)")
    pairs = seasonal.employer_pairs(area)
    return {"area": area.key, "name": area.name, "results": [_employer_pair(p) for p in pairs]}


def _job(job: PairJob) -> dict:
    vacancy = job.vacancy
    vacancy_municipality = vacancy.municipality
    return {
        "public_id": vacancy.public_id,
        "title": vacancy.title,
        "employer": vacancy.employer.name,
        "municipality": vacancy_municipality.code if vacancy_municipality else None,
        "municipality_name": vacancy_municipality.name if vacancy_municipality else None,
        "start_date": vacancy.start_date,
        "end_date": vacancy.end_date,
        "months": list(job.months),
        "score": round(job.score, 4),
        "potential": round(job.potential, 4),
        "near": job.near,
        "distance_km": job.distance_km,
        "gaps": [g.__dict__ for g in job.gaps],
        "url": vacancy.get_absolute_url(),
    }


def _pair(pair: PairItem) -> dict:
    return {
        "first": _job(pair.first),
        "second": _job(pair.second),
        "months_covered": len(pair.months),
        "months": list(pair.months),
        "gap_months": list(pair.gap_months),
        "overlap_days": pair.overlap_days,
        "near": pair.near,
    }


def _employer(side: EmployerSide) -> dict:
    employer = side.employer
    return {
        "public_id": employer.public_id,
        "name": employer.name,
        "business_id": employer.business_id,
        "municipality": employer.municipality.code if employer.municipality else None,
        "months": list(side.months),
        "from_vacancies": side.from_vacancies,
        "seasonal_vacancies": side.vacancies,
    }


def _employer_pair(pair: EmployerPairItem) -> dict:
    return {
        "first": _employer(pair.first),
        "second": _employer(pair.second),
        "months_covered": len(pair.months),
        "months": list(pair.months),
        "gap_months": list(pair.gap_months),
        "distance_km": pair.distance_km,
        "shared_candidates": pair.shared,
        "suppressed": pair.suppressed,
    }
