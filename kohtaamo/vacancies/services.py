"""Creating and changing vacancies, drafting them from text or a mapping, importing them.

Every change writes its audit event in the same transaction. Inputs are checked here, whoever
calls (a form, the API, an import): each competence URI must name a skill, licence or
qualification unit, the occupation must be an ESCO occupation, and the employer must be one of
the actor's organisations' employers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.competences.enums import CompetenceKind, Importance
from kohtaamo.competences.services import concept_kind, extract_competences, normalise_title
from kohtaamo.employers.models import EMPLOYER_ROLES, Employer
from kohtaamo.geo.models import Municipality
from kohtaamo.lang.extract import MERIT, NEGATED, REQUIREMENT
from kohtaamo.mappings.enums import MappingStatus, NeedPurpose
from kohtaamo.organisations.models import Membership, Organisation
from kohtaamo.taxonomy.enums import ConceptKind, RelationType
from kohtaamo.taxonomy.models import Concept, OccupationSkill
from kohtaamo.taxonomy.search import display_labels
from kohtaamo.vacancies import perms
from kohtaamo.vacancies.enums import Permanence, VacancySource, VacancyStatus
from kohtaamo.vacancies.languages import (
    ESCO_LANGUAGE_LABELS,
    LanguageError,
    normalise_language,
)
from kohtaamo.vacancies.models import Vacancy, VacancyCompetence

COMPETENCE_KINDS = {CompetenceKind.SKILL, CompetenceKind.LICENCE, CompetenceKind.UNIT}
FIELDS = (
    "title",
    "description",
    "occupation",
    "municipality",
    "start_date",
    "end_date",
    "apply_by",
    "working_time",
    "permanence",
    "hours_per_week",
    "openings",
    "languages",
    "exclude_on_missing_mandatory",
    "status",
    "source",
    "external_id",
    "mapping",
    "published_at",
    "other_occupations",
)


@dataclass
class CompetenceDraft:
    """A competence a vacancy asks for, before it is saved (or as the API and forms give it)."""

    uri: str
    kind: str = ""
    essential: bool = True
    importance: int = Importance.IMPORTANT
    mandatory: bool = False
    evidence: str = ""
    label: str = ""
    suggested: bool = False  # proposed from ESCO's relations, for a person to keep or drop


@dataclass
class VacancyDraft:
    """A prefilled, unsaved vacancy for a person to check and save."""

    title: str = ""
    description: str = ""
    occupation_uri: str = ""
    occupation_label: str = ""
    competences: list[CompetenceDraft] = field(default_factory=list)
    languages: list[dict] = field(default_factory=list)
    openings: int = 1
    permanence: str = Permanence.PERMANENT
    employer: Employer | None = None
    mapping: object | None = None
    source: str = VacancySource.MANUAL
    lang: str = "fi"


# -- who acts for which organisation -------------------------------------------------------------


def working_organisations(actor):
    """The active organisations where the actor has a working role (not a regional analyst)."""
    memberships = Membership.objects.active().filter(user=actor, role__in=EMPLOYER_ROLES)
    return Organisation.objects.filter(pk__in=memberships.values("organisation"))


def acting_organisation(
    actor, employer: Employer | None = None, preferred: Organisation | None = None
) -> Organisation | None:
    """The organisation a change is made for: the preferred (current) one when it works with
    the employer, else another of the actor's organisations that does, else any of them."""
    organisations = working_organisations(actor)
    candidates = [organisations]
    if employer is not None and employer.pk:
        partners = organisations.filter(pk__in=employer.partnerships.values("organisation"))
        candidates.insert(0, partners)
    for candidate in candidates:
        if preferred is not None and candidate.filter(pk=preferred.pk).exists():
            return preferred
        if (found := candidate.order_by("name").first()) is not None:
            return found
    return None


# -- checking input ------------------------------------------------------------------------------


