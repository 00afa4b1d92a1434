"""Events, their employers, registrations (with the waiting list) and wishes.

Every change goes through these functions: they check the actor's right, validate (raising
`ValidationError` that names the field), write the audit row in the same transaction and keep
the waiting list moving. A registration beyond the event's places waits; a cancellation lets the
first one waiting in and removes the cancelled person's interviews, so that a re-plan
(`kohtaamo.events.schedules.replan`) can fill the freed tables without moving anyone else.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.clients.models import Client
from kohtaamo.clients.own import own_client
from kohtaamo.employers.models import Employer
from kohtaamo.organisations.models import Organisation

from . import perms
from .enums import ON_SITE_KINDS, ONLINE_KINDS, RegistrationStatus, WishedBy, WishKind
from .models import Event, EventEmployer, Registration, Wish

EVENT_FIELDS = (
    "title", "kind", "description", "date", "start_time", "slot_minutes", "slot_count", "breaks",
    "place", "municipality", "online_url", "languages", "seeker_capacity", "min_interviews",
    "max_interviews", "published", "registration_open", "project",
)  # fmt: skip
# Changing these moves or removes slots: refused while interviews exist.
SLOT_FIELDS = ("slot_count", "breaks", "slot_minutes")
LANGUAGE_CODES = ("fi", "sv", "en", "se", "ru", "et", "ar", "so", "uk", "de", "fr")
EMPLOYER_FIELDS = ("tables", "table_label", "contact_name", "contact_email", "unavailable_slots")


# Events ---------------------------------------------------------------------------------------


def _slot_numbers(values, slot_count: int, field: str) -> list[int]:
    """Slot numbers counted from 1, checked and sorted; a clear error names the bad one."""
    numbers = []
    for value in values or []:
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValidationError(
                {field: _("“%(value)s” is not a slot number.") % {"value": value}}
            ) from None
        if not 1 <= number <= slot_count:
            raise ValidationError(
                {field: _("Slot %(n)s does not exist: the slots are 1–%(last)s.")
                 % {"n": number, "last": slot_count}}
            )  # fmt: skip
        numbers.append(number)
    return sorted(set(numbers))


def _clean_event(event: Event) -> None:
    event.title = (event.title or "").strip()
    event.place = (event.place or "").strip()
    if event.kind in ONLINE_KINDS and not event.online_url:
        raise ValidationError({"online_url": _("An online or hybrid event needs its link.")})
    if event.kind in ON_SITE_KINDS and not event.place:
        raise ValidationError({"place": _("Say where the event is held.")})
    unknown = [c for c in event.languages or [] if c not in LANGUAGE_CODES]
    if unknown:
        raise ValidationError(
            {"languages": _("Unknown language code: %(codes)s.") % {"codes": ", ".join(unknown)}}
        )
    event.breaks = _slot_numbers(event.breaks, event.slot_count or 0, "breaks")
    if len(event.breaks) >= (event.slot_count or 0):
        raise ValidationError({"breaks": _("Leave at least one slot for interviews.")})
    event.full_clean(exclude=["organisation", "co_organisers"])


@transaction.atomic
def create_event(*, actor, organisation: Organisation, co_organisers=(), **values) -> Event:
    if not perms.organising_organisations(actor).filter(pk=organisation.pk).exists():
        raise PermissionDenied
    event = Event(organisation=organisation, created_by=actor)
    for field in EVENT_FIELDS:
        if field in values:
            setattr(event, field, values[field])
    _clean_event(event)
    event.save()
    event.co_organisers.set([o for o in co_organisers if o.pk != organisation.pk])
    audit.record(actor=actor, action=AuditAction.CREATE, obj=event, organisation=organisation)
    return event


@transaction.atomic
def update_event(*, actor, event: Event, co_organisers=None, **values) -> Event:
    if not perms.can_manage(actor, event):
        raise PermissionDenied
    event = Event.objects.select_for_update().get(pk=event.pk)
    changed = [f for f in EVENT_FIELDS if f in values and getattr(event, f) != values[f]]
    moved = [f for f in changed if f in SLOT_FIELDS]
    if moved and event.interviews.exists():
        raise ValidationError(
            {moved[0]: _("The schedule uses the slots: clear the schedule before changing them.")}
        )
    for field in changed:
        setattr(event, field, values[field])
    _clean_event(event)
    event.updated_at = timezone.now()
    event.save()
    if co_organisers is not None:
        event.co_organisers.set([o for o in co_organisers if o.pk != event.organisation_id])
        changed.append("co_organisers")
    if changed:
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=event,
            organisation=perms.acting_organisation(actor, event),
            detail={"fields": changed},
        )
        _promote_waiting(event, actor)
    return event


def _require_manager(actor, event: Event) -> None:
    if not perms.can_manage(actor, event):
        raise PermissionDenied


# Employers ------------------------------------------------------------------------------------


def _clean_employer(event: Event, values: dict) -> dict:
    values = {f: values[f] for f in EMPLOYER_FIELDS if f in values}
    if "unavailable_slots" in values:
        values["unavailable_slots"] = _slot_numbers(
            values["unavailable_slots"], event.slot_count, "unavailable_slots"
        )
    for field in ("table_label", "contact_name", "contact_email"):
        if field in values:
            values[field] = (values[field] or "").strip()
    return values


def _check_vacancies(employer: Employer, vacancies) -> list:
    vacancies = list(vacancies or [])
    foreign = [v for v in vacancies if v.employer_id != employer.pk]
    if foreign:
        raise ValidationError(
            {"vacancies": _("“%(title)s” is not this employer's vacancy.") % {"title": foreign[0]}}
        )
    return vacancies


@transaction.atomic
def add_employer(
    *, actor, event: Event, employer: Employer, vacancies=(), **values
) -> EventEmployer:
    _require_manager(actor, event)
    existing = EventEmployer.objects.filter(event=event, employer=employer).first()
    if existing is not None and existing.cancelled_at is None:
        raise ValidationError({"employer": _("The employer is already at this event.")})
    vacancies = _check_vacancies(employer, vacancies)
    participation = existing or EventEmployer(event=event, employer=employer)
    participation.cancelled_at = None
    for field, value in _clean_employer(event, values).items():
        setattr(participation, field, value)
    participation.full_clean(exclude=["event", "employer"])
    participation.save()
    participation.vacancies.set(vacancies)
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=participation,
        organisation=perms.acting_organisation(actor, event),
        detail={"event": str(event.public_id), "employer": str(employer.public_id)},
    )
    return participation


@transaction.atomic
def update_employer(
    *, actor, participation: EventEmployer, vacancies=None, **values
) -> EventEmployer:
    event = participation.event
    _require_manager(actor, event)
    cleaned = _clean_employer(event, values)
    for field, value in cleaned.items():
        setattr(participation, field, value)
    participation.full_clean(exclude=["event", "employer"])
    participation.save()
    if vacancies is not None:
        participation.vacancies.set(_check_vacancies(participation.employer, vacancies))
    _drop_conflicting_interviews(participation)
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=participation,
        organisation=perms.acting_organisation(actor, event),
        detail={"fields": sorted(cleaned) + (["vacancies"] if vacancies is not None else [])},
    )
    return participation


def _drop_conflicting_interviews(participation: EventEmployer) -> None:
    """Interviews the employer can no longer hold (fewer tables, a slot away) are removed; a
    re-plan fills their people elsewhere."""
    interviews = participation.interviews.filter(outcome="")
    interviews.filter(table__gt=participation.tables).delete()
    interviews.filter(slot__in=[s - 1 for s in participation.unavailable_slots]).delete()


@transaction.atomic
def cancel_employer(*, actor, participation: EventEmployer) -> EventEmployer:
    """The employer cannot come: its interviews without an outcome go, for the re-plan."""
    _require_manager(actor, participation.event)
    participation.cancelled_at = timezone.now()
    participation.save(update_fields=["cancelled_at"])
    participation.interviews.filter(outcome="").delete()
    audit.record(
        actor=actor,
        action=AuditAction.DEACTIVATE,
        obj=participation,
        organisation=perms.acting_organisation(actor, participation.event),
    )
    return participation


# Registrations --------------------------------------------------------------------------------


def _has_place(event: Event) -> bool:
    if event.seeker_capacity is None:
        return True
    return event.registrations.active().count() < event.seeker_capacity


def _registration_organisation(actor, event: Event, client: Client):
    """The organisation the audit row names: the organiser for organisers, else the person's."""
    return perms.acting_organisation(actor, event) or client.organisation


