"""Changes to paths (employment plans) and to the service catalogue.

Every change writes its audit event in the same transaction; a step's status changes only
through `change_step_status`, which checks the workflow of `kohtaamo.paths.transitions` and
appends the step's transition log. Who may do what is a small named predicate here too
(`can_see_path`, `can_edit_path`, `can_manage_catalogue`): a path is the team's shared work, so
every organisation that may see the person's competences may also plan with them.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.clients import perms as client_perms
from kohtaamo.clients import services as client_services
from kohtaamo.clients.models import Client, Consent
from kohtaamo.organisations.enums import Role
from kohtaamo.organisations.models import Membership, Organisation
from kohtaamo.paths import transitions as flow
from kohtaamo.paths.models import (
    Goal,
    Path,
    ServiceType,
    Step,
    StepKind,
    StepStatus,
    StepTransition,
)

# Who may -----------------------------------------------------------------------------------


def can_see_path(user, client: Client) -> bool:
    """The path shows competences and plans: the competences scope at least."""
    return client_perms.scope_at_least(
        client_perms.scope_for(user, client), client_perms.COMPETENCES
    )


def can_edit_path(user, client: Client) -> bool:
    """The whole team plans together: whoever may see the path may add to it and move steps."""
    return can_see_path(user, client)


def can_manage_catalogue(user, organisation: Organisation | None) -> bool:
    """An organisation's admins keep its own service types; the shared catalogue is the
    region's and is read-only on the pages."""
    if organisation is None or not getattr(user, "is_authenticated", False):
        return False
    return (
        Membership.objects.active()
        .filter(user=user, organisation=organisation, role=Role.ORGANISATION_ADMIN)
        .exists()
    )


def team_organisations(client: Client) -> list[Organisation]:
    """The organisations that may be responsible for a step: the owner and the team."""
    consented = Consent.objects.active().filter(client=client).values("organisation")
    return list(
        Organisation.objects.filter(pk=client.organisation_id)
        | Organisation.objects.filter(pk__in=consented)
    )


# Paths, goals and steps --------------------------------------------------------------------


def _acting(actor, client: Client) -> Organisation | None:
    return client_perms.acting_organisation(actor, client)


def _require_editor(actor, client: Client) -> None:
    if not can_edit_path(actor, client):
        raise PermissionError("The actor is not in the job seeker's team")


@transaction.atomic
def get_or_create_path(*, client: Client, actor) -> Path:
    """The person's path; the first call creates it, owned by the person's organisation."""
    existing = Path.objects.filter(client=client).first()
    if existing is not None:
        return existing
    _require_editor(actor, client)
    path = Path.objects.create(client=client, organisation=client.organisation)
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=path,
        organisation=_acting(actor, client),
        detail={"client": str(client.public_id)},
    )
    return path


PATH_FIELDS = ("summary", "agreed_on", "review_on")


@transaction.atomic
def update_path(*, path: Path, actor, **values) -> Path:
    """The plan's summary, the day it was agreed with the person and the next review."""
    _require_editor(actor, path.client)
    values = {f: values[f] for f in PATH_FIELDS if f in values}
    values["summary"] = (values.get("summary") or "").strip()
    agreed, review = values.get("agreed_on"), values.get("review_on")
    if agreed and review and review < agreed:
        raise ValidationError({"review_on": _("The review comes after the plan was agreed.")})
    changed = [f for f, v in values.items() if getattr(path, f) != v]
    for field in changed:
        setattr(path, field, values[field])
    if changed:
        path.updated_at = timezone.now()
        path.save(update_fields=[*changed, "updated_at"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=path,
            organisation=_acting(actor, path.client),
            detail={"fields": changed},
        )
    return path


def _touch(path: Path) -> None:
    path.updated_at = timezone.now()
    path.save(update_fields=["updated_at"])


@transaction.atomic
def add_goal(
    *,
    path: Path,
    actor,
    title: str,
    target_date: date | None = None,
    occupation=None,
) -> Goal:
    _require_editor(actor, path.client)
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Name the goal.")})
    order = path.goals.count()
    goal = Goal.objects.create(
        path=path, title=title, target_date=target_date, occupation=occupation, order=order
    )
    _touch(path)
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=path,
        organisation=_acting(actor, path.client),
        detail={"added": "goal", "goal": goal.pk},
    )
    return goal


TARGET_FIELD = {
    StepKind.SERVICE: "service_type",
    StepKind.TRAINING: "training_offer",
    StepKind.REFERRAL: "referral",
    StepKind.LEARNING_ENVIRONMENT: "environment_period",
}
STEP_FIELDS = (
    "goal",
    "kind",
    "service_type",
    "training_offer",
    "referral",
    "environment_period",
    "title",
    "responsible_organisation",
    "start_date",
    "end_date",
    "note",
)


