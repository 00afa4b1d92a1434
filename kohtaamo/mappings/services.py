"""Competence mapping interviews: drafts, finishing, versions, needs from free text.

Every function is keyword-only, runs in one transaction and writes its audit event in it. A
finished mapping is never changed: `revise_mapping` copies it into a new draft, and finishing
that draft gives it the next version number of the employer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.competences.enums import CompetenceKind, Importance
from kohtaamo.competences.services import concept_kind, extract_competences
from kohtaamo.employers.models import Employer
from kohtaamo.lang.extract import MENTION, MERIT, NEGATED, REQUIREMENT
from kohtaamo.mappings import perms
from kohtaamo.mappings.enums import Horizon, MappingStatus, NeedPurpose, NeedSource, Support
from kohtaamo.mappings.models import CompetenceMapping, CompetenceNeed, PlannedHire, WorkforceEntry
from kohtaamo.taxonomy.models import Concept

NEED_KINDS = [CompetenceKind.SKILL, CompetenceKind.LICENCE, CompetenceKind.UNIT]
IMPORTANCE_BY_MODALITY = {REQUIREMENT: Importance.ESSENTIAL, MERIT: Importance.USEFUL}
MAX_EVIDENCE = 300
WILLINGNESS_FIELDS = [
    "offers_work_trials",
    "offers_apprenticeships",
    "offers_training_agreements",
    "offers_student_placements",
    "offers_shared_employment",
]


@dataclass(frozen=True)
class WorkforceRow:
    occupation: Concept
    count: int
    title: str = ""
    note: str = ""


@dataclass(frozen=True)
class HireRow:
    occupation: Concept
    count: int
    horizon: str = Horizon.NOW
    seasonal: bool = False
    title: str = ""
    note: str = ""


@dataclass(frozen=True)
class NeedRow:
    uri: str
    importance: int = Importance.IMPORTANT
    horizon: str = Horizon.NOW
    purpose: str = NeedPurpose.HIRES
    occupation: Concept | None = None
    source: str = NeedSource.SEARCH
    evidence: str = ""


@dataclass
class MappingAnswers:
    """Everything a draft holds: what `save_draft` writes in place of the previous answers."""

    visit_date: date
    workforce: list[WorkforceRow] = field(default_factory=list)
    planned_hires: list[HireRow] = field(default_factory=list)
    needs: list[NeedRow] = field(default_factory=list)
    offers_work_trials: bool = False
    offers_apprenticeships: bool = False
    offers_training_agreements: bool = False
    offers_student_placements: bool = False
    offers_shared_employment: bool = False
    willingness_note: str = ""
    unknown_support: list[str] = field(default_factory=list)
    staff_development_note: str = ""
    notes: str = ""


@dataclass(frozen=True)
class TextSuggestion:
    """A competence the free text names, proposed as a need for the coordinator to confirm."""

    uri: str
    kind: str
    label: str
    modality: str
    importance: int
    evidence: str
    confidence: float
    by_meaning: bool

    @property
    def proposed(self) -> bool:
        """Checked by default: named in the text's own words with good confidence."""
        return not self.by_meaning and self.confidence >= 0.8


def answers_of(mapping: CompetenceMapping) -> MappingAnswers:
    """The stored answers of a mapping, e.g. to change one thing and save them again."""
    return MappingAnswers(
        visit_date=mapping.visit_date,
        workforce=[
            WorkforceRow(w.occupation, w.count, w.title, w.note)
            for w in mapping.workforce.select_related("occupation")
        ],
        planned_hires=[
            HireRow(h.occupation, h.count, h.horizon, h.seasonal, h.title, h.note)
            for h in mapping.planned_hires.select_related("occupation")
        ],
        needs=[row for row, _kind in _stored_needs(mapping)],
        **{name: getattr(mapping, name) for name in WILLINGNESS_FIELDS},
        willingness_note=mapping.willingness_note,
        unknown_support=list(mapping.unknown_support),
        staff_development_note=mapping.staff_development_note,
        notes=mapping.notes,
    )