@transaction.atomic
def register(
    *, actor, event: Event, client: Client, share_competences: bool, **values
) -> Registration:
    """Register the person (the job seeker themself or a coordinator who sees them). Without a
    free place the registration waits. Registering again after a cancellation reopens it."""
    if not perms.can_register(actor, client):
        raise PermissionDenied
    event = Event.objects.select_for_update().get(pk=event.pk)
    self_registered = own_client(actor) is not None and own_client(actor).pk == client.pk
    is_open = event.published and event.registration_open
    if not is_open and not perms.can_manage(actor, event):
        raise ValidationError({"event": _("Registration to this event is closed.")})
    if event.is_past():
        raise ValidationError({"event": _("The event is over.")})
    registration = Registration.objects.filter(event=event, client=client).first()
    if registration is not None and registration.status != RegistrationStatus.CANCELLED:
        raise ValidationError({"client": _("The person is already registered to this event.")})
    registration = registration or Registration(event=event, client=client)
    registration.status = (
        RegistrationStatus.REGISTERED if _has_place(event) else RegistrationStatus.WAITING
    )
    registration.share_competences = bool(share_competences)
    registration.self_registered = self_registered
    registration.registered_by = actor
    registration.cancelled_at = None
    registration.created_at = timezone.now()
    for field in ("min_interviews", "max_interviews", "note"):
        if field in values:
            setattr(registration, field, values[field])
    registration.note = (registration.note or "").strip()
    registration.unavailable_slots = _slot_numbers(
        values.get("unavailable_slots"), event.slot_count, "unavailable_slots"
    )
    low, high = registration.min_interviews, registration.max_interviews
    if low is not None and high is not None and low > high:
        raise ValidationError(
            {"min_interviews": _("The least number of interviews cannot exceed the most.")}
        )
    registration.full_clean(exclude=["event", "client", "registered_by"])
    registration.save()
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=registration,
        organisation=_registration_organisation(actor, event, client),
        detail={
            "event": str(event.public_id),
            "client": str(client.public_id),
            "status": registration.status,
            "share_competences": registration.share_competences,
        },
    )
    return registration