def _competence(item: CompetenceDraft | Mapping, position: int) -> VacancyCompetence:
    data = item if isinstance(item, Mapping) else item.__dict__
    uri = str(data.get("uri") or "").strip()
    where = f"competences[{position}]"
    kind = concept_kind(uri) if uri else None
    if kind not in COMPETENCE_KINDS:
        problem = (
            _("%(where)s: %(uri)s is an occupation, not a skill, licence or unit")
            if kind == ConceptKind.OCCUPATION
            else _("%(where)s: no skill, licence or qualification unit has the URI %(uri)s")
        )
        raise ValidationError({"competences": problem % {"where": where, "uri": uri or "''"}})
    importance = data.get("importance", Importance.IMPORTANT)
    if importance not in Importance.values:
        raise ValidationError(
            {"competences": _("%(where)s: importance must be 1, 2 or 3") % {"where": where}}
        )
    essential, mandatory = bool(data.get("essential", True)), bool(data.get("mandatory", False))
    if mandatory and not essential:
        raise ValidationError(
            {
                "competences": _("%(where)s: a mandatory requirement must be essential")
                % {"where": where}
            }
        )
    return VacancyCompetence(
        uri=uri,
        kind=kind,
        essential=essential,
        importance=importance,
        mandatory=mandatory,
        evidence=str(data.get("evidence") or "")[:300],
    )


def _competences(items: Iterable) -> list[VacancyCompetence]:
    """Checked competences in the given order; a URI given twice is an error naming both."""
    checked, seen = [], {}
    for position, item in enumerate(items):
        competence = _competence(item, position)
        if competence.uri in seen:
            message = _("competences[%(i)s]: %(uri)s is already competences[%(j)s]") % {
                "i": position,
                "uri": competence.uri,
                "j": seen[competence.uri],
            }
            raise ValidationError({"competences": message})
        seen[competence.uri] = position
        checked.append(competence)
    return checked


def _occupation(value) -> Concept | None:
    if value in (None, ""):
        return None
    uri = value.uri if isinstance(value, Concept) else str(value).strip()
    found = Concept.objects.active().filter(uri=uri, kind=ConceptKind.OCCUPATION).first()
    if found is None:
        raise ValidationError({"occupation": _("%(uri)s is not an ESCO occupation") % {"uri": uri}})
    return found


def _municipality(value) -> Municipality | None:
    if value in (None, "") or isinstance(value, Municipality):
        return value or None
    found = Municipality.objects.filter(code=str(value).strip().zfill(3)).first()
    if found is None:
        raise ValidationError(
            {"municipality": _("%(code)s is not a municipality code") % {"code": value}}
        )
    return found


def _languages(items) -> list[dict]:
    checked = {}
    for position, item in enumerate(items or []):
        try:
            language = normalise_language(item)
        except LanguageError as exc:
            raise ValidationError({"languages": f"languages[{position}]: {exc}"}) from exc
        checked[language["code"]] = language
    return list(checked.values())


def _other_occupations(uris) -> list[str]:
    return [_occupation(uri).uri for uri in uris or []]


def _cleaned(fields: Mapping) -> dict:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown vacancy fields: {', '.join(sorted(unknown))}")
    cleaned = dict(fields)
    if "occupation" in cleaned:
        cleaned["occupation"] = _occupation(cleaned["occupation"])
    if "municipality" in cleaned:
        cleaned["municipality"] = _municipality(cleaned["municipality"])
    if "languages" in cleaned:
        cleaned["languages"] = _languages(cleaned["languages"])
    if "other_occupations" in cleaned:
        cleaned["other_occupations"] = _other_occupations(cleaned["other_occupations"])
    return cleaned


def _check_dates(vacancy: Vacancy) -> None:
    if vacancy.start_date and vacancy.end_date and vacancy.end_date < vacancy.start_date:
        raise ValidationError({"end_date": _("A vacancy cannot end before it starts.")})


def _validate(vacancy: Vacancy) -> None:
    _check_dates(vacancy)
    vacancy.full_clean()


def _save_competences(vacancy: Vacancy, competences: list[VacancyCompetence]) -> None:
    for competence in competences:
        competence.vacancy = vacancy
    VacancyCompetence.objects.bulk_create(competences)


# -- create, update, status ----------------------------------------------------------------------


