from contextlib import nullcontext
from typing import Literal

from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from kohtaamo.profiles import perms
from kohtaamo.profiles.enums import Audience
from kohtaamo.profiles.services import (
    OccupationProfile,
    UnknownArea,
    UnknownProfile,
    occupation_profile,
)

router = Router(tags=["profiles"])


class ProfileParams(Schema):
    audience: Literal["seeker", "counsellor"] = Field(
        "counsellor",
        description="seeker: the top skills and licences only; counsellor: everything",
    )
    area: str | None = Field(
        None,
        pattern=r"^(KU|SK|MK)\d{2,3}$",
        description="Only employers and vacancies in a municipality (KU698), sub-region "
        "(SK191) or region (MK19)",
    )
    lang: Literal["fi", "sv", "en"] | None = Field(
        None, description="Language of the labels; the user's language when empty"
    )


class UnitOut(Schema):
    uri: str
    name: str
    qualifications: list[str]


class CompetenceOut(Schema):
    uri: str
    kind: Literal["skill", "licence", "unit"]
    label: str
    weight: float = Field(description="0-1: employers' asks weighted by importance, averaged")
    employers: int = Field(description="Employers asking for it")
    share: float = Field(description="Share of the profile's employers asking for it")
    mappings: int
    vacancies: int
    esco_relation: Literal["essential", "optional", "addition"] | None = Field(
        description="How ESCO relates the skill to the occupations; addition: not at all "
        "(the employers' own addition); null for licences and units"
    )
    now: int = Field(description="Employers asking for it now or within 6 months")
    later: int = Field(description="Employers asking for it in 1-3 years")
    rising: bool
    units: list[UnitOut] = Field(description="Qualification units that teach it (top ones)")


class LicenceOut(Schema):
    uri: str
    label: str
    employers: int
    share: float
    vacancies: int = Field(description="Vacancies requiring it")
    vacancy_share: float
    course_days: float | None
    validity_years: int | None
    issuer: str
    units: list[UnitOut]


class OccupationOut(Schema):
    uri: str
    code: str
    label: str


class AreaOut(Schema):
    code: str
    name: str


class CountsOut(Schema):
    employers: int
    mappings: int
    vacancies: int
    open_vacancies: int
    openings_now: int = Field(description="People wanted now or within 6 months")
    openings_later: int = Field(description="People wanted in 1-3 years")


class EssentialOut(Schema):
    uri: str
    label: str
    occupations: int = Field(description="Occupations in scope for which ESCO lists it")


class PictureOut(Schema):
    isco: str
    latest_month: str
    unemployed: int
    vacancies: int
    unemployed_12m: float
    vacancies_12m: float
    tension: float | None
    peak_months: list[int]


class ProfileOut(Schema):
    key: str
    kind: Literal["isco", "occupation"]
    uri: str
    code: str
    title: str
    audience: Literal["seeker", "counsellor"]
    area: AreaOut | None
    occupations: list[OccupationOut]
    counts: CountsOut
    competences: list[CompetenceOut]
    licences: list[LicenceOut]
    esco_essentials_not_asked: list[EssentialOut]
    regional_picture: PictureOut | None


@router.get(
    "/{path:key}",
    response=ProfileOut,
    summary="Occupational competence profile",
    openapi_extra={"responses": {404: {"description": "No such ISCO group or occupation"}}},
)
def profile_endpoint(request: HttpRequest, key: str, params: Query[ProfileParams]):
    """What employers asked for in an occupation, from finished competence mappings and
    published vacancies, weighted and compared with ESCO.

    `key` is an ISCO code of 1-4 digits (`8342`: every ESCO occupation in the group), an ESCO
    occupation URI, URL-encoded, or its UUID alone (the occupation and its narrower ones).
    An aggregate over employers: any authenticated member may read it.
    """
    if not perms.can_view_profiles(request.user):
        raise HttpError(404, "Not found")
    language = translation.override(params.lang) if params.lang else nullcontext()
    with language:
        try:
            view = occupation_profile(key=key, area=params.area)
        except UnknownProfile:
            raise HttpError(404, f"No ISCO group or ESCO occupation {key!r}") from None
        except UnknownArea:
            raise HttpError(422, f"area: no municipality or region {params.area!r}") from None
        return _serialise(view, params.audience)


def _units(units) -> list[dict]:
    return [
        {"uri": u.uri, "name": u.name, "qualifications": [n for _, n in u.qualifications]}
        for u in units
    ]


def _serialise(view: OccupationProfile, audience: str) -> dict:
    seeker = audience == Audience.SEEKER
    competences = view.seeker_skills if seeker else view.competences
    licences = view.seeker_licences if seeker else view.licences
    picture = view.picture
    return {
        "key": view.scope.key,
        "kind": view.scope.kind,
        "uri": view.scope.concept.uri,
        "code": view.scope.concept.code,
        "title": view.title,
        "audience": audience,
        "area": {"code": view.area.code, "name": view.area.name} if view.area else None,
        "occupations": [{"uri": o.uri, "code": o.code, "label": o.label} for o in view.occupations],
        "counts": {
            name: getattr(view.profile, name)
            for name in CountsOut.model_fields  # the profile's own counts, by the same names
        },
        "competences": [{**vars(c), "units": _units(c.units)} for c in competences],
        "licences": [
            {
                **{k: v for k, v in vars(lic).items() if k != "description"},
                "units": _units(lic.units),
            }
            for lic in licences
        ],
        "esco_essentials_not_asked": []
        if seeker
        else [
            {"uri": u, "label": label, "occupations": n} for u, label, n in view.unasked_essentials
        ],
        "regional_picture": {**vars(picture), "tension": picture.tension} if picture else None,
    }
