"""Recognising a learning environment and certifying what a job seeker demonstrated in it.

The flow, as the PAIKKO tool had it: the environment is described by its tasks
(`create_environment`, `add_task`); with a vocational teacher each task is mapped to the skill
requirements of qualification units it demonstrates (`map_requirement`); the teacher's college
signs the recognition off (`sign_off`). Any later change of the tasks or their mapping withdraws
the sign-off in the same transaction: a certificate must never rest on a mapping the teacher
did not see. A job seeker's period (`start_period`, `record_demonstrated`) then yields a
certificate (`issue_certificate`) whose units enter the person's profile with the source
"learning environment".

Every function is keyword-only, runs in one transaction and writes its audit event (ids, never
the person's data) in it. A refusal of the rules is a `ValidationError` naming the field; a
user who may not act at all gets `PermissionError` (the web layer answers 404).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.clients import perms as client_perms
from kohtaamo.clients.enums import CompetenceSource
from kohtaamo.clients.models import Client, ClientCompetence
from kohtaamo.competences.enums import CompetenceKind
from kohtaamo.qualifications.models import QualificationUnit
from kohtaamo.recognition import certificate, perms
from kohtaamo.recognition.models import (
    EnvironmentKind,
    EnvironmentPeriod,
    EnvironmentTask,
    LearningEnvironment,
    TaskRequirement,
)

CERTIFIED_LEVEL = 3  # "competent": the requirements were demonstrated at work and assessed
MAX_EVIDENCE = 300


# -- Environments, tasks and their mapping --------------------------------------------------


def _audit_environment(actor, environment, action=AuditAction.UPDATE, **detail) -> None:
    audit.record(
        actor=actor,
        action=action,
        obj=environment,
        organisation=environment.organisation,
        detail=detail,
    )


def _editable(actor, environment: LearningEnvironment) -> LearningEnvironment:
    """The environment locked for the change; refuses anyone who may not edit it."""
    if not perms.can_edit_environment(actor, environment):
        raise PermissionError("The user may not edit the learning environment")
    return LearningEnvironment.objects.select_for_update().get(pk=environment.pk)


def _withdraw_sign_off(actor, environment: LearningEnvironment, change: str) -> None:
    """A change after the sign-off withdraws it: the teacher must see the mapping again."""
    if not environment.is_signed_off:
        return
    environment.signed_off_at = None
    environment.signed_off_by = None
    environment.sign_off_withdrawn_at = timezone.now()
    environment.save(update_fields=["signed_off_at", "signed_off_by", "sign_off_withdrawn_at"])
    _audit_environment(actor, environment, sign_off_withdrawn=True, change=change)


def _check_teacher_organisation(organisation) -> None:
    if organisation is not None and not perms.is_college(organisation):
        raise ValidationError(
            {"teacher_organisation": _("The teacher's organisation must be a vocational college.")}
        )


def _check_name(name: str, field: str = "name") -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({field: _("Write the name.")})
    return name[:200]


@transaction.atomic
def create_environment(
    *,
    actor,
    organisation,
    name: str,
    kind: str = EnvironmentKind.WORKSHOP,
    description: str = "",
    municipality=None,
    teacher_name: str = "",
    teacher_organisation=None,
) -> LearningEnvironment:
    """A workshop or workplace of `organisation`, to be described by its tasks."""
    if not perms.can_create_environment(actor, organisation):
        raise PermissionError("The user may not add environments for the organisation")
    _check_teacher_organisation(teacher_organisation)
    environment = LearningEnvironment.objects.create(
        organisation=organisation,
        name=_check_name(name),
        kind=kind,
        description=description.strip(),
        municipality=municipality or organisation.municipality,
        teacher_name=teacher_name.strip()[:200],
        teacher_organisation=teacher_organisation,
    )
    _audit_environment(actor, environment, AuditAction.CREATE)
    return environment


RECOGNITION_FIELDS = ("teacher_name", "teacher_organisation")
ENVIRONMENT_FIELDS = ("name", "kind", "description", "municipality", *RECOGNITION_FIELDS)


@transaction.atomic
def update_environment(*, actor, environment: LearningEnvironment, **fields) -> LearningEnvironment:
    """Change the description; a change of the teacher withdraws the sign-off."""
    unknown = set(fields) - set(ENVIRONMENT_FIELDS)
    if unknown:
        raise TypeError(f"Not an environment field: {', '.join(sorted(unknown))}")
    environment = _editable(actor, environment)
    if "name" in fields:
        fields["name"] = _check_name(fields["name"])
    if "teacher_organisation" in fields:
        _check_teacher_organisation(fields["teacher_organisation"])
    changed = [name for name, value in fields.items() if getattr(environment, name) != value]
    for name in changed:
        setattr(environment, name, fields[name])
    environment.save(update_fields=changed)
    if set(changed) & set(RECOGNITION_FIELDS):
        _withdraw_sign_off(actor, environment, "teacher")
    _audit_environment(actor, environment, fields=changed)
    return environment


@transaction.atomic
def add_task(
    *, actor, environment: LearningEnvironment, name: str, description: str = ""
) -> EnvironmentTask:
    environment = _editable(actor, environment)
    last = environment.tasks.order_by("-order").values_list("order", flat=True).first() or 0
    task = EnvironmentTask.objects.create(
        environment=environment,
        name=_check_name(name),
        description=description.strip(),
        order=last + 1,
    )
    _withdraw_sign_off(actor, environment, "task_added")
    _audit_environment(actor, environment, task_added=task.pk)
    return task


@transaction.atomic
def edit_task(*, actor, task: EnvironmentTask, name: str, description: str = "") -> EnvironmentTask:
    environment = _editable(actor, task.environment)
    name, description = _check_name(name), description.strip()
    if (task.name, task.description) == (name, description):
        return task
    task.name, task.description = name, description
    task.save(update_fields=["name", "description"])
    _withdraw_sign_off(actor, environment, "task_changed")
    _audit_environment(actor, environment, task_changed=task.pk)
    return task


@transaction.atomic
def remove_task(*, actor, task: EnvironmentTask) -> None:
    """Issued certificates keep what they list: they are frozen when issued."""
    environment = _editable(actor, task.environment)
    pk = task.pk
    EnvironmentTask.objects.filter(pk=pk, environment=environment).delete()
    _withdraw_sign_off(actor, environment, "task_removed")
    _audit_environment(actor, environment, task_removed=pk)


def _check_requirement(unit: QualificationUnit, index: int) -> None:
    if not 0 <= index < len(unit.skill_requirements or []):
        raise ValidationError(
            {
                "requirement_index": _("The unit %(code)s has no skill requirement number %(n)s.")
                % {"code": unit.code or unit.pk, "n": index + 1}
            }
        )


@transaction.atomic
def map_requirement(
    *, actor, task: EnvironmentTask, unit: QualificationUnit, requirement_index: int
) -> TaskRequirement:
    """The task demonstrates `unit.skill_requirements[requirement_index]`."""
    environment = _editable(actor, task.environment)
    _check_requirement(unit, requirement_index)
    requirement, created = TaskRequirement.objects.get_or_create(
        task=task, unit=unit, requirement_index=requirement_index
    )
    if created:
        _withdraw_sign_off(actor, environment, "mapping_added")
        _audit_environment(
            actor, environment, mapped=task.pk, unit=unit.uri, requirement=requirement_index
        )
    return requirement


@transaction.atomic
def map_requirements(
    *, actor, task: EnvironmentTask, unit: QualificationUnit, indices: list[int]
) -> list[TaskRequirement]:
    """Map the task to exactly `indices` of the unit: those left out are unmapped."""
    _editable(actor, task.environment)
    for index in indices:
        _check_requirement(unit, index)
    existing = task.requirements.filter(unit=unit)
    for requirement in existing.exclude(requirement_index__in=indices):
        unmap_requirement(actor=actor, requirement=requirement)
    return [
        map_requirement(actor=actor, task=task, unit=unit, requirement_index=i)
        for i in sorted(set(indices))
    ]


@transaction.atomic
def unmap_requirement(*, actor, requirement: TaskRequirement) -> None:
    environment = _editable(actor, requirement.task.environment)
    detail = {
        "unmapped": requirement.task_id,
        "unit": requirement.unit.uri,
        "requirement": requirement.requirement_index,
    }
    TaskRequirement.objects.filter(pk=requirement.pk).delete()
    _withdraw_sign_off(actor, environment, "mapping_removed")
    _audit_environment(actor, environment, **detail)


@transaction.atomic
def sign_off(
    *, environment: LearningEnvironment, actor, recognised_on: date | None = None
) -> LearningEnvironment:
    """The teacher's college confirms the mapping, dated. Only a member of the teacher's
    organisation, a vocational college, may; an environment without mapped tasks has
    nothing to recognise. The teacher's name defaults to the one who signs."""
    if not perms.can_sign_off(actor, environment):
        raise PermissionError("Only the teacher's vocational college signs the recognition off")
    environment = LearningEnvironment.objects.select_for_update().get(pk=environment.pk)
    if not TaskRequirement.objects.filter(task__environment=environment).exists():
        raise ValidationError(
            {"tasks": _("Map at least one task to a skill requirement before the sign-off.")}
        )
    environment.teacher_name = environment.teacher_name or actor.get_full_name() or str(actor)
    environment.recognised_on = recognised_on or timezone.localdate()
    environment.signed_off_by = actor
    environment.signed_off_at = timezone.now()
    environment.save(
        update_fields=["teacher_name", "recognised_on", "signed_off_by", "signed_off_at"]
    )
    _audit_environment(
        actor, environment, signed_off=True, recognised_on=environment.recognised_on.isoformat()
    )
    return environment


