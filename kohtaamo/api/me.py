"""The logged-in job seeker's own data: `GET /api/v1/me` and `GET /api/v1/me/export`.

The record is always the caller's own (`request.user.client_profile`); no id is taken, so no
other person's data can be asked for. A login without a job seeker's record gets 404. Both are
audited: a read as VIEW, the export as EXPORT.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from kohtaamo.clients import export, own

router = Router(tags=["me"])


class OrganisationOut(Schema):
    public_id: UUID
    name: str


class MunicipalityOut(Schema):
    code: str
    name: str


class TargetGroupOut(Schema):
    code: str = Field(description="under_30, over_54, long_term_unemployed, immigrant, ...")
    label: str


class RecordOut(Schema):
    public_id: UUID
    organisation: OrganisationOut = Field(description="The organisation that owns the record")
    first_name: str
    last_name: str
    email: str
    phone: str
    birth_year: int
    gender: str = Field(description="female, male, other or not_told")
    municipality: MunicipalityOut | None
    education_level: str
    unemployment_start: date | None
    immigrant: bool
    partial_work_ability: bool
    target_groups: list[TargetGroupOut]
    status: str
    last_contact_on: date | None
    strengths_own: str = Field(description="Strengths in the person's own words")
    development_own: str = Field(description="Development needs in the person's own words")
    strengths_counsellor: str
    development_counsellor: str


class LanguageOut(Schema):
    code: str = Field(description="ISO 639-1, e.g. fi")
    level: str = Field(description="CEFR A1-C2, or native")


class CompetenceOut(Schema):
    uri: str = Field(description="ESCO skill, urn:kohtaamo:licence:<code> or a unit's URI")
    kind: str = Field(description="skill, licence or unit")
    level: int = Field(ge=1, le=5)
    source: str = Field(
        description="certificate, learning_environment, counsellor, self or work_history; "
        "a competence may have one row per source"
    )
    confirmed: bool = Field(description="False for a suggestion that waits for an answer")
    expires_on: date | None = Field(description="Licences: the end of validity")
    label: str = Field(description="In the caller's language")


class WishesOut(Schema):
    occupations: list[dict] = Field(description='[{"uri": ..., "label": ...}] ESCO occupations')
    municipalities: list[MunicipalityOut]
    commuting_radius_km: int
    season_wish: str = Field(description="any, year_round or seasonal")
    hours_wish: str = Field(description="any, full or part")
    willing_to_relocate: bool


class ConsentOut(Schema):
    public_id: UUID
    organisation: OrganisationOut
    scope: str = Field(description="basic, competences or full")
    given_at: datetime
    valid_until: date
    given_in_own_view: bool
    withdrawn_at: datetime | None
    active: bool


class MeOut(Schema):
    record: RecordOut
    languages: list[LanguageOut]
    competences: list[CompetenceOut]
    wishes: WishesOut
    consents: list[ConsentOut]


class WorkHistoryOut(Schema):
    occupation: dict | None = Field(description='{"uri": ..., "label": ...} or null')
    title: str
    employer_name: str
    years: float
    ended_year: int | None


class AuditRowOut(Schema):
    time: datetime
    action: str = Field(description="view, export, update, consent_given, ...")
    organisation: str | None = Field(description="The organisation that acted")
    by_you: bool = Field(description="True when the person acted themself")


class ExportOut(MeOut):
    format: str = Field(description=f"{export.FORMAT}")
    exported_at: datetime
    work_history: list[WorkHistoryOut]
    audit_trail: list[AuditRowOut] = Field(
        description="Who viewed or changed the record, oldest first, by organisation"
    )


class Message(Schema):
    detail: str


def _own_client(request: HttpRequest):
    client = own.own_client(request.user)
    if client is None:
        raise HttpError(404, "You have no job seeker's record in Kohtaamo")
    return client


@router.get("", response={200: MeOut, 404: Message}, summary="My own data (job seekers)")
def me(request: HttpRequest):
    """The logged-in job seeker's record, languages, competences, wishes and consents.
    404 for a login without a job seeker's record."""
    client = _own_client(request)
    own.record_own_view(actor=request.user, client=client, page="api")
    return export.overview(client)


@router.get(
    "/export", response={200: ExportOut, 404: Message}, summary="Everything about me (job seekers)"
)
def me_export(request: HttpRequest):
    """Everything Kohtaamo holds about the job seeker, as the own view's JSON download:
    also the work history and the audit trail. Audited as an export."""
    client = _own_client(request)
    return own.export_own_data(actor=request.user, client=client, file_format="api")
