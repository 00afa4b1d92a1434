"""Vacancies for integrations: list, read, create, and import the job-market platform's ads."""

import datetime
from typing import Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from kohtaamo.employers.models import Employer
from kohtaamo.taxonomy.search import display_labels
from kohtaamo.vacancies import tmt
from kohtaamo.vacancies.enums import Permanence, VacancySource, VacancyStatus, WorkingTime
from kohtaamo.vacancies.imports import ImportFailed, import_tmt
from kohtaamo.vacancies.models import Vacancy
from kohtaamo.vacancies.services import create_vacancy

router = Router(tags=["vacancies"])
MESSAGES_LANGUAGE = "en"  # errors and warnings for integrations stay the same whatever the UI
Lang = Literal["fi", "sv", "en"]
ESCO = "http://data.europa.eu/esco/"
EXAMPLE_AD = {
    "ilmoitukset": [
        {
            "ilmoituksenID": "91f04ea5-8eba-421e-a2b5-c6c21e4d64c8",
            "ilmoittajanYTunnus": "0210427-6",
            "ilmoittajanNimi": [{"kieliKoodi": "fi", "arvo": "Henkilöstövuokraus AABB Oy"}],
            "julkaisupvm": "2022-08-01T11:27:16Z",
            "perustiedot": {
                "tyonOtsikko": [{"kieliKoodi": "fi", "arvo": "Lähihoitaja"}],
                "tyonTiivistelma": [{"kieliKoodi": "fi", "arvo": "Hoitoalan vuokratyötä."}],
                "tyonKuvaus": [{"kieliKoodi": "fi", "arvo": "Kuvaus"}],
                "paikkojenMaara": 10,
                "tyonJatkuvuus": "01",
                "tyoAika": "02",
                "tyoTunnitMaksimi": 40.0,
            },
            "osaamisvaatimukset": {
                "ammatit": [
                    {
                        "luokittelunNimi": "ESCO",
                        "luokiteltuArvo": ESCO + "occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50",
                    }
                ],
                "osaamiset": [
                    {
                        "luokittelunNimi": "ESCO",
                        "luokiteltuArvo": ESCO + "skill/a17286c5-238d-4f0b-bc24-29e9121345de",
                    }
                ],
                "kielitaidot": [{"kielitaito": "fi", "kielitaidonTaso": "C1"}],
                "ajokortti": {"vaaditutAjokorttiluokat": ["B"]},
                "kortitJaLuvat": {"lupaKoodit": []},
            },
            "sijainti": {"kunta": ["698"]},
            "hakeminen": {"hakuaikaPaattyy": "2022-12-30T22:00:00Z"},
        }
    ]
}


class EmployerRef(Schema):
    public_id: UUID
    name: str


class Language(Schema):
    code: str = Field(..., description="ISO 639-1 code: fi, sv, en, se...", examples=["sv"])
    level: str = Field(
        "", description="CEFR level A1-C2 or `native`; empty when not stated", examples=["B1"]
    )
    mandatory: bool = Field(True, description="Required (true) or an advantage (false)")


class CompetenceIn(Schema):
    uri: str = Field(
        ...,
        description="An ESCO skill URI, `urn:kohtaamo:licence:<code>` or "
        "`urn:eperusteet:tutkinnonosa:<id>`",
        examples=["urn:kohtaamo:licence:tyoturvallisuuskortti"],
    )
    essential: bool = Field(True, description="Essential (true) or optional (false)")
    importance: int = Field(2, ge=1, le=3, description="1 an advantage, 2 important, 3 essential")
    mandatory: bool = Field(
        False, description="A licence without which a person cannot be hired; must be essential"
    )


class CompetenceOut(CompetenceIn):
    kind: Literal["skill", "licence", "unit"]
    label: str = Field(description="The competence's label in the requested language")


class VacancyOut(Schema):
    public_id: UUID
    employer: EmployerRef
    title: str
    description: str
    occupation_uri: str | None = Field(description="The ESCO occupation")
    occupation_label: str | None
    other_occupations: list[str] = Field(description="Further ESCO occupations the ad names")
    municipality: str | None = Field(description="Statistics Finland municipality code")
    start_date: datetime.date | None
    end_date: datetime.date | None
    apply_by: datetime.date | None
    working_time: WorkingTime
    permanence: Permanence
    hours_per_week: float | None
    openings: int
    status: VacancyStatus
    source: VacancySource
    external_id: str = Field(description="The ad's id at its source (the platform's ilmoituksenID)")
    published_at: datetime.datetime | None
    languages: list[Language]
    exclude_on_missing_mandatory: bool = Field(
        description="Matching leaves out people who lack a mandatory licence or language "
        "(true) or shows them lower down with the gap (false)"
    )
    competences: list[CompetenceOut]