@transaction.atomic
def set_sharing(*, actor, registration: Registration, share_competences: bool) -> Registration:
    """The person's consent to show their competence summary to the event's employers."""
    if not perms.can_register(actor, registration.client):
        raise PermissionDenied
    registration.share_competences = bool(share_competences)
    registration.save(update_fields=["share_competences"])
    audit.record(
        actor=actor,
        action=AuditAction.CONSENT_GIVEN if share_competences else AuditAction.CONSENT_WITHDRAWN,
        obj=registration,
        organisation=_registration_organisation(actor, registration.event, registration.client),
        detail={"client": str(registration.client.public_id), "scope": "event_employers"},
    )
    return registration


@transaction.atomic
def cancel_registration(*, actor, registration: Registration) -> Registration | None:
    """Cancel; the person's interviews without an outcome are removed. Returns the registration
    that moved up from the waiting list, if any."""
    if not perms.can_change_registration(actor, registration):
        raise PermissionDenied
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        return None
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    registration.interviews.filter(outcome="").delete()
    audit.record(
        actor=actor,
        action=AuditAction.DEACTIVATE,
        obj=registration,
        organisation=_registration_organisation(actor, event, registration.client),
        detail={"event": str(event.public_id), "client": str(registration.client.public_id)},
    )
    promoted = _promote_waiting(event, actor)
    return promoted[0] if promoted else None


def _promote_waiting(event: Event, actor) -> list[Registration]:
    """Let people in from the waiting list, first come first served, while places are free."""
    promoted = []
    for waiting in event.registrations.waiting():
        if not _has_place(event):
            break
        waiting.status = RegistrationStatus.REGISTERED
        waiting.save(update_fields=["status"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=waiting,
            organisation=event.organisation,
            detail={"status": waiting.status, "from": "waiting_list"},
        )
        promoted.append(waiting)
    return promoted


# Wishes ---------------------------------------------------------------------------------------


@transaction.atomic
def set_wish(
    *, actor, registration: Registration, participation: EventEmployer, kind: str, wished_by: str
) -> Wish:
    """A "must meet" or "must not meet" wish; one per pair, the latest replaces the earlier."""
    if participation.event_id != registration.event_id:
        raise ValidationError({"event_employer": _("Choose an employer of this event.")})
    if kind not in WishKind.values:
        raise ValidationError({"kind": _("Choose must meet or must not meet.")})
    if wished_by not in WishedBy.values:
        raise ValidationError({"wished_by": _("Say whose wish it is.")})
    if not perms.can_change_registration(actor, registration):
        raise PermissionDenied
    wish, _created = Wish.objects.update_or_create(
        registration=registration,
        event_employer=participation,
        defaults={
            "event": registration.event, "kind": kind, "wished_by": wished_by,
            "created_by": actor,
        },
    )  # fmt: skip
    if kind == WishKind.MUST_NOT_MEET:
        registration.interviews.filter(event_employer=participation, outcome="").delete()
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=registration,
        organisation=_registration_organisation(actor, registration.event, registration.client),
        detail={"wish": kind, "employer": str(participation.employer.public_id)},
    )
    return wish


@transaction.atomic
def remove_wish(*, actor, wish: Wish) -> None:
    if not perms.can_change_registration(actor, wish.registration):
        raise PermissionDenied
    wish.delete()