@transaction.atomic
def create_vacancy(
    *,
    actor,
    organisation: Organisation | None,
    employer: Employer,
    competences: Iterable = (),
    **fields,
) -> Vacancy:
    """A new vacancy with its competences. Raises ValidationError naming the field (and the
    position of a bad competence), PermissionError when the actor does not work with the
    employer."""
    if not perms.can_edit_for(actor, employer):
        raise PermissionError("The actor's organisations do not work with this employer")
    organisation = acting_organisation(actor, employer, organisation)
    checked = _competences(competences)
    vacancy = Vacancy(employer=employer, organisation=organisation, created_by=actor)
    for name, value in _cleaned(fields).items():
        setattr(vacancy, name, value)
    _validate(vacancy)
    vacancy.save()
    _save_competences(vacancy, checked)
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=vacancy,
        organisation=organisation,
        detail={
            "employer": str(employer.public_id),
            "source": vacancy.source,
            "competences": len(checked),
        },
    )
    return vacancy


@transaction.atomic
def update_vacancy(
    *, actor, vacancy: Vacancy, competences: Iterable | None = None, **fields
) -> Vacancy:
    """Change fields and, when `competences` is given, replace the competences."""
    if not perms.can_edit(actor, vacancy):
        raise PermissionError("The actor's organisations do not work with this employer")
    checked = _competences(competences) if competences is not None else None
    changed = []
    for name, value in _cleaned(fields).items():
        if getattr(vacancy, name) != value:
            setattr(vacancy, name, value)
            changed.append(name)
    _validate(vacancy)
    vacancy.updated_at = timezone.now()
    vacancy.save()
    if checked is not None:
        vacancy.competences.all().delete()
        _save_competences(vacancy, checked)
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=vacancy,
        organisation=acting_organisation(actor, vacancy.employer),
        detail={"fields": changed, "competences": None if checked is None else len(checked)},
    )
    return vacancy


@transaction.atomic
def set_status(*, actor, vacancy: Vacancy, status: str) -> Vacancy:
    """Open, fill or close a vacancy (or return it to a draft); the change is audited."""
    if not perms.can_edit(actor, vacancy):
        raise PermissionError("The actor's organisations do not work with this employer")
    if status not in VacancyStatus.values:
        raise ValidationError({"status": _("%(status)s is not a status") % {"status": status}})
    previous = vacancy.status
    if previous == status:
        return vacancy
    vacancy.status = status
    vacancy.updated_at = timezone.now()
    vacancy.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=vacancy,
        organisation=acting_organisation(actor, vacancy.employer),
        detail={"status": [previous, status]},
    )
    return vacancy


# -- drafts --------------------------------------------------------------------------------------


def _importance(modality: str) -> int:
    return {REQUIREMENT: Importance.ESSENTIAL, MERIT: Importance.USEFUL}.get(
        modality, Importance.IMPORTANT
    )


def _language_codes(uris: list[str]) -> dict[str, str]:
    """ISO codes of the ESCO language skills among `uris`."""
    rows = Concept.objects.filter(uri__in=uris, label_en__in=ESCO_LANGUAGE_LABELS)
    return {uri: ESCO_LANGUAGE_LABELS[label] for uri, label in rows.values_list("uri", "label_en")}


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def draft_from_text(*, text: str, lang: str = "detect", organisation=None) -> VacancyDraft:
    """A vacancy prefilled from a job ad's text, for a person to confirm.

    Requirements become essential competences (a required licence is mandatory), merits
    optional ones; what the text says is not needed is left out. The occupation is the one the
    text names most surely, else the best match of its first line as a job title. Raises
    ValueError for an empty or too long text.
    """
    result = extract_competences(text=text, lang=lang, organisation=organisation)
    kept = [c for c in result.competences if c.suggestion.modality != NEGATED]
    draft = VacancyDraft(description=text.strip(), source=VacancySource.TEXT, lang=result.lang)
    _draft_occupation(draft, kept, text)
    draft.competences = _drafted_competences(kept)
    codes = _language_codes([c.uri for c in draft.competences])
    for competence in draft.competences:
        if competence.uri in codes:
            mandatory = competence.essential
            draft.languages.append(
                {"code": codes[competence.uri], "level": "", "mandatory": mandatory}
            )
    draft.languages = _languages(draft.languages)
    return draft