# -- A job seeker's period and certificate --------------------------------------------------


def _audit_period(actor, period: EnvironmentPeriod, action=AuditAction.UPDATE, **detail):
    organisation = client_perms.acting_organisation(actor, period.client)
    audit.record(
        actor=actor,
        action=action,
        obj=period.client,
        organisation=organisation or period.client.organisation,
        detail={"period": str(period.public_id), **detail},
    )


def _check_dates(start_date: date, end_date: date | None) -> None:
    if end_date is not None and end_date < start_date:
        raise ValidationError({"end_date": _("A period cannot end before it starts.")})


@transaction.atomic
def start_period(
    *,
    actor,
    client: Client,
    environment: LearningEnvironment,
    start_date: date,
    end_date: date | None = None,
) -> EnvironmentPeriod:
    """The person works in the environment; tasks demonstrated are recorded later."""
    if not perms.can_record_period(actor, client):
        raise PermissionError("The user may not change the job seeker's record")
    if not LearningEnvironment.objects.visible_to(actor).filter(pk=environment.pk).exists():
        raise ValidationError({"environment": _("Choose one of your learning environments.")})
    _check_dates(start_date, end_date)
    period = EnvironmentPeriod.objects.create(
        client=client, environment=environment, start_date=start_date, end_date=end_date
    )
    _audit_period(actor, period, environment=str(environment.public_id), period_started=True)
    return period


