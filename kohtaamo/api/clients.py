"""Job seekers for integrations: the records the caller's team may see, each within the scope
the caller has. Anyone outside a person's team gets 404 for that person; company coordinators
and regional analysts see no one. Every read of a record is audited."""

from __future__ import annotations

from datetime import date
from typing import Literal
from uuid import UUID

from django.core.paginator import Paginator
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from kohtaamo.clients import perms, services
from kohtaamo.clients.models import Client, Consent
from kohtaamo.clients.search import filter_clients
from kohtaamo.taxonomy.search import display_labels

router = Router(tags=["clients"])

TargetGroup = Literal[
    "",
    "under_30",
    "over_54",
    "long_term_unemployed",
    "immigrant",
    "partial_work_ability",
    "no_vocational_qualification",
]
Scope = Literal["basic", "competences", "full"]


class MunicipalityOut(Schema):
    code: str
    name: str


class OrganisationOut(Schema):
    public_id: UUID
    name: str


class ClientOut(Schema):
    public_id: UUID
    first_name: str
    last_name: str
    age_group: str = Field(description="E.g. '25–29'; the year of birth is in the full scope")
    municipality: MunicipalityOut | None
    status: str = Field(description="active, employed, in_training or inactive")
    last_contact_on: date | None
    organisation: OrganisationOut = Field(description="The organisation that owns the record")
    responsible: str | None = Field(description="Name of the responsible coordinator")
    scope: Scope = Field(
        description="What the caller sees: full (the owner, or a full consent), competences "
        "(also competences and work history) or basic (contact details and wishes)"
    )
    target_groups: list[str] | None = Field(
        description="EU social fund target groups (codes); null unless the scope is full"
    )
    url: str = Field(description="The person's page in Kohtaamo")


class ClientPage(Schema):
    count: int = Field(description="Job seekers matching the filters")
    page: int
    page_size: int
    results: list[ClientOut]


class LanguageOut(Schema):
    code: str = Field(description="ISO 639-1, e.g. fi")
    level: str = Field(description="CEFR A1-C2 or native")


class ConceptOut(Schema):
    uri: str
    label: str


class CompetenceOut(Schema):
    uri: str = Field(description="ESCO skill, urn:kohtaamo:licence:<code> or a qualification unit")
    kind: str = Field(description="skill, licence or unit")
    level: int = Field(description="1 (basics) to 5 (expert)")
    source: str = Field(
        description="certificate, learning_environment, counsellor, self or work_history"
    )
    confirmed: bool = Field(description="False for a suggestion not yet confirmed")
    expires_on: date | None = Field(description="For licences and cards")
    label: str = Field(description="In the request's language")


class WorkHistoryOut(Schema):
    occupation: ConceptOut | None
    title: str
    employer_name: str
    years: float
    ended_year: int | None


class TeamMemberOut(Schema):
    organisation: OrganisationOut
    scope: Scope
    owner: bool = Field(description="True for the organisation that owns the record")
    valid_until: date | None = Field(description="The consent's end; null for the owner")


class ClientDetailOut(ClientOut):
    email: str
    phone: str
    languages: list[LanguageOut]
    wished_occupations: list[ConceptOut] = Field(description="ESCO occupations")
    wished_municipalities: list[MunicipalityOut]
    commuting_radius_km: int
    season_wish: str = Field(description="any, year_round or seasonal")
    hours_wish: str = Field(description="any, full or part")
    willing_to_relocate: bool
    team: list[TeamMemberOut] = Field(description="The owner and the consented organisations")
    competences: list[CompetenceOut] | None = Field(
        description="With the competences or full scope; else null"
    )
    work_history: list[WorkHistoryOut] | None = Field(
        description="With the competences or full scope; else null"
    )
    birth_year: int | None = Field(description="Full scope only")
    gender: str | None = Field(description="female, male, other or not_told; full scope only")
    education_level: str | None = Field(description="Full scope only")
    unemployment_start: date | None = Field(description="Full scope only")
    immigrant: bool | None = Field(description="Full scope only")
    partial_work_ability: bool | None = Field(description="Full scope only")
    strengths_counsellor: str | None = Field(description="Full scope only")
    strengths_own: str | None = Field(description="Full scope only")
    development_counsellor: str | None = Field(description="Full scope only")
    development_own: str | None = Field(description="Full scope only")
    note: str | None = Field(description="Full scope only")


class Message(Schema):
    detail: str


class ClientFilters(Schema):
    mine: bool = Field(False, description="Only those the caller is responsible for")
    q: str = Field("", max_length=100, description="Words of the first or last name")
    target_group: TargetGroup = Field("", description="Finds only records the caller sees in full")
    municipality: str = Field("", description="Municipality code, e.g. 698")
    status: Literal["", "active", "employed", "in_training", "inactive"] = ""
    no_contact_days: int | None = Field(
        None, ge=1, le=3650, description="No contact in this many days (or never)"
    )
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=200)


