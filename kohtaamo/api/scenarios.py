"""The situation room for integrations: list and create scenarios, read their results.

Every staff member sees the scenarios of their organisations and those shared with them;
anyone else gets 404, the same as for an unknown scenario. The result is the stored snapshot
(kohtaamo.insights.scenarios; computed on first read when missing): counts of job seekers and
vacancies are 0, at least 5, or null with `*_suppressed: true`; figures about the scenario's
own workers are `*_estimate`s rounded to multiples of 5. Bad input answers 422 naming the field.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import translation
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from kohtaamo.api.errors import field_errors
from kohtaamo.geo.models import Municipality
from kohtaamo.insights import scenario_services as services
from kohtaamo.insights.models import Scenario
from kohtaamo.insights.scenarios import labelled
from kohtaamo.organisations.models import Organisation
from kohtaamo.organisations.services import active_memberships
from kohtaamo.taxonomy.models import Concept

router = Router(tags=["scenarios"])

MESSAGES_LANGUAGE = "en"


class Message(Schema):
    detail: str


class ErrorItem(Schema):
    loc: list[str]
    msg: str


class ValidationErrorOut(Schema):
    detail: list[ErrorItem]


class OrganisationOut(Schema):
    public_id: UUID
    name: str


class OccupationOut(Schema):
    uri: str
    label: str
    count: int = Field(description="Workers laid off (closure) or needed (investment)")


class ScenarioOut(Schema):
    public_id: UUID
    kind: Literal["closure", "investment"]
    title: str
    employer_name: str
    municipality: str = Field(description="Municipality code, e.g. 240")
    date: date
    description: str
    organisation: OrganisationOut
    shared_with: list[OrganisationOut]
    occupations: list[OccupationOut]
    computed_at: datetime | None
    url: str = Field(description="The scenario's page in Kohtaamo")


class ResultOut(Schema):
    scenario: UUID
    computed_at: datetime | None
    result: dict = Field(
        description="The snapshot: per occupation `vacancies`/`near_vacancies` (closure) or "
        "`now`/`after_training` people (investment), `demand` from the public statistics, "
        "`courses`, `gaps` and `*_estimate` figures rounded to 5"
    )


class OccupationIn(Schema):
    uri: str = Field(..., description="ESCO occupation URI")
    count: int = Field(..., ge=1, le=services.MAX_WORKERS)


class ScenarioIn(Schema):
    kind: Literal["closure", "investment"]
    title: str = Field(..., max_length=200, examples=["Kemin sellutehtaan sulkeminen"])
    employer_name: str = Field("", max_length=200)
    municipality: str = Field(..., description="Municipality code, e.g. 240 (Kemi)")
    date: date
    description: str = ""
    occupations: list[OccupationIn] = Field(..., min_length=1)
    shared_with: list[UUID] = Field([], description="public_ids of organisations to share with")
    organisation: UUID | None = Field(
        None, description="public_id of the owning organisation; needed with several"
    )


@router.get("", response=list[ScenarioOut], summary="Scenarios of the caller's organisations")
def list_scenarios(request: HttpRequest):
    """The scenarios of the caller's organisations and those shared with them, latest date
    first."""
    return [scenario_out(s) for s in _visible(request.user)]


@router.post(
    "",
    response={201: ResultOut, 422: ValidationErrorOut},
    summary="Create a scenario and compute its result",
)
def create_scenario(request: HttpRequest, body: ScenarioIn):
    """Staff members create scenarios for one of their organisations. 422 names the field:
    `occupations` for a URI that is not an ESCO occupation, `municipality` for an unknown
    code, `shared_with` for an unknown organisation, `date` for a bad date."""
    try:
        with translation.override(MESSAGES_LANGUAGE):
            scenario = services.create_scenario(
                actor=request.user,
                organisation=_organisation(request.user, body.organisation),
                kind=body.kind,
                title=body.title,
                employer_name=body.employer_name,
                municipality=_municipality(body.municipality),
                date=body.date,
                description=body.description,
                occupations=_occupations(body.occupations),
                shared_with=_shared(body.shared_with),
            )
    except ValidationError as exc:
        return Status(422, {"detail": field_errors(exc)})
    except PermissionDenied as exc:
        raise HttpError(404, "No such organisation") from exc
    return Status(201, result_out(scenario))


@router.get("/{public_id}", response={200: ScenarioOut, 404: Message}, summary="One scenario")
def get_scenario(request: HttpRequest, public_id: UUID):
    return scenario_out(_found(request.user, public_id))


@router.get(
    "/{public_id}/result",
    response={200: ResultOut, 404: Message},
    summary="The scenario's result (computed when missing)",
)
def scenario_result(request: HttpRequest, public_id: UUID):
    """The stored snapshot with labels in English; computed now when the scenario has none.
    Outsiders get 404."""
    return result_out(services.ensure_result(_found(request.user, public_id)))


# Helpers ------------------------------------------------------------------------------------


def _visible(user):
    if not active_memberships(user).exists():
        return Scenario.objects.none()
    return (
        Scenario.objects.visible_to(user)
        .select_related("organisation", "municipality")
        .prefetch_related("shared_with", "occupations__occupation")
    )


def _found(user, public_id: UUID) -> Scenario:
    scenario = _visible(user).filter(public_id=public_id).first()
    if scenario is None:
        raise HttpError(404, "No such scenario")
    return scenario


def scenario_out(scenario: Scenario) -> dict:
    return {
        "public_id": scenario.public_id,
        "kind": scenario.kind,
        "title": scenario.title,
        "employer_name": scenario.employer_name,
        "municipality": scenario.municipality.code,
        "date": scenario.date,
        "description": scenario.description,
        "organisation": _organisation_out(scenario.organisation),
        "shared_with": [_organisation_out(o) for o in scenario.shared_with.all()],
        "occupations": [
            {"uri": o.occupation.uri, "label": o.occupation.label_en, "count": o.count}
            for o in scenario.occupations.all()
        ],
        "computed_at": scenario.computed_at,
        "url": scenario.get_absolute_url(),
    }


def result_out(scenario: Scenario) -> dict:
    return {
        "scenario": scenario.public_id,
        "computed_at": scenario.computed_at,
        "result": labelled(scenario.result, MESSAGES_LANGUAGE) or {},
    }


def _organisation_out(organisation: Organisation) -> dict:
    return {"public_id": organisation.public_id, "name": organisation.name}


def _organisation(user, public_id: UUID | None) -> Organisation:
    own = list(services.own_organisations(user))
    if public_id is None:
        if len(own) == 1:
            return own[0]
        if not own:
            raise ValidationError({"organisation": "You are not a member of an organisation"})
        raise ValidationError(
            {"organisation": "You work for several organisations: give the public_id of one"}
        )
    found = [o for o in own if o.public_id == public_id]
    if not found:
        raise ValidationError({"organisation": "Not one of your organisations"})
    return found[0]


def _municipality(code: str) -> Municipality:
    code = code.strip().upper().removeprefix("KU")
    found = Municipality.objects.filter(code=code.zfill(3)).first() if code.isdigit() else None
    if found is None:
        raise ValidationError({"municipality": "No such municipality code"})
    return found


def _occupations(items: list[OccupationIn]) -> list[tuple[Concept, int]]:
    concepts = {
        c.uri: c for c in Concept.objects.filter(kind="occupation", uri__in=[i.uri for i in items])
    }
    unknown = [i.uri for i in items if i.uri not in concepts]
    if unknown:
        raise ValidationError({"occupations": f"Not an ESCO occupation: {', '.join(unknown)}"})
    return [(concepts[i.uri], i.count) for i in items]


def _shared(public_ids: list[UUID]) -> list[Organisation]:
    found = list(Organisation.objects.filter(public_id__in=public_ids, is_active=True))
    if len(found) != len(set(public_ids)):
        raise ValidationError({"shared_with": "No such organisation"})
    return found