@transaction.atomic
def start_mapping(*, actor, employer: Employer, organisation) -> CompetenceMapping:
    """The employer's open draft, or a new one (copying the newest finished version, if any).

    An employer has at most one draft, so that two coordinators never fill in two diverging
    interviews of the same company.
    """
    if not perms.interviewing_organisations(actor, employer).filter(pk=organisation.pk).exists():
        raise PermissionError("The organisation does not work with the employer")
    Employer.objects.select_for_update().filter(pk=employer.pk).first()
    if draft := employer.mappings.filter(status=MappingStatus.DRAFT).first():
        return draft
    newest = employer.mappings.current().order_by("-version").first()
    if newest is not None:
        return _copy_into_draft(actor=actor, mapping=newest, organisation=organisation)
    mapping = CompetenceMapping.objects.create(
        employer=employer, organisation=organisation, interviewer=actor
    )
    audit.record(actor=actor, action=AuditAction.CREATE, obj=mapping, organisation=organisation)
    return mapping


@transaction.atomic
def save_draft(*, actor, mapping: CompetenceMapping, data: MappingAnswers) -> CompetenceMapping:
    """Replace the draft's answers and rows with `data`. A finished mapping refuses."""
    mapping = _editable(actor, mapping)
    needs = _checked_needs(data.needs)
    _check_rows(data)
    unknown = [code for code in data.unknown_support if code not in Support.values]
    if unknown:
        raise ValidationError(
            {"unknown_support": _("Unknown support: %(codes)s") % {"codes": ", ".join(unknown)}}
        )
    mapping.visit_date = data.visit_date
    for name in WILLINGNESS_FIELDS:
        setattr(mapping, name, bool(getattr(data, name)))
    mapping.willingness_note = data.willingness_note.strip()
    mapping.unknown_support = [code for code in Support.values if code in data.unknown_support]
    mapping.staff_development_note = data.staff_development_note.strip()
    mapping.notes = data.notes.strip()
    mapping.updated_at = timezone.now()
    mapping.save()
    _replace_rows(mapping, data, needs)
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=mapping,
        organisation=mapping.organisation,
        detail={
            "workforce": len(data.workforce),
            "planned_hires": len(data.planned_hires),
            "needs": len(needs),
        },
    )
    return mapping


def _editable(actor, mapping: CompetenceMapping) -> CompetenceMapping:
    """The mapping, locked and re-read: a draft the actor may change, or a clear refusal."""
    if not perms.can_work_with_employer(actor, mapping.employer):
        raise PermissionError("The user does not work with the employer")
    mapping = CompetenceMapping.objects.select_for_update().get(pk=mapping.pk)
    if not mapping.is_draft:
        raise ValidationError(
            _("Version %(version)s is finished and cannot be changed: start a new version.")
            % {"version": mapping.version}
        )
    return mapping


def _checked_needs(rows: list[NeedRow]) -> list[tuple[NeedRow, str]]:
    """Each need with its kind; the first of duplicates only. Unknown URIs are named."""
    checked, seen = [], set()
    for number, row in enumerate(rows, start=1):
        kind = concept_kind(row.uri)
        if kind not in NEED_KINDS:
            raise ValidationError(
                {
                    "needs": _(
                        "Competence need %(number)s: %(uri)s is not a known skill, licence or "
                        "qualification unit."
                    )
                    % {"number": number, "uri": row.uri}
                }
            )
        _check_choice("needs", number, row.horizon, Horizon)
        _check_choice("needs", number, row.purpose, NeedPurpose)
        _check_choice("needs", number, row.source, NeedSource)
        _check_choice("needs", number, row.importance, Importance)
        if row.occupation is not None:
            _check_occupation("needs", number, row.occupation)
        key = (row.uri, row.purpose, row.occupation.pk if row.occupation else None)
        if key not in seen:
            seen.add(key)
            checked.append((row, kind))
    return checked


def _check_rows(data: MappingAnswers) -> None:
    for name, rows in (("workforce", data.workforce), ("planned_hires", data.planned_hires)):
        for number, row in enumerate(rows, start=1):
            _check_occupation(name, number, row.occupation)
            if row.count < 1:
                raise ValidationError(
                    {name: _("Row %(number)s: give at least one person.") % {"number": number}}
                )
    for number, row in enumerate(data.planned_hires, start=1):
        _check_choice("planned_hires", number, row.horizon, Horizon)