def _changeable_period(actor, period: EnvironmentPeriod) -> EnvironmentPeriod:
    if not perms.can_record_period(actor, period.client):
        raise PermissionError("The user may not change the job seeker's record")
    period = EnvironmentPeriod.objects.select_for_update().get(pk=period.pk)
    if period.certificate_issued_on is not None:
        raise ValidationError(
            {"tasks": _("The certificate has been issued: the period can no longer change.")}
        )
    return period


@transaction.atomic
def record_demonstrated(
    *,
    actor,
    period: EnvironmentPeriod,
    tasks: list[EnvironmentTask],
    end_date: date | None = None,
) -> EnvironmentPeriod:
    """The tasks the person did to the standard, as assessed by `actor` today."""
    period = _changeable_period(actor, period)
    foreign = [t.pk for t in tasks if t.environment_id != period.environment_id]
    if foreign:
        raise ValidationError({"tasks": _("Choose tasks of this learning environment only.")})
    _check_dates(period.start_date, end_date)
    period.end_date = end_date
    period.assessed_by = actor
    period.assessed_on = timezone.localdate()
    period.save(update_fields=["end_date", "assessed_by", "assessed_on"])
    period.demonstrated_tasks.set(tasks)
    _audit_period(actor, period, demonstrated=sorted(t.pk for t in tasks))
    return period