@router.get("", response=ClientPage, summary="List the job seekers of your team")
def list_clients(request: HttpRequest, filters: Query[ClientFilters]):
    """The job seekers the caller's organisations own or were given consent to, by name, each
    with the scope the caller has. Company coordinators and analysts get an empty list."""
    clients = filter_clients(
        Client.objects.visible_to(request.user),
        user=request.user,
        **filters.model_dump(exclude={"page", "page_size"}),
    )
    rows = clients.select_related("municipality", "organisation", "responsible")
    paginator = Paginator(
        perms.with_scopes(rows, request.user).order_by("last_name", "first_name", "pk"),
        filters.page_size,
    )
    page = list(paginator.page(filters.page)) if filters.page <= paginator.num_pages else []
    return {
        "count": paginator.count,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [client_out(c, perms.row_scope(c)) for c in page],
    }


@router.get(
    "/{public_id}",
    response={200: ClientDetailOut, 404: Message},
    summary="One job seeker, within your scope",
)
def get_client(request: HttpRequest, public_id: UUID):
    """404 when the person does not exist or the caller is not in the person's team. Fields
    outside the caller's scope are null. The read is audited."""
    client = (
        Client.objects.visible_to(request.user)
        .select_related("municipality", "organisation", "responsible")
        .filter(public_id=public_id)
        .first()
    )
    if client is None:
        raise HttpError(404, "No such job seeker")
    scope = perms.scope_for(request.user, client)
    services.record_view(actor=request.user, client=client, scope=scope)
    return client_detail_out(client, scope)


def client_out(client: Client, scope: str) -> dict:
    municipality = client.municipality
    responsible = client.responsible
    return {
        "public_id": client.public_id,
        "first_name": client.first_name,
        "last_name": client.last_name,
        "age_group": client.age_group,
        "municipality": _municipality(municipality) if municipality else None,
        "status": client.status,
        "last_contact_on": client.last_contact_on,
        "organisation": _organisation(client.organisation),
        "responsible": (responsible.get_full_name() or responsible.username)
        if responsible
        else None,
        "scope": scope,
        "target_groups": client.target_groups() if scope == perms.FULL else None,
        "url": client.get_absolute_url(),
    }


FULL_FIELDS = (
    "birth_year",
    "gender",
    "education_level",
    "unemployment_start",
    "immigrant",
    "partial_work_ability",
    "strengths_counsellor",
    "strengths_own",
    "development_counsellor",
    "development_own",
    "note",
)


def client_detail_out(client: Client, scope: str) -> dict:
    sees_competences = perms.scope_at_least(scope, perms.COMPETENCES)
    full = scope == perms.FULL
    return (
        client_out(client, scope)
        | {
            "email": client.email,
            "phone": client.phone,
            "languages": list(client.languages.values("code", "level")),
            "wished_occupations": [
                {"uri": o.uri, "label": o.label} for o in client.wished_occupations.all()
            ],
            "wished_municipalities": [_municipality(m) for m in client.wished_municipalities.all()],
            "commuting_radius_km": client.commuting_radius_km,
            "season_wish": client.season_wish,
            "hours_wish": client.hours_wish,
            "willing_to_relocate": client.willing_to_relocate,
            "team": _team(client),
            "competences": _competences(client) if sees_competences else None,
            "work_history": _work_history(client) if sees_competences else None,
        }
        | {name: getattr(client, name) if full else None for name in FULL_FIELDS}
    )


def _municipality(municipality) -> dict:
    return {"code": municipality.code, "name": municipality.name}


def _organisation(organisation) -> dict:
    return {"public_id": organisation.public_id, "name": organisation.name}


def _team(client: Client) -> list[dict]:
    owner = {
        "organisation": _organisation(client.organisation),
        "scope": perms.FULL,
        "owner": True,
        "valid_until": None,
    }
    consents = Consent.objects.active().filter(client=client).select_related("organisation")
    return [owner] + [
        {
            "organisation": _organisation(c.organisation),
            "scope": c.scope,
            "owner": False,
            "valid_until": c.valid_until,
        }
        for c in consents.order_by("organisation__name")
    ]


def _competences(client: Client) -> list[dict]:
    competences = list(client.competences.all())
    labels = display_labels([c.uri for c in competences], None)
    return [
        {
            "uri": c.uri,
            "kind": c.kind,
            "level": c.level,
            "source": c.source,
            "confirmed": c.confirmed,
            "expires_on": c.expires_on,
            "label": labels.get(c.uri, c.uri),
        }
        for c in competences
    ]


def _work_history(client: Client) -> list[dict]:
    return [
        {
            "occupation": {"uri": e.occupation.uri, "label": e.occupation.label}
            if e.occupation
            else None,
            "title": e.title,
            "employer_name": e.employer_name,
            "years": float(e.years),
            "ended_year": e.ended_year,
        }
        for e in client.work_history.select_related("occupation")
    ]