def _check_occupation(name: str, number: int, occupation: Concept) -> None:
    if occupation.kind != "occupation":
        raise ValidationError(
            {
                name: _("Row %(number)s: %(uri)s is not an occupation.")
                % {"number": number, "uri": occupation.uri}
            }
        )


def _check_choice(name: str, number: int, value, choices) -> None:
    if value not in choices.values:
        raise ValidationError(
            {
                name: _("Row %(number)s: %(value)s is not a valid choice.")
                % {"number": number, "value": value}
            }
        )


def _replace_rows(mapping, data: MappingAnswers, needs: list[tuple[NeedRow, str]]) -> None:
    mapping.workforce.all().delete()
    mapping.planned_hires.all().delete()
    mapping.needs.all().delete()
    WorkforceEntry.objects.bulk_create(
        WorkforceEntry(
            mapping=mapping, occupation=r.occupation, title=r.title, count=r.count, note=r.note
        )
        for r in data.workforce
    )
    PlannedHire.objects.bulk_create(
        PlannedHire(
            mapping=mapping,
            occupation=r.occupation,
            title=r.title,
            count=r.count,
            horizon=r.horizon,
            seasonal=r.seasonal,
            note=r.note,
        )
        for r in data.planned_hires
    )
    CompetenceNeed.objects.bulk_create(
        CompetenceNeed(
            mapping=mapping,
            uri=row.uri,
            kind=kind,
            occupation=row.occupation,
            importance=row.importance,
            horizon=row.horizon,
            purpose=row.purpose,
            source=row.source,
            evidence=row.evidence[:MAX_EVIDENCE],
        )
        for row, kind in needs
    )


def text_suggestions(*, text: str, lang: str = "detect", organisation=None) -> list:
    """What the free text names that could be a need: the negated ones are left out.

    Raises ValueError (with the reason) on empty or too long text.
    """
    result = extract_competences(
        text=text,
        lang=lang,
        organisation=organisation,
        kinds=list(NEED_KINDS),
        default_modality=MENTION,
    )
    return [
        TextSuggestion(
            uri=c.suggestion.uri,
            kind=c.suggestion.kind,
            label=c.concept_label,
            modality=c.suggestion.modality,
            importance=IMPORTANCE_BY_MODALITY.get(c.suggestion.modality, Importance.IMPORTANT),
            evidence=c.suggestion.evidence[:MAX_EVIDENCE],
            confidence=c.suggestion.confidence,
            by_meaning=c.suggestion.method == "meaning",
        )
        for c in result.competences
        if c.suggestion.modality != NEGATED
    ]


