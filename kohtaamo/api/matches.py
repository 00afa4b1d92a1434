"""Matches: a job seeker's vacancies and a vacancy's candidates, explained.

Both read the stored lists of kohtaamo.matches (recomputed nightly and on every change) and
show competences, so both need the competences scope: a job seeker outside it is a 404, and a
vacancy's candidates are only the people the caller may see so. Reads are audited like the
record: a job seeker's list as a view of that person, a candidate list as one row on the
vacancy naming the people listed.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from kohtaamo.clients.models import Client
from kohtaamo.matches import details, lists
from kohtaamo.matches.details import GapItem, MatchItem, MetItem
from kohtaamo.matches.lists import LanguageGap
from kohtaamo.taxonomy.models import Concept
from kohtaamo.training.services import Route
from kohtaamo.vacancies.models import Vacancy

router = Router(tags=["matching"])


class Message(Schema):
    detail: str


class MatchQuery(Schema):
    limit: int = Field(20, ge=1, le=100, description="How many, 1 to 100")
    near: bool = Field(
        False,
        description="The near matches instead: pairs that a missing mandatory licence, card "
        "or language keeps down, ordered by the score they would have with it",
    )


class MunicipalityOut(Schema):
    code: str
    name: str


class VacancyRef(Schema):
    public_id: UUID
    title: str
    occupation_uri: str = Field(description="ESCO occupation; empty when not set")
    municipality: MunicipalityOut | None
    employer: str = Field(description="The employer's name")
    url: str = Field(description="The vacancy's page in Kohtaamo")


class ClientRef(Schema):
    public_id: UUID
    first_name: str
    last_name: str
    municipality: MunicipalityOut | None
    url: str = Field(description="The person's page in Kohtaamo")


class EvidenceOut(Schema):
    uri: str = Field(description="The person's competence that meets the requirement")
    label: str
    source: str = Field(
        description="certificate, learning_environment, counsellor, self or work_history"
    )


class MetOut(Schema):
    uri: str = Field(description="The requirement: an ESCO skill, a licence or a unit")
    label: str = Field(description="In the request's language")
    kind: str = Field(description="skill, licence or unit")
    essential: bool
    evidence: EvidenceOut
    partial: bool = Field(
        description="Met through a broader, narrower or related skill, not the skill itself"
    )


class RouteOut(Schema):
    public_id: UUID = Field(description="The training offer")
    title: str
    municipality: str = Field(description="Where it is taught; empty for remote study")
    remote: bool
    start_date: date | None = Field(description="Null: continuous intake")
    duration_days: int = Field(description="Days of study")
    days_to_close: int = Field(description="Calendar days from today until it is done")


class CandidateGapOut(Schema):
    uri: str
    label: str
    kind: str = Field(description="skill, licence or unit")
    mandatory: bool = Field(description="Required by law or by the employer (licences, units)")
    essential: bool


class GapOut(CandidateGapOut):
    routes: list[RouteOut] = Field(
        description="The quickest upcoming courses within the person's commuting radius "
        "(remote study included), at most three; empty when none was found"
    )


class LanguageGapOut(Schema):
    code: str = Field(description="ISO 639-1, e.g. sv")
    level: str = Field(description="The level asked: CEFR A1-C2 or native")


class MatchOut(Schema):
    score: float = Field(description="0-1; compare within a list rather than absolutely")
    potential: float = Field(description="0-1: the score with every mandatory requirement held")
    near: bool = Field(description="A mandatory licence, unit or language is missing")
    distance_km: float | None = Field(description="Estimated road distance from home")
    met: list[MetOut]
    missing_languages: list[LanguageGapOut] = Field(
        description="Mandatory languages the person does not speak at the level asked"
    )
    computed_at: datetime


class ClientMatchOut(MatchOut):
    vacancy: VacancyRef
    gaps: list[GapOut] = Field(description="Mandatory first, then essential, then the rest")


class CandidateOut(MatchOut):
    client: ClientRef
    gaps: list[CandidateGapOut] = Field(
        description="Mandatory first, then essential, then the rest"
    )


@router.get(
    "/clients/{public_id}/matches",
    response={200: list[ClientMatchOut], 404: Message},
    summary="A job seeker's best vacancies, explained",
)
def client_matches(request: HttpRequest, public_id: UUID, query: Query[MatchQuery]):
    """The open vacancies that fit the person best (or, with `near=true`, the near matches),
    best first: what the person meets and with which competence, what is missing, and the
    quickest courses nearby for each gap. 404 unless the caller may see the person's
    competences. The read is audited."""
    client = lists.viewed_client(request.user, public_id, page="matches")
    if client is None:
        raise HttpError(404, "No such job seeker, or you may not see their competences")
    items = details.client_matches(client, limit=query.limit, near=query.near)
    languages = lists.missing_languages(items)
    occupations = dict(
        Concept.objects.filter(pk__in={i.vacancy.occupation_id for i in items}).values_list(
            "pk", "uri"
        )
    )
    return [
        {
            **_match(item, languages),
            "vacancy": _vacancy(item.vacancy, occupations.get(item.vacancy.occupation_id, "")),
            "gaps": [_gap(g) | {"routes": [_route(r) for r in g.routes]} for g in item.gaps],
        }
        for item in items
    ]


@router.get(
    "/vacancies/{public_id}/candidates",
    response={200: list[CandidateOut], 404: Message},
    summary="A vacancy's best candidates among the job seekers you may see",
)
def vacancy_candidates(request: HttpRequest, public_id: UUID, query: Query[MatchQuery]):
    """The job seekers who fit the vacancy best (or, with `near=true`, those a missing
    mandatory licence or language keeps down), best first. Only people whose competences the
    caller's organisations may see are listed. 404 when the caller may not see the vacancy.
    One audit row on the vacancy names the people listed."""
    vacancy = Vacancy.objects.visible_to(request.user).filter(public_id=public_id).first()
    if vacancy is None:
        raise HttpError(404, "No such vacancy")
    items = details.vacancy_candidates(vacancy, request.user, limit=query.limit, near=query.near)
    lists.record_candidate_list(
        actor=request.user,
        vacancy=vacancy,
        shown=items,
        organisation=getattr(request, "organisation", None),
        page="candidates",
    )
    languages = lists.missing_languages(items)
    return [
        {
            **_match(item, languages),
            "client": _client(item.client),
            "gaps": [_gap(g) for g in item.gaps],
        }
        for item in items
    ]


def _match(item: MatchItem, languages: dict[tuple[int, int], list[LanguageGap]]) -> dict:
    stored = item.stored
    return {
        "score": stored.score,
        "potential": stored.potential,
        "near": item.near,
        "distance_km": stored.distance_km,
        "met": [_met(m) for m in item.met],
        "missing_languages": [
            {"code": g.code, "level": g.level}
            for g in languages.get((item.client.pk, item.vacancy.pk), [])
        ],
        "computed_at": stored.computed_at,
    }


def _municipality(municipality) -> dict | None:
    return {"code": municipality.code, "name": municipality.name} if municipality else None


def _vacancy(vacancy: Vacancy, occupation_uri: str) -> dict:
    return {
        "public_id": vacancy.public_id,
        "title": vacancy.title,
        "occupation_uri": occupation_uri,
        "municipality": _municipality(vacancy.municipality),
        "employer": vacancy.employer.name,
        "url": vacancy.get_absolute_url(),
    }


def _client(client: Client) -> dict:
    return {
        "public_id": client.public_id,
        "first_name": client.first_name,
        "last_name": client.last_name,
        "municipality": _municipality(client.municipality),
        "url": client.get_absolute_url(),
    }


def _met(met: MetItem) -> dict:
    return {
        "uri": met.uri,
        "label": met.label,
        "kind": met.kind,
        "essential": met.essential,
        "evidence": {
            "uri": met.evidence_uri,
            "label": met.evidence_label,
            "source": met.evidence_source,
        },
        "partial": met.partial,
    }


def _gap(gap: GapItem) -> dict:
    return {
        "uri": gap.uri,
        "label": gap.label,
        "kind": gap.kind,
        "mandatory": gap.mandatory,
        "essential": gap.essential,
    }


def _route(route: Route) -> dict:
    return {
        "public_id": route.public_id,
        "title": route.title,
        "municipality": route.municipality,
        "remote": route.remote,
        "start_date": route.start_date,
        "duration_days": route.duration_days,
        "days_to_close": route.days_to_close,
    }