def _draft_occupation(draft: VacancyDraft, kept, text: str) -> None:
    occupations = [c for c in kept if c.suggestion.kind == ConceptKind.OCCUPATION]
    uri = ""
    if occupations:
        uri = max(occupations, key=lambda c: c.suggestion.confidence).suggestion.uri
    elif first := _first_line(text):
        _, matches = normalise_title(title=first[:300], lang=draft.lang, limit=1)
        uri = matches[0].uri if matches else ""
    if uri:
        draft.occupation_uri = uri
        draft.occupation_label = display_labels([uri], None).get(uri, "")
        draft.title = capitalised(display_labels([uri], draft.lang).get(uri, ""))
    if not draft.title:
        draft.title = _first_line(text)[:120]


def _drafted_competences(kept) -> list[CompetenceDraft]:
    drafted, seen = [], set()
    for item in kept:
        suggestion = item.suggestion
        if suggestion.kind not in COMPETENCE_KINDS or suggestion.uri in seen:
            continue
        seen.add(suggestion.uri)
        by_meaning = suggestion.method != "label"
        essential = suggestion.modality != MERIT and not by_meaning
        drafted.append(
            CompetenceDraft(
                uri=suggestion.uri,
                kind=suggestion.kind,
                essential=essential,
                importance=Importance.USEFUL if by_meaning else _importance(suggestion.modality),
                mandatory=(
                    essential
                    and suggestion.kind == CompetenceKind.LICENCE
                    and suggestion.modality == REQUIREMENT
                ),
                evidence=suggestion.evidence[:300],
                label=item.concept_label,
            )
        )
    return drafted


def draft_from_hire(*, mapping, hire) -> VacancyDraft:
    """A vacancy prefilled from a finished mapping's planned hire.

    The competences are the mapping's needs for new hires in that occupation or for the whole
    company (importance 2-3 essential, 1 optional, an essential licence mandatory), then the
    occupation's ESCO essential skills as optional suggestions for a person to keep or drop.
    """
    if mapping.status != MappingStatus.FINISHED:
        raise ValueError("Vacancies are drafted from finished mappings only")
    if hire.mapping_id != mapping.pk:
        raise ValueError("The planned hire is not in this mapping")
    occupation = hire.occupation
    needs = mapping.needs.filter(
        Q(occupation=occupation) | Q(occupation__isnull=True), purpose=NeedPurpose.HIRES
    )
    competences, seen = [], set()
    for need in needs:
        if need.uri in seen:
            continue
        seen.add(need.uri)
        essential = need.importance >= Importance.IMPORTANT
        competences.append(
            CompetenceDraft(
                uri=need.uri,
                kind=need.kind,
                essential=essential,
                importance=need.importance,
                mandatory=need.kind == CompetenceKind.LICENCE
                and need.importance == Importance.ESSENTIAL,
                evidence=need.evidence,
            )
        )
    esco = OccupationSkill.objects.filter(occupation=occupation, relation=RelationType.ESSENTIAL)
    for uri in esco.values_list("skill__uri", flat=True).order_by("skill__label_en"):
        if uri not in seen:
            seen.add(uri)
            competences.append(
                CompetenceDraft(
                    uri=uri,
                    kind=CompetenceKind.SKILL,
                    essential=False,
                    importance=Importance.USEFUL,
                    suggested=True,
                )
            )
    labels = display_labels([c.uri for c in competences] + [occupation.uri], None)
    for competence in competences:
        competence.label = labels.get(competence.uri, competence.uri)
    return VacancyDraft(
        title=capitalised(occupation.label_fi or occupation.label_en),
        occupation_uri=occupation.uri,
        occupation_label=labels.get(occupation.uri, occupation.label),
        competences=competences,
        openings=hire.count,
        permanence=Permanence.SEASONAL if hire.seasonal else Permanence.PERMANENT,
        employer=mapping.employer,
        mapping=mapping,
        source=VacancySource.MAPPING,
    )


def capitalised(label: str) -> str:
    """ESCO labels are in lower case; a vacancy's title starts with a capital."""
    return label[:1].upper() + label[1:]
