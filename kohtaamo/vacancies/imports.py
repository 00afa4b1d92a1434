"""Importing vacancies: the job-market platform's job-ad JSON and CSV files.

A file is all or nothing: every ad or row is checked and written in one transaction, and any
problem rolls the whole file back and is reported as (where, what) pairs, so that the sender
can fix everything at once. An import writes one IMPORT audit event besides the CREATE and
UPDATE events of the vacancies themselves.

Re-importing a platform ad (same `ilmoituksenID`) updates the vacancy imported before instead of
making a second one: the ad on the platform is the source, and its edits should reach the
vacancy. The vacancy keeps its employer and status. An ad imported for an employer the
importer's organisations do not work with cannot be updated by them and is an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.competences.enums import CompetenceKind, Importance
from kohtaamo.competences.services import concept_kind
from kohtaamo.employers import businessid
from kohtaamo.employers.models import Employer, EmployerPartnership
from kohtaamo.geo.models import Municipality
from kohtaamo.taxonomy.enums import ConceptKind
from kohtaamo.taxonomy.models import Concept, Licence
from kohtaamo.vacancies import csvfile, perms, tmt
from kohtaamo.vacancies.enums import VacancySource
from kohtaamo.vacancies.models import Vacancy
from kohtaamo.vacancies.services import (
    CompetenceDraft,
    acting_organisation,
    create_vacancy,
    update_vacancy,
)

LICENCE_PREFIX = Licence.URI_PREFIX
DRIVING_LICENCE = "ajokortti-{}"


class ImportFailed(Exception):
    """Nothing was written; `errors` lists (where, what) pairs."""

    def __init__(self, errors: list[tuple[str, str]]):
        self.errors = errors
        super().__init__("; ".join(f"{where}: {what}" for where, what in errors))


@dataclass
class ImportResult:
    created: list[Vacancy] = field(default_factory=list)
    updated: list[Vacancy] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _importer(actor, organisation):
    organisation = acting_organisation(actor, None, organisation)
    if organisation is None:
        raise PermissionError("Only members in a working role import vacancies")
    return organisation


def _record_import(actor, organisation, kind: str, result: ImportResult) -> None:
    audit.record(
        actor=actor,
        action=AuditAction.IMPORT,
        object_type=Vacancy._meta.label_lower,
        organisation=organisation,
        detail={
            "format": kind,
            "created": [str(v.public_id) for v in result.created],
            "updated": [str(v.public_id) for v in result.updated],
        },
    )


def _field_errors(where: str, exc: ValidationError) -> list[tuple[str, str]]:
    if hasattr(exc, "error_dict"):
        return [
            (where, f"{name}: {message}" if name != "__all__" else message)
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    return [(where, message) for message in exc.messages]


# -- the job-market platform ---------------------------------------------------------------------


def import_tmt(*, actor, organisation, data: object, employer: Employer | None = None):
    """Import the ads of a platform response (or one ad), already decoded from JSON.

    The employer is found by the ad's business id among the actor's employers, else `employer`
    is used, else an employer of the ad's name is found or created (without a business id when
    the ad's is invalid, with a warning saying so) for the importing organisation.
    """
    organisation = _importer(actor, organisation)
    try:
        ads = tmt.parse(data)
    except tmt.TmtError as exc:
        raise ImportFailed(exc.errors) from exc
    result, errors = ImportResult(), []
    with transaction.atomic():
        for ad in ads:
            _import_ad(actor, organisation, ad, employer, result, errors)
        if errors:
            raise ImportFailed(errors)
        _record_import(actor, organisation, "tmt", result)
    return result


def _import_ad(actor, organisation, ad: tmt.TmtAd, employer, result, errors) -> None:
    problems: list[tuple[str, str]] = []
    warnings = list(ad.warnings)
    occupations = [_esco(item, ConceptKind.OCCUPATION, problems) for item in ad.occupations]
    competences = [
        CompetenceDraft(uri=item.value, essential=True, importance=Importance.IMPORTANT)
        for item in ad.skills
        if _esco(item, ConceptKind.SKILL, problems)
    ]
    competences += _licences(ad, warnings)
    existing = Vacancy.objects.filter(source=VacancySource.TMT, external_id=ad.external_id).first()
    if existing is not None and not perms.can_edit(actor, existing):
        problems.append(
            (tmt.join(ad.path, "ilmoituksenID"), _("imported before for another organisation"))
        )
    if problems:
        errors.extend(problems)
        return
    fields = _tmt_fields(ad, [uri for uri in occupations if uri], warnings)
    try:
        with transaction.atomic():
            if existing is not None:
                update_vacancy(
                    actor=actor, vacancy=existing, competences=_unique(competences), **fields
                )
                result.updated.append(existing)
            else:
                owner = _tmt_employer(actor, organisation, ad, employer, warnings, errors)
                if owner is None:
                    return
                vacancy = create_vacancy(
                    actor=actor,
                    organisation=organisation,
                    employer=owner,
                    competences=_unique(competences),
                    source=VacancySource.TMT,
                    external_id=ad.external_id,
                    **fields,
                )
                result.created.append(vacancy)
    except ValidationError as exc:
        errors.extend(_field_errors(ad.path or "$", exc))
        return
    result.warnings.extend(warnings)


def _esco(item: tmt.Located, kind: str, problems: list) -> str | None:
    if concept_kind(item.value) == kind:
        return item.value
    what = (
        _("unknown ESCO occupation") if kind == ConceptKind.OCCUPATION else _("unknown ESCO skill")
    )
    problems.append((item.path, f"{what} {item.value}"))
    return None


def _unique(competences: list[CompetenceDraft]) -> list[CompetenceDraft]:
    seen: dict[str, CompetenceDraft] = {}
    for competence in competences:
        seen.setdefault(competence.uri, competence)
    return list(seen.values())


def licence_codes() -> dict[str, str]:
    """Licence codes by their code, names and aliases, in lower case."""
    codes = {}
    rows = Licence.objects.values_list("code", "name_fi", "name_sv", "name_en", "aliases")
    for code, *names, aliases in rows:
        codes[code.lower()] = code
        for name in [*names, *(aliases or [])]:
            codes.setdefault(str(name).lower(), code)
    return codes


def _licences(ad: tmt.TmtAd, warnings: list[str]) -> list[CompetenceDraft]:
    """Driving licence classes and card codes as mandatory licences; unknown ones are warned."""
    codes, found = licence_codes(), []
    wanted = [(item, DRIVING_LICENCE.format(item.value.lower())) for item in ad.driving_classes]
    wanted += [(item, codes.get(item.value.lower(), "")) for item in ad.permit_codes]
    for item, code in wanted:
        if code and code in codes.values():
            found.append(
                CompetenceDraft(
                    uri=LICENCE_PREFIX + code,
                    essential=True,
                    importance=Importance.ESSENTIAL,
                    mandatory=True,
                )
            )
        else:
            warnings.append(
                f"{item.path}: {_('no licence in Kohtaamo matches the code')} {item.value!r}"
            )
    return found


def _tmt_fields(ad: tmt.TmtAd, occupations: list[str], warnings: list[str]) -> dict:
    fields = {
        "title": ad.title,
        "description": ad.description,
        "openings": ad.openings,
        "occupation": occupations[0] if occupations else None,
        "other_occupations": occupations[1:],
        "languages": ad.languages,
        "hours_per_week": ad.hours_per_week,
        "apply_by": ad.apply_by,
        "published_at": ad.published_at,
        "municipality": _tmt_municipality(ad, warnings),
    }
    if ad.working_time:
        fields["working_time"] = ad.working_time
    if ad.permanence:
        fields["permanence"] = ad.permanence
    return fields


def _tmt_municipality(ad: tmt.TmtAd, warnings: list[str]) -> Municipality | None:
    """The first municipality of the ad that Kohtaamo knows; the others are warned about."""
    known = Municipality.objects.in_bulk(
        [item.value.zfill(3) for item in ad.municipality_codes], field_name="code"
    )
    chosen = None
    for item in ad.municipality_codes:
        municipality = known.get(item.value.zfill(3))
        if municipality is None:
            warnings.append(f"{item.path}: {_('unknown municipality code')} {item.value!r}")
        elif chosen is None:
            chosen = municipality
        else:
            warnings.append(
                f"{item.path}: "
                + _("a vacancy has one municipality; %(name)s (%(code)s) is left out")
                % {"name": municipality.name, "code": municipality.code}
            )
    return chosen


def _tmt_employer(actor, organisation, ad, employer, warnings, errors) -> Employer | None:
    where = tmt.join(ad.path, "ilmoittajanYTunnus")
    business_id = _valid_business_id(ad.business_id, where, warnings)
    visible = Employer.objects.visible_to(actor)
    if business_id and (found := visible.filter(business_id=business_id).first()):
        return found
    if employer is not None:
        return employer
    if business_id and Employer.objects.filter(business_id=business_id).exists():
        errors.append(
            (
                where,
                _("your organisations do not work with the employer %(id)s") % {"id": business_id},
            )
        )
        return None
    if not ad.employer_name:
        errors.append((tmt.join(ad.path, "ilmoittajanNimi"), _("the ad names no employer")))
        return None
    same_name = visible.filter(name__iexact=ad.employer_name, business_id=business_id or "")
    if found := same_name.first():
        return found
    created = _create_employer(actor, organisation, ad.employer_name, business_id or "")
    warnings.append(
        f"{ad.path or '$'}: "
        + _("a new employer %(name)s was created for %(organisation)s")
        % {"name": created.name, "organisation": organisation.name}
    )
    return created


def _valid_business_id(value: str, where: str, warnings: list[str]) -> str:
    if not value:
        return ""
    try:
        return businessid.normalise(value)
    except businessid.InvalidBusinessId as exc:
        warnings.append(f"{where}: {exc}; " + _("the employer is matched by name instead"))
        return ""


def _create_employer(actor, organisation, name: str, business_id: str) -> Employer:
    employer = Employer.objects.create(name=name, business_id=business_id, created_by=actor)
    EmployerPartnership.objects.create(employer=employer, organisation=organisation, added_by=actor)
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=employer,
        organisation=organisation,
        detail={"source": "tmt import"},
    )
    return employer


# -- CSV -----------------------------------------------------------------------------------------


def import_csv(*, actor, organisation, raw: bytes) -> ImportResult:
    """Import a vacancies CSV (see `kohtaamo.vacancies.csvfile`); all rows or none."""
    organisation = _importer(actor, organisation)
    try:
        rows = csvfile.read_rows(raw)
    except csvfile.CsvError as exc:
        raise ImportFailed(exc.errors) from exc
    result, errors = ImportResult(), []
    with transaction.atomic():
        lookups = _CsvLookups(actor)
        for row in rows:
            _import_row(actor, organisation, row, lookups, result, errors)
        if errors:
            raise ImportFailed(errors)
        _record_import(actor, organisation, "csv", result)
    return result


class _CsvLookups:
    """Employers, occupations and municipalities, each looked up once per file."""

    def __init__(self, actor):
        self.employers = {
            e.business_id: e for e in Employer.objects.visible_to(actor).exclude(business_id="")
        }
        self.licences = licence_codes()

    def employer(self, value: str) -> Employer:
        try:
            business_id = businessid.normalise(value)
        except businessid.InvalidBusinessId as exc:
            raise ValueError(str(exc)) from exc
        if business_id not in self.employers:
            raise ValueError(
                _("no employer with the business id %(id)s among your organisations' employers")
                % {"id": business_id}
            )
        return self.employers[business_id]

    def occupation(self, value: str) -> str | None:
        if not value:
            return None
        occupations = Concept.objects.active().filter(kind=ConceptKind.OCCUPATION)
        found = occupations.filter(uri=value).first() or occupations.filter(code=value).first()
        if found is not None:
            return found.uri
        narrower = list(
            occupations.filter(code__startswith=f"{value}.").values_list("code", flat=True)[:5]
        )
        if narrower:
            raise ValueError(
                _("%(code)s is an ISCO group; give one of its occupations, e.g. %(codes)s")
                % {"code": value, "codes": ", ".join(sorted(narrower))}
            )
        raise ValueError(_("%(value)s is not an ESCO occupation URI or code") % {"value": value})

    def municipality(self, value: str) -> Municipality | None:
        if not value:
            return None
        found = (
            Municipality.objects.filter(code=value.zfill(3)).first()
            if value.isdigit()
            else Municipality.objects.filter(name_fi__iexact=value).first()
            or Municipality.objects.filter(name_sv__iexact=value).first()
        )
        if found is None:
            raise ValueError(_("%(value)s is not a municipality") % {"value": value})
        return found

    def licence(self, value: str) -> str:
        code = self.licences.get(value.removeprefix(LICENCE_PREFIX).lower())
        if code is None:
            raise ValueError(_("%(value)s is not a licence or card") % {"value": value})
        return LICENCE_PREFIX + code


PARSERS = {
    "openings": csvfile.parse_count,
    "start_date": csvfile.parse_date,
    "end_date": csvfile.parse_date,
    "hours_per_week": csvfile.parse_decimal,
    "working_time": csvfile.parse_working_time,
}


def _import_row(actor, organisation, row: csvfile.Row, lookups, result, errors) -> None:
    where = f"row {row.number}"
    problems, fields = [], {"title": row.get("title")[:300], "description": row.get("description")}
    for column, parse in (
        ("occupation", lookups.occupation),
        ("municipality", lookups.municipality),
        *PARSERS.items(),
    ):
        try:
            value = parse(row.get(column))
        except ValueError as exc:
            problems.append((where, f"{column}: {exc}"))
        else:
            if value is not None:
                fields[column] = value
    employer = None
    try:
        employer = lookups.employer(row.get("employer_business_id"))
    except ValueError as exc:
        problems.append((where, f"employer_business_id: {exc}"))
    competences = _row_competences(row, lookups, problems)
    if problems:
        errors.extend(problems)
        return
    try:
        with transaction.atomic():
            vacancy = create_vacancy(
                actor=actor,
                organisation=organisation,
                employer=employer,
                competences=competences,
                source=VacancySource.CSV,
                **fields,
            )
    except ValidationError as exc:
        errors.extend(_field_errors(where, exc))
    else:
        result.created.append(vacancy)


def _row_competences(row: csvfile.Row, lookups, problems: list) -> list[CompetenceDraft]:
    where = f"row {row.number}"
    found: dict[str, CompetenceDraft] = {}
    for column, essential in (("essential_skills", True), ("optional_skills", False)):
        for position, uri in enumerate(row.items(column)):
            if concept_kind(uri) not in (
                CompetenceKind.SKILL,
                CompetenceKind.LICENCE,
                CompetenceKind.UNIT,
            ):
                problems.append(
                    (
                        where,
                        f"{column}[{position}]: " + _("unknown competence %(uri)s") % {"uri": uri},
                    )
                )
                continue
            importance = Importance.IMPORTANT if essential else Importance.USEFUL
            found.setdefault(
                uri, CompetenceDraft(uri=uri, essential=essential, importance=importance)
            )
    for position, value in enumerate(row.items("licences")):
        try:
            uri = lookups.licence(value)
        except ValueError as exc:
            problems.append((where, f"licences[{position}]: {exc}"))
            continue
        found[uri] = CompetenceDraft(
            uri=uri, essential=True, importance=Importance.ESSENTIAL, mandatory=True
        )
    return list(found.values())