def _clean_step(path: Path, values: dict) -> dict:
    """The step's fields, checked: a kind names its target, the target and goal belong to this
    path's person, dates in order. Raises ValidationError naming the field."""
    kind = values.get("kind")
    if kind not in StepKind.values:
        raise ValidationError({"kind": _("Choose what kind of step this is.")})
    target = TARGET_FIELD[StepKind(kind)]
    if values.get(target) is None:
        raise ValidationError({target: _("Choose what the step is.")})
    values = {f: values.get(f) for f in STEP_FIELDS} | {
        other: None for other in TARGET_FIELD.values() if other != target
    }
    client = path.client
    goal, referral, period = values["goal"], values["referral"], values["environment_period"]
    if goal is not None and goal.path_id != path.pk:
        raise ValidationError({"goal": _("Choose a goal of this path.")})
    if referral is not None and referral.client_id != client.pk:
        raise ValidationError({"referral": _("Choose a referral of this job seeker.")})
    if period is not None and period.client_id != client.pk:
        raise ValidationError({"environment_period": _("Choose a period of this job seeker.")})
    if values["responsible_organisation"] is None:
        raise ValidationError({"responsible_organisation": _("Choose who is responsible.")})
    start, end = values["start_date"], values["end_date"]
    if start and end and end < start:
        raise ValidationError({"end_date": _("A step cannot end before it starts.")})
    values["title"] = (values["title"] or "").strip()
    values["note"] = (values["note"] or "").strip()
    return values


@transaction.atomic
def add_step(*, path: Path, actor, **values) -> Step:
    """A new planned step; its log starts with the planned status."""
    _require_editor(actor, path.client)
    step = Step.objects.create(
        path=path, created_by=actor, status=StepStatus.PLANNED, **_clean_step(path, values)
    )
    StepTransition.objects.create(step=step, old_status="", new_status=step.status, actor=actor)
    _touch(path)
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=step,
        organisation=_acting(actor, path.client),
        detail={"path": str(path.public_id), "kind": step.kind},
    )
    return step


@transaction.atomic
def update_step(*, step: Step, actor, **values) -> Step:
    """Change what a step is, who is responsible and when; never its status."""
    _require_editor(actor, step.path.client)
    cleaned = _clean_step(step.path, values)
    changed = [f for f, v in cleaned.items() if getattr(step, f) != v]
    for field in changed:
        setattr(step, field, cleaned[field])
    if changed:
        step.save(update_fields=changed)
        _touch(step.path)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=step,
            organisation=_acting(actor, step.path.client),
            detail={"fields": changed},
        )
    return step


@transaction.atomic
def change_step_status(step: Step, new: str, *, reason: str = "", actor) -> Step:
    """Move a step along its workflow and log it. Done is final (a fact of the person's
    history); an interruption needs a reason. Raises `flow.InvalidTransition` otherwise.

    The step row is locked and re-read so that two people moving the same step at once
    cannot both pass the check against a stale status."""
    _require_editor(actor, step.path.client)
    current = Step.objects.select_for_update().get(pk=step.pk)
    reason = reason.strip()
    flow.check_step(current.status, new, reason)
    old = current.status
    step.status = new
    step.status_reason = reason if new == flow.INTERRUPTED else ""
    step.save(update_fields=["status", "status_reason"])
    StepTransition.objects.create(
        step=step, old_status=old, new_status=new, reason=reason, actor=actor
    )
    _touch(step.path)
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=step,
        organisation=_acting(actor, step.path.client),
        detail={"status": [old, new]},
    )
    return step


def allowed_statuses(step: Step) -> list[str]:
    """The statuses the step may move to, in the workflow's order."""
    allowed = flow.STEP_TRANSITIONS.get(step.status, frozenset())
    return [s for s in StepStatus.values if s in allowed]


@transaction.atomic
def record_path_view(*, actor, client: Client, page: str = "path") -> None:
    """A look at the path is a look at the person's record (audited as such)."""
    client_services.record_view(actor=actor, client=client, page=page)


# The service catalogue ---------------------------------------------------------------------

SERVICE_TYPE_FIELDS = (
    "code",
    "name_fi",
    "name_sv",
    "name_en",
    "description_fi",
    "description_sv",
    "description_en",
    "provider_kinds",
    "eligible_groups",
    "typical_duration_days",
    "is_active",
)


def _check_code(organisation: Organisation, code: str, instance: ServiceType | None) -> None:
    taken = ServiceType.objects.available_to(organisation).filter(code=code)
    if instance is not None:
        taken = taken.exclude(pk=instance.pk)
    if taken.exists():
        raise ValidationError({"code": _("The code is already in use in your catalogue.")})


@transaction.atomic
def create_service_type(*, organisation: Organisation, actor, **values) -> ServiceType:
    """A service type of the organisation's own, beside the shared catalogue."""
    if not can_manage_catalogue(actor, organisation):
        raise PermissionError("Only the organisation's admins edit its service types")
    values = {f: values[f] for f in SERVICE_TYPE_FIELDS if f in values}
    _check_code(organisation, values.get("code", ""), None)
    service = ServiceType.objects.create(organisation=organisation, **values)
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=service,
        organisation=organisation,
        detail={"code": service.code},
    )
    return service


@transaction.atomic
def update_service_type(*, service: ServiceType, actor, **values) -> ServiceType:
    """Only the owner organisation's admins change a type; shared types are not edited here."""
    if service.organisation is None or not can_manage_catalogue(actor, service.organisation):
        raise PermissionError("Only the owner organisation's admins edit the service type")
    values = {f: values[f] for f in SERVICE_TYPE_FIELDS if f in values}
    if "code" in values:
        _check_code(service.organisation, values["code"], service)
    changed = [f for f, v in values.items() if getattr(service, f) != v]
    for field in changed:
        setattr(service, field, values[field])
    if changed:
        service.save(update_fields=changed)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=service,
            organisation=service.organisation,
            detail={"fields": changed},
        )
    return service
