"""Employer records for integrations: list and read what the caller's organisations work with,
create new ones. Outsiders get 404 for a record they cannot see; regional analysts see none."""

from typing import Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from kohtaamo.api.errors import field_errors
from kohtaamo.core.i18n import active_language
from kohtaamo.employers import industries, perms, services
from kohtaamo.employers.models import Employer
from kohtaamo.employers.search import filter_employers

router = Router(tags=["employers"])


class ContactIn(Schema):
    name: str = Field(..., max_length=200, description="The contact person's name")
    title: str = Field("", max_length=200, description="Job title, e.g. 'HR manager'")
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40, description="Digits, spaces and + ( ) - / only")
    is_primary: bool = Field(False, description="The first contact is primary anyway")


class EmployerIn(Schema):
    business_id: str = Field(
        ...,
        description="Finnish business ID (Y-tunnus) with its check digit, e.g. 0210427-6. "
        "A wrong check digit or format answers 400 naming this field; an ID already in "
        "Kohtaamo answers 400 too.",
        examples=["0210427-6"],
    )
    name: str = Field(..., max_length=200, examples=["Revontuli Safarit Oy"])
    industry: str = Field(
        "", description="TOL 2008 / NACE Rev. 2 code, dot-notated", examples=["55.10"]
    )
    municipality: str = Field(
        "",
        description="Municipality code (e.g. 698) or its Finnish or Swedish name",
        examples=["698"],
    )
    size_class: str = Field(
        "",
        description="micro (< 10 employees), small (10-49), medium (50-249) or large (250+)",
        examples=["small"],
    )
    peak_months: list[int] = Field(
        [], description="Months (1-12) when the employer needs the most workers", examples=[[6, 7]]
    )
    language: str = Field("fi", description="Language of its reports: fi, sv or en")
    website: str = Field("", max_length=200, description="Web address; https:// is added")
    contacts: list[ContactIn] = Field([], description="Contact persons to add")
    organisation: UUID | None = Field(
        None,
        description="public_id of the organisation whose register gets the employer. Required "
        "when the caller works for several organisations; else the caller's one.",
    )


class MunicipalityOut(Schema):
    code: str
    name: str


class OrganisationOut(Schema):
    public_id: UUID
    name: str


class ContactOut(Schema):
    public_id: UUID
    name: str
    title: str
    email: str
    phone: str
    is_primary: bool


class EmployerOut(Schema):
    public_id: UUID
    business_id: str
    name: str
    industry: str = Field(description="TOL 2008 code, e.g. 55.10; empty when unknown")
    industry_section: str | None = Field(description="TOL 2008 section letter A-U")
    industry_label: str = Field(
        description="The code with its section's name in the request's language"
    )
    municipality: MunicipalityOut | None
    size_class: str
    peak_months: list[int]
    language: str
    website: str
    organisations: list[OrganisationOut] = Field(
        description="The organisations that work with the employer (and so see it)"
    )
    url: str = Field(description="The employer's page in Kohtaamo")


class EmployerDetailOut(EmployerOut):
    contacts: list[ContactOut] = Field(description="Contact persons (reading them is audited)")


class EmployerPage(Schema):
    count: int = Field(description="Employers matching the filters")
    page: int
    page_size: int
    results: list[EmployerOut]


class FieldError(Schema):
    loc: list[str | int] = Field(description='Where: ["body", "business_id"]')
    msg: str


class ValidationErrorOut(Schema):
    detail: list[FieldError]


class Message(Schema):
    detail: str


class EmployerFilters(Schema):
    q: str = Field("", max_length=200, description="Part of the name, or the start of the ID")
    municipality: str = Field("", description="Municipality code, e.g. 698")
    section: str = Field("", max_length=1, description="TOL 2008 section letter A-U")
    size_class: Literal["", "micro", "small", "medium", "large"] = ""
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=200)