class VacancyIn(Schema):
    employer: UUID = Field(..., description="public_id of an employer your organisation works with")
    title: str = Field(..., min_length=1, max_length=300)
    description: str = ""
    occupation_uri: str | None = Field(None, description="An ESCO occupation URI")
    municipality: str | None = Field(None, description="Municipality code, e.g. 698", max_length=3)
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    apply_by: datetime.date | None = None
    working_time: WorkingTime = WorkingTime.FULL_TIME
    permanence: Permanence = Permanence.PERMANENT
    hours_per_week: float | None = Field(None, ge=0, le=80)
    openings: int = Field(1, ge=1)
    status: VacancyStatus = VacancyStatus.OPEN
    languages: list[Language] = []
    exclude_on_missing_mandatory: bool = Field(
        True,
        description="Leave out of the matches people who lack a mandatory licence or language "
        "(true), or show them lower down with the gap (false)",
    )
    competences: list[CompetenceIn] = []

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "employer": "6f1c2d9e-8a57-4c1e-9a43-0d6b1f0c2a11",
                    "title": "Kaivinkoneenkuljettaja",
                    "occupation_uri": "http://data.europa.eu/esco/occupation/"
                    "eedbf8b1-9432-4f42-ab7f-db5cd3eb2a05",
                    "municipality": "698",
                    "start_date": "2025-05-01",
                    "end_date": "2025-10-31",
                    "openings": 2,
                    "languages": [{"code": "sv", "level": "", "mandatory": False}],
                    "competences": [
                        {
                            "uri": "urn:kohtaamo:licence:tyoturvallisuuskortti",
                            "essential": True,
                            "importance": 3,
                            "mandatory": True,
                        },
                        {
                            "uri": "http://data.europa.eu/esco/skill/"
                            "28cb374e-6261-4133-8371-f9a5470145da",
                            "essential": False,
                            "importance": 1,
                        },
                    ],
                }
            ]
        }
    }


class VacancyFilters(Schema):
    status: VacancyStatus | None = None
    municipality: str | None = Field(None, max_length=3, description="Municipality code")
    occupation_uri: str | None = Field(None, max_length=200)
    employer: UUID | None = Field(None, description="public_id of the employer")
    lang: Lang | None = Field(None, description="Language of the labels; the UI language if empty")
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=200)


class VacancyPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[VacancyOut]


class ImportOut(Schema):
    created: list[VacancyOut]
    updated: list[VacancyOut] = Field(description="Ads imported before, updated from this file")
    warnings: list[str] = Field(description="What was left out or assumed, with its path")


class Problem(Schema):
    path: str
    message: str


class ImportProblems(Schema):
    detail: str
    errors: list[Problem]


class Error(Schema):
    detail: str


def serialise(vacancies: list[Vacancy], lang: str | None) -> list[dict]:
    """Vacancies as the API shows them; the labels of all of them in one query."""
    uris = {c.uri for v in vacancies for c in v.competences.all()}
    uris |= {v.occupation.uri for v in vacancies if v.occupation}
    labels = display_labels(sorted(uris), lang)
    return [_one(vacancy, labels) for vacancy in vacancies]


def _one(vacancy: Vacancy, labels: dict[str, str]) -> dict:
    occupation = vacancy.occupation.uri if vacancy.occupation else None
    return {
        "public_id": vacancy.public_id,
        "employer": {"public_id": vacancy.employer.public_id, "name": vacancy.employer.name},
        "title": vacancy.title,
        "description": vacancy.description,
        "occupation_uri": occupation,
        "occupation_label": labels.get(occupation) if occupation else None,
        "other_occupations": vacancy.other_occupations,
        "municipality": vacancy.municipality.code if vacancy.municipality else None,
        "start_date": vacancy.start_date,
        "end_date": vacancy.end_date,
        "apply_by": vacancy.apply_by,
        "working_time": vacancy.working_time,
        "permanence": vacancy.permanence,
        "hours_per_week": vacancy.hours_per_week,
        "openings": vacancy.openings,
        "status": vacancy.status,
        "source": vacancy.source,
        "external_id": vacancy.external_id,
        "published_at": vacancy.published_at,
        "languages": vacancy.languages,
        "exclude_on_missing_mandatory": vacancy.exclude_on_missing_mandatory,
        "competences": [
            {
                "uri": c.uri,
                "kind": c.kind,
                "essential": c.essential,
                "importance": c.importance,
                "mandatory": c.mandatory,
                "label": labels.get(c.uri, c.uri),
            }
            for c in vacancy.competences.all()
        ],
    }


def _loaded(queryset):
    return queryset.select_related("employer", "occupation", "municipality").prefetch_related(
        "competences"
    )


def _reloaded(vacancies: list[Vacancy]) -> list[Vacancy]:
    found = _loaded(Vacancy.objects.filter(pk__in=[v.pk for v in vacancies])).in_bulk()
    return [found[v.pk] for v in vacancies]


def validation_message(exc: ValidationError) -> str:
    """`field: message`, unless the message already starts with its own path."""
    if not hasattr(exc, "error_dict"):
        return "; ".join(exc.messages)
    parts = []
    for name, messages in exc.message_dict.items():
        for message in messages:
            named = name == "__all__" or message.startswith(f"{name}[")
            parts.append(message if named else f"{name}: {message}")
    return "; ".join(parts)