@transaction.atomic
def issue_certificate(*, period: EnvironmentPeriod, actor) -> list[ClientCompetence]:
    """Freeze the certificate and enter its units in the person's profile (kind "unit",
    source "learning environment", evidence naming the environment and the dates).

    Refused unless the environment is signed off, the period has ended and something was
    demonstrated. A unit the person already has from a learning environment gets the newer
    evidence; an unconfirmed suggestion of it gives way."""
    period = _changeable_period(actor, period)
    environment = period.environment
    if not environment.is_signed_off:
        raise ValidationError(
            {"environment": _("The recognition of the environment is not signed off.")}
        )
    if period.end_date is None:
        raise ValidationError({"end_date": _("Give the end date of the period first.")})
    frozen = certificate.snapshot(period)
    if not frozen["units"]:
        raise ValidationError(
            {"tasks": _("No demonstrated task is mapped to a qualification unit.")}
        )
    competences = [_enter_unit(actor, period, unit) for unit in frozen["units"]]
    period.certificate = frozen
    period.certificate_issued_on = timezone.localdate()
    period.save(update_fields=["certificate", "certificate_issued_on"])
    Client.objects.filter(pk=period.client_id).update(updated_at=timezone.now())
    _audit_period(actor, period, certificate_issued=True, units=[u["uri"] for u in frozen["units"]])
    return competences


def _enter_unit(actor, period: EnvironmentPeriod, unit: dict) -> ClientCompetence:
    client = period.client
    client.competences.filter(uri=unit["uri"], confirmed=False).delete()
    competence, _created = ClientCompetence.objects.update_or_create(
        client=client,
        uri=unit["uri"],
        source=CompetenceSource.LEARNING_ENVIRONMENT,
        defaults={
            "kind": CompetenceKind.UNIT,
            "evidence": evidence(period, unit),
            "confirmed": True,
            "confidence": 1.0,
        },
        create_defaults={
            "kind": CompetenceKind.UNIT,
            "level": CERTIFIED_LEVEL,
            "evidence": evidence(period, unit),
            "added_by": actor if getattr(actor, "is_authenticated", False) else None,
        },
    )
    return competence


def evidence(period: EnvironmentPeriod, unit: dict) -> str:
    """E.g. "Kolarin kunnan työpaja 1.9.2026–30.11.2026: 3/7 skill requirements"."""
    dates = "–".join(
        formats.date_format(day, "SHORT_DATE_FORMAT")
        for day in (period.start_date, period.end_date)
        if day
    )
    text = _("%(environment)s %(dates)s: %(shown)s/%(total)s skill requirements") % {
        "environment": period.environment.name,
        "dates": dates,
        "shown": len(unit["requirements"]),
        "total": unit["requirements_total"],
    }
    return text[:MAX_EVIDENCE]


@transaction.atomic
def record_period_view(*, actor, period: EnvironmentPeriod) -> None:
    _audit_period(actor, period, AuditAction.VIEW, page="environment_period")


@transaction.atomic
def record_periods_view(*, actor, client: Client) -> None:
    """The page that starts a period lists the person's periods: a view of their record."""
    organisation = client_perms.acting_organisation(actor, client) or client.organisation
    audit.record(
        actor=actor,
        action=AuditAction.VIEW,
        obj=client,
        organisation=organisation,
        detail={"page": "environment_periods"},
    )


@transaction.atomic
def export_certificate(*, actor, period: EnvironmentPeriod, lang: str) -> None:
    """Every print of a certificate is audited as an export of personal data."""
    _audit_period(actor, period, AuditAction.EXPORT, format="pdf", lang=lang)


def certificate_pdf(*, actor, period: EnvironmentPeriod, lang: str, request=None) -> bytes:
    """The issued certificate as PDF in `lang`, audited as an export. Refused (ValueError)
    before the certificate is issued: an unsigned mapping never yields a certificate."""
    from django.utils import translation

    from kohtaamo.core.pdf import render_pdf

    if period.certificate_issued_on is None:
        raise ValueError("The certificate has not been issued")
    frozen = period.certificate or certificate.snapshot(period)  # rows written without one
    lang = lang if lang in certificate.LANGUAGES else certificate.FALLBACK
    with translation.override(lang):
        content = render_pdf(
            "recognition/certificate_pdf.html",
            {
                "period": period,
                "client": period.client,
                "certificate": certificate.content(frozen, lang),
            },
            request=request,
        )
    export_certificate(actor=actor, period=period, lang=lang)
    return content