@router.get("", response=EmployerPage, summary="List the employers you work with")
def list_employers(request: HttpRequest, filters: Query[EmployerFilters]):
    """The employers that the caller's organisations work with or that were shared with them,
    by name. A regional analyst's list is empty: analysts see aggregates only."""
    employers = filter_employers(
        Employer.objects.visible_to(request.user),
        q=filters.q,
        municipality=filters.municipality,
        section=filters.section,
        size_class=filters.size_class,
    )
    count = employers.count()
    start = (filters.page - 1) * filters.page_size
    rows = (
        employers.select_related("municipality")
        .prefetch_related("partnerships__organisation")
        .order_by("name", "pk")[start : start + filters.page_size]
    )
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [employer_out(e) for e in rows],
    }


@router.post(
    "",
    response={201: EmployerDetailOut, 400: ValidationErrorOut, 403: Message},
    summary="Add an employer",
)
def create_employer(request: HttpRequest, body: EmployerIn):
    """Add an employer to the register of one of the caller's organisations (coordinators,
    company coordinators and organisation admins). Business ID, industry and municipality are
    checked; each problem answers 400 with the field it concerns."""
    if not perms.can_create_employers(request.user):
        raise HttpError(403, "Your roles do not allow adding employers")
    fields = body.model_dump(exclude={"contacts", "organisation"})
    try:
        with transaction.atomic():  # a bad contact undoes the employer too
            organisation = _organisation_for(request.user, body.organisation)
            employer = services.create_employer(
                actor=request.user, organisation=organisation, **fields
            )
            for index, contact in enumerate(body.contacts):
                _add_contact(request.user, employer, organisation, index, contact.model_dump())
    except ValidationError as exc:
        return Status(400, {"detail": field_errors(exc)})
    return Status(201, employer_detail_out(employer))


@router.get(
    "/{public_id}",
    response={200: EmployerDetailOut, 404: Message},
    summary="One employer with its contact persons",
)
def get_employer(request: HttpRequest, public_id: UUID):
    """404 when the employer does not exist or the caller does not work with it."""
    employer = (
        Employer.objects.visible_to(request.user)
        .select_related("municipality")
        .prefetch_related("partnerships__organisation", "contacts")
        .filter(public_id=public_id)
        .first()
    )
    if employer is None:
        raise HttpError(404, "No such employer")
    services.record_employer_view(actor=request.user, employer=employer)
    return employer_detail_out(employer)


def _organisation_for(user, public_id: UUID | None):
    organisations = list(perms.working_organisations(user))
    if public_id is None:
        if len(organisations) == 1:
            return organisations[0]
        message = "You work for several organisations: give the public_id of one of them"
    else:
        found = [o for o in organisations if o.public_id == public_id]
        if found:
            return found[0]
        message = "Not one of the organisations you can add employers for"
    raise ValidationError({"organisation": message})


def _add_contact(user, employer, organisation, index: int, fields: dict) -> None:
    try:
        services.add_contact(actor=user, employer=employer, organisation=organisation, **fields)
    except ValidationError as exc:
        raise ValidationError(
            {f"contacts.{index}.{name}": messages for name, messages in exc.message_dict.items()}
        ) from exc


def employer_out(employer: Employer) -> dict:
    section = industries.section_of(employer.industry) if employer.industry else None
    municipality = employer.municipality
    return {
        "public_id": employer.public_id,
        "business_id": employer.business_id,
        "name": employer.name,
        "industry": employer.industry,
        "industry_section": section.letter if section else None,
        "industry_label": industries.label(employer.industry, active_language()),
        "municipality": {"code": municipality.code, "name": municipality.name}
        if municipality
        else None,
        "size_class": employer.size_class,
        "peak_months": employer.peak_months,
        "language": employer.language,
        "website": employer.website,
        "organisations": [
            {"public_id": p.organisation.public_id, "name": p.organisation.name}
            for p in employer.partnerships.all()
        ],
        "url": employer.get_absolute_url(),
    }


def employer_detail_out(employer: Employer) -> dict:
    return employer_out(employer) | {"contacts": list(employer.contacts.all())}