@router.get("", response=VacancyPage, summary="List vacancies")
def list_vacancies(request: HttpRequest, filters: Query[VacancyFilters]):
    """Open vacancies of the region, and every vacancy (drafts, filled, closed) of the employers
    your organisation works with. Newest first. A regional analyst sees none: vacancies are
    employers' records; aggregates are in the competence profiles."""
    vacancies = Vacancy.objects.visible_to(request.user)
    if filters.status:
        vacancies = vacancies.filter(status=filters.status)
    if filters.municipality:
        vacancies = vacancies.filter(municipality__code=filters.municipality.zfill(3))
    if filters.occupation_uri:
        vacancies = vacancies.filter(occupation__uri=filters.occupation_uri)
    if filters.employer:
        vacancies = vacancies.filter(employer__public_id=filters.employer)
    paginator = Paginator(_loaded(vacancies), filters.page_size)
    page = paginator.get_page(filters.page) if filters.page <= paginator.num_pages else []
    return {
        "count": paginator.count,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": serialise(list(page), filters.lang),
    }


@router.post(
    "",
    response={201: VacancyOut, 400: Error},
    summary="Create a vacancy",
)
def create(request: HttpRequest, body: VacancyIn):
    """Create a vacancy of an employer your organisation works with. Each competence URI must
    name a skill, licence or qualification unit; an unknown one is a 400 naming it and its
    position (`competences[2]: ...`)."""
    employer = Employer.objects.visible_to(request.user).filter(public_id=body.employer).first()
    if employer is None:
        return Status(
            400, {"detail": "employer: no such employer among your organisations' employers"}
        )
    fields = body.dict(exclude={"employer", "competences", "occupation_uri"})
    try:
        with translation.override(MESSAGES_LANGUAGE):
            vacancy = create_vacancy(
                actor=request.user,
                organisation=getattr(request, "organisation", None),
                employer=employer,
                competences=[c.dict() for c in body.competences],
                occupation=body.occupation_uri,
                source=VacancySource.MANUAL,
                **fields,
            )
    except ValidationError as exc:
        return Status(400, {"detail": validation_message(exc)})
    return Status(201, serialise(_reloaded([vacancy]), None)[0])


@router.post(
    "/import",
    response={201: ImportOut, 400: ImportProblems, 403: Error},
    summary="Import job ads of the job-market platform (Työmarkkinatori)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "The platform's job-ad JSON as it is: a whole response with "
            "`ilmoitukset`, or one ad.",
            "content": {"application/json": {"schema": {"type": "object"}, "example": EXAMPLE_AD}},
        }
    },
)
def import_ads(request: HttpRequest, employer: UUID | None = None):
    """The platform's JSON as it is. `ilmoituksenID` is the vacancy's external id: importing an
    ad again updates its vacancy. The first ESCO occupation of `ammatit` is the occupation (the
    others are listed in `other_occupations`), `osaamiset` become essential skills, driving
    licence classes and known card codes mandatory licences. The employer is found by
    `ilmoittajanYTunnus`, else the `employer` given here is used, else one of the ad's name is
    found or created for your organisation. Everything is written or nothing: an unknown ESCO
    URI or malformed JSON is a 400 naming the path, e.g.
    `ilmoitukset[0].osaamisvaatimukset.osaamiset[2]: unknown ESCO skill http://...`."""
    chosen = None
    if employer is not None:
        chosen = Employer.objects.visible_to(request.user).filter(public_id=employer).first()
        if chosen is None:
            return Status(400, _problems([("employer", "no such employer among your employers")]))
    try:
        data = tmt.loads(request.body)
        with translation.override(MESSAGES_LANGUAGE):
            result = import_tmt(
                actor=request.user,
                organisation=getattr(request, "organisation", None),
                data=data,
                employer=chosen,
            )
    except tmt.TmtError as exc:
        return Status(400, _problems(exc.errors))
    except ImportFailed as exc:
        return Status(400, _problems(exc.errors))
    except PermissionError as exc:
        raise HttpError(403, "Only members in a working role import vacancies") from exc
    return Status(
        201,
        {
            "created": serialise(_reloaded(result.created), None),
            "updated": serialise(_reloaded(result.updated), None),
            "warnings": result.warnings,
        },
    )


def _problems(errors: list[tuple[str, str]]) -> dict:
    return {
        "detail": "; ".join(f"{path}: {message}" for path, message in errors),
        "errors": [{"path": path, "message": message} for path, message in errors],
    }


@router.get("/{uuid:public_id}", response={200: VacancyOut, 404: Error}, summary="Read a vacancy")
def read_vacancy(request: HttpRequest, public_id: UUID, lang: Lang | None = None):
    """One vacancy with its competences. A vacancy you may not see is a 404."""
    vacancy = get_object_or_404(
        _loaded(Vacancy.objects.visible_to(request.user)), public_id=public_id
    )
    return serialise([vacancy], lang)[0]