@transaction.atomic
def add_needs_from_text(
    *,
    actor,
    mapping: CompetenceMapping,
    text: str,
    lang: str = "detect",
    uris: list[str] | None = None,
    purpose: str = NeedPurpose.HIRES,
) -> list[CompetenceNeed]:
    """Add the competences the text names as needs: a requirement is essential, a merit useful.

    With `uris`, only those of the text's suggestions are added (the ones the coordinator
    checked); without, every suggestion named in the text's own words. Needs the mapping
    already has for the same purpose are not added twice.
    """
    mapping = _editable(actor, mapping)
    if purpose not in NeedPurpose.values:
        raise ValidationError({"purpose": _("Choose whom the needs are for.")})
    suggestions = text_suggestions(text=text, lang=lang, organisation=mapping.organisation)
    chosen = [s for s in suggestions if (s.uri in uris if uris is not None else not s.by_meaning)]
    have = set(mapping.needs.filter(purpose=purpose).values_list("uri", flat=True))
    added = []
    for s in chosen:
        if s.uri in have:
            continue
        have.add(s.uri)
        added.append(
            CompetenceNeed(
                mapping=mapping,
                uri=s.uri,
                kind=s.kind,
                importance=s.importance,
                purpose=purpose,
                source=NeedSource.TEXT,
                evidence=s.evidence,
            )
        )
    CompetenceNeed.objects.bulk_create(added)
    mapping.updated_at = timezone.now()
    mapping.save(update_fields=["updated_at"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=mapping,
        organisation=mapping.organisation,
        detail={"added_needs": len(added), "source": NeedSource.TEXT},
    )
    return added


@transaction.atomic
def finish_mapping(*, actor, mapping: CompetenceMapping) -> CompetenceMapping:
    """Give the draft the employer's next version number and make it read-only."""
    mapping = _editable(actor, mapping)
    if not (mapping.workforce.exists() or mapping.planned_hires.exists() or mapping.needs.exists()):
        raise ValidationError(
            _(
                "Add at least one planned hire, competence need or row of current workforce "
                "before finishing the mapping."
            )
        )
    Employer.objects.select_for_update().filter(pk=mapping.employer_id).first()
    newest = CompetenceMapping.objects.filter(
        employer=mapping.employer_id, status=MappingStatus.FINISHED
    ).aggregate(newest=Max("version"))["newest"]
    mapping.version = (newest or 0) + 1
    mapping.status = MappingStatus.FINISHED
    mapping.finished_at = mapping.updated_at = timezone.now()
    mapping.save(update_fields=["version", "status", "finished_at", "updated_at"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=mapping,
        organisation=mapping.organisation,
        detail={"status": MappingStatus.FINISHED, "version": mapping.version},
    )
    return mapping


@transaction.atomic
def revise_mapping(*, actor, mapping: CompetenceMapping, organisation=None) -> CompetenceMapping:
    """A new draft copied from a finished version, which itself stays as it was.

    Only the newest version is revised; if a draft of the employer is open already, that
    draft is returned instead of a second one.
    """
    if not perms.can_work_with_employer(actor, mapping.employer):
        raise PermissionError("The user does not work with the employer")
    if mapping.is_draft:
        raise ValidationError(_("Only a finished mapping can be revised."))
    Employer.objects.select_for_update().filter(pk=mapping.employer_id).first()
    if draft := mapping.employer.mappings.filter(status=MappingStatus.DRAFT).first():
        return draft
    newer = CompetenceMapping.objects.filter(
        employer=mapping.employer_id, version__gt=mapping.version
    )
    if newest := newer.order_by("-version").first():
        raise ValidationError(
            _("Version %(old)s is not the newest: start from version %(new)s.")
            % {"old": mapping.version, "new": newest.version}
        )
    return _copy_into_draft(
        actor=actor, mapping=mapping, organisation=organisation or mapping.organisation
    )


def _copy_into_draft(*, actor, mapping: CompetenceMapping, organisation) -> CompetenceMapping:
    draft = CompetenceMapping.objects.create(
        employer=mapping.employer,
        organisation=organisation,
        interviewer=actor,
        previous=mapping,
        **{name: getattr(mapping, name) for name in WILLINGNESS_FIELDS},
        willingness_note=mapping.willingness_note,
        unknown_support=list(mapping.unknown_support),
        staff_development_note=mapping.staff_development_note,
        notes=mapping.notes,
    )
    answers = answers_of(mapping)
    _replace_rows(draft, answers, _stored_needs(mapping))
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=draft,
        organisation=organisation,
        detail={"previous": str(mapping.public_id), "previous_version": mapping.version},
    )
    return draft


def _stored_needs(mapping: CompetenceMapping) -> list[tuple[NeedRow, str]]:
    """The stored needs with their kinds (validated when they were saved)."""
    return [
        (
            NeedRow(n.uri, n.importance, n.horizon, n.purpose, n.occupation, n.source, n.evidence),
            n.kind,
        )
        for n in mapping.needs.select_related("occupation").order_by("id")
    ]


@transaction.atomic
def record_report_view(*, actor, mapping: CompetenceMapping) -> None:
    audit.record(
        actor=actor,
        action=AuditAction.VIEW,
        obj=mapping,
        organisation=mapping.organisation,
        detail={"report": "web", "version": mapping.version},
    )


@transaction.atomic
def record_report_export(*, actor, mapping: CompetenceMapping, file_format: str = "pdf") -> None:
    audit.record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=mapping,
        organisation=mapping.organisation,
        detail={"report": file_format, "version": mapping.version},
    )
