"""After the event: interview outcomes and the employers' links to record them.

An outcome flows on in the same transaction, so that the person's record never tells two
stories: into a referral of the person to the employer (or its best-fitting vacancy), into
the person's path (a referral step, and a planned work trial when one was offered) and into
the EU social fund records (a hire closes the participant's exit form). Recording again
updates the same referral; a referral that had ended is corrected and the correction logged.

Employers have no accounts: each gets a link by mail that shows its schedule and takes the
outcomes until some weeks after the event. Only the SHA-256 of the token is stored, and a new
link voids the employer's earlier ones.
"""

from __future__ import annotations

import logging
import secrets
import smtplib
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.esf.enums import ParticipantStatus
from kohtaamo.esf.models import Participant
from kohtaamo.paths import transitions as flow
from kohtaamo.paths.models import (
    Path,
    Referral,
    ReferralEvent,
    ReferralKind,
    ReferralStatus,
    ServiceType,
    Step,
    StepKind,
    StepStatus,
    StepTransition,
)
from kohtaamo.paths.referrals import hash_token  # one hashing for every mailed link

from . import perms
from .enums import Outcome
from .models import Event, EventEmployer, FollowUpLink, Interview

logger = logging.getLogger(__name__)

REFERRAL_STATUS = {
    Outcome.NEXT_INTERVIEW: ReferralStatus.INTERVIEW,
    Outcome.WORK_TRIAL: ReferralStatus.INTERVIEW,
    Outcome.HIRED: ReferralStatus.HIRED,
    Outcome.NOT_CHOSEN: ReferralStatus.NOT_CHOSEN,
}
WORK_TRIAL_CODE = "work_trial"
# Words in an employer's name that tell the kind of employer for the fund's exit status.
EMPLOYER_KIND_WORDS = (
    ((" ry", "yhdistys", "association"), ParticipantStatus.EMPLOYED_ASSOCIATION),
    (("säätiö", "foundation", " sr"), ParticipantStatus.EMPLOYED_FOUNDATION),
    (("kunta", "kaupunki", "municipality", "city of"), ParticipantStatus.EMPLOYED_MUNICIPALITY),
)


class InvalidEventLink(Exception):
    """Unknown, expired or voided token, or a cancelled participation: answered alike."""


# Outcomes ------------------------------------------------------------------------------------


def can_record(event: Event, today=None) -> bool:
    """Outcomes are recorded from the event day on."""
    return event.date <= (today or timezone.localdate())


@transaction.atomic
def record_outcome(
    *, interview: Interview, outcome: str, note: str = "", actor=None, via_link: bool = False
) -> Interview:
    """Record an interview's outcome and let it flow into referrals, paths and ESF records.

    Organisers record for an employer who phoned in; the employer records through its link
    (`via_link`, no actor); a call with neither is the system's own (the demo). Raises
    PermissionError for anyone else and ValidationError naming `outcome` for a bad value."""
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose what came of the interview.")})
    interview = Interview.objects.select_for_update(of=("self",)).with_people().get(pk=interview.pk)
    if actor is not None and not via_link and not perms.can_manage(actor, interview.event):
        raise PermissionError("Only the event's organisers record outcomes")
    previous = interview.outcome
    interview.outcome = outcome
    interview.outcome_note = note.strip()[:500]
    interview.outcome_at = timezone.now()
    who = None if via_link else actor
    interview.referral = _to_referral(interview, actor=who, via_link=via_link)
    interview.save(update_fields=["outcome", "outcome_note", "outcome_at", "referral"])
    _to_path(interview, actor=who)
    _to_esf(interview, previous=previous, actor=who)
    audit.record(
        actor=who,
        action=AuditAction.UPDATE,
        obj=interview,
        organisation=_organisation(who, interview.event),
        detail={"outcome": [previous, outcome], "via_link": via_link},
    )
    return interview


def _organisation(actor, event: Event):
    return (perms.acting_organisation(actor, event) if actor else None) or event.organisation


def _to_referral(interview: Interview, *, actor, via_link: bool) -> Referral | None:
    """Create or move the interview's referral. A no-show withdraws a referral recorded
    earlier (a correction); otherwise a no-show refers nobody."""
    status = REFERRAL_STATUS.get(interview.outcome)
    referral = interview.referral
    if status is None:
        if referral is not None and referral.status != ReferralStatus.WITHDRAWN:
            _move(referral, ReferralStatus.WITHDRAWN, _("did not come to the interview"),
                  interview, actor=actor, via_link=via_link)  # fmt: skip
        return referral
    if referral is None:
        referral = _new_referral(interview, actor=actor)
    reason = ""
    if status == ReferralStatus.NOT_CHOSEN:
        reason = interview.outcome_note or _("not chosen at %(event)s") % {
            "event": interview.event.title
        }
    _move(referral, status, reason, interview, actor=actor, via_link=via_link)
    return referral


def _new_referral(interview: Interview, *, actor) -> Referral:
    event, participation = interview.event, interview.event_employer
    day = event.date
    referral = Referral(
        client=interview.registration.client,
        organisation=event.organisation,
        kind=ReferralKind.VACANCY if interview.vacancy_id else ReferralKind.EMPLOYER,
        vacancy=interview.vacancy,
        employer=participation.employer,
        receiver_name=participation.contact_name,
        receiver_email=participation.contact_email,
        message=_("Interview at %(event)s") % {"event": event.title},
        sent_on=day,
        answer_due=day + timedelta(days=getattr(settings, "KOHTAAMO_REFERRAL_ANSWER_DAYS", 14)),
        created_by=actor,
    )
    referral.save()
    ReferralEvent.objects.create(
        referral=referral, new_status=ReferralStatus.SENT, actor=actor, at=referral.created_at
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=referral,
        organisation=event.organisation,
        detail={"interview": str(interview.public_id), "kind": referral.kind},
    )
    return referral


def _move(referral: Referral, new: str, reason: str, interview: Interview, *, actor,
          via_link: bool) -> None:  # fmt: skip
    """Forward along the workflow; an ended referral is corrected instead (logged as such)."""
    old = referral.status
    if old == new and referral.status_reason == reason:
        return
    comment = interview.outcome_note
    if old != new:
        try:
            flow.check_referral(old, new, reason)
        except flow.InvalidTransition:
            comment = _("Outcome corrected at the event's follow-up.")
    now = timezone.now()
    referral.status, referral.status_reason = new, reason
    referral.answered_at = referral.answered_at or now
    referral.save(update_fields=["status", "status_reason", "answered_at"])
    ReferralEvent.objects.create(
        referral=referral, old_status=old, new_status=new, reason=reason[:300],
        comment=comment, actor=actor, via_link=via_link, at=now,
    )  # fmt: skip


def _to_path(interview: Interview, *, actor) -> None:
    """A referral step (ongoing; done once hired or not chosen) and, for a work trial, a
    planned work-trial step, on the person's path when they have one."""
    path = Path.objects.filter(client=interview.registration.client).first()
    referral = interview.referral
    if path is None or referral is None:
        return
    step = path.steps.filter(kind=StepKind.REFERRAL, referral=referral).first()
    if step is None:
        step = _new_step(path, interview, StepKind.REFERRAL, StepStatus.ONGOING, actor=actor)
    if referral.status in (ReferralStatus.HIRED, ReferralStatus.NOT_CHOSEN):
        _step_to(step, StepStatus.DONE, "", actor=actor)
    elif referral.status == ReferralStatus.WITHDRAWN:
        _step_to(step, StepStatus.INTERRUPTED, _("did not come to the interview"), actor=actor)
    trial = path.steps.filter(
        kind=StepKind.SERVICE, service_type__code=WORK_TRIAL_CODE, referral=referral
    ).first()
    if interview.outcome == Outcome.WORK_TRIAL and trial is None:
        _new_step(path, interview, StepKind.SERVICE, StepStatus.PLANNED, actor=actor)
    elif interview.outcome != Outcome.WORK_TRIAL and trial is not None:
        _step_to(trial, StepStatus.INTERRUPTED, _("The interview's outcome changed."), actor=actor)


def _new_step(path: Path, interview: Interview, kind: str, status: str, *, actor) -> Step | None:
    employer = interview.event_employer.employer
    service = None
    if kind == StepKind.SERVICE:
        service = ServiceType.objects.filter(organisation=None, code=WORK_TRIAL_CODE).first()
        if service is None:  # the shared catalogue is not seeded: nothing to plan with
            return None
    step = Step.objects.create(
        path=path,
        kind=kind,
        service_type=service,
        referral=interview.referral,
        title=f"{employer.name} ({interview.event.title})"[:300],
        responsible_organisation=interview.event.organisation,
        start_date=interview.event.date if kind == StepKind.REFERRAL else None,
        status=StepStatus.PLANNED,
        created_by=actor,
    )
    # Every step's log starts at planned, as the path's workflow has it.
    StepTransition.objects.create(
        step=step, old_status="", new_status=StepStatus.PLANNED, actor=actor
    )
    if status != StepStatus.PLANNED:
        _step_to(step, status, "", actor=actor)
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=step,
        organisation=interview.event.organisation,
        detail={"path": str(path.public_id), "kind": kind, "interview": str(interview.public_id)},
    )
    return step


def _step_to(step: Step | None, new: str, reason: str, *, actor) -> None:
    if step is None or new not in flow.STEP_TRANSITIONS[step.status]:
        return
    old = step.status
    step.status, step.status_reason = new, reason if new == StepStatus.INTERRUPTED else ""
    step.save(update_fields=["status", "status_reason"])
    StepTransition.objects.create(
        step=step, old_status=old, new_status=new, reason=reason, actor=actor
    )


def _to_esf(interview: Interview, *, previous: str, actor) -> None:
    """A hire closes the participant's exit form (exit date = the event day); a hire
    recorded in error and corrected reopens the form this event closed."""
    event = interview.event
    if event.project_id is None:
        return
    client = interview.registration.client
    participant = Participant.objects.filter(project_id=event.project_id, client=client).first()
    if participant is None:
        return
    status = exit_status_for(interview.event_employer.employer.name)
    if interview.outcome == Outcome.HIRED and participant.exit_date is None:
        if participant.entry_date <= event.date <= event.project.end_date:
            _set_exit(participant, event.date, status, interview, actor)
    elif previous == Outcome.HIRED and interview.outcome != Outcome.HIRED:
        closed_here = participant.exit_date == event.date and participant.exit_status == status
        hired_elsewhere = (
            Interview.objects.filter(event=event, registration=interview.registration)
            .exclude(pk=interview.pk)
            .filter(outcome=Outcome.HIRED)
            .exists()
        )
        if closed_here and not hired_elsewhere:
            _set_exit(participant, None, "", interview, actor)


def exit_status_for(employer_name: str) -> str:
    """The fund's "employed by" from the employer's name; a company unless it says otherwise."""
    name = f" {employer_name.lower()} "
    for words, status in EMPLOYER_KIND_WORDS:
        if any(word in name for word in words):
            return status
    return ParticipantStatus.EMPLOYED_COMPANY


def _set_exit(participant: Participant, day, status: str, interview: Interview, actor) -> None:
    participant.exit_date, participant.exit_status = day, status
    participant.updated_at = timezone.now()
    participant.save(update_fields=["exit_date", "exit_status", "updated_at"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=participant,
        organisation=interview.event.organisation,
        detail={"fields": ["exit_date", "exit_status"], "interview": str(interview.public_id)},
    )


# The employers' links ------------------------------------------------------------------------


def link_expiry(event: Event) -> datetime:
    last_day = event.date + timedelta(days=settings.KOHTAAMO_EVENT_LINK_DAYS)
    return timezone.make_aware(datetime.combine(last_day, time.max))


@transaction.atomic
def issue_links(*, event: Event, actor) -> dict[EventEmployer, str]:
    """A new link for each employer with a contact's email (its earlier links stop working),
    mailed after the commit. Returns the tokens, which are stored nowhere."""
    if not perms.can_manage(actor, event):
        raise PermissionError("Only the event's organisers send the links")
    participations = event.employers.filter(cancelled_at__isnull=True).exclude(contact_email="")
    tokens = {}
    for participation in participations.select_related("employer"):
        tokens[participation] = _issue(participation)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=participation,
            organisation=_organisation(actor, event),
            detail={"link": "issued"},
        )
    return tokens


def _issue(participation: EventEmployer) -> str:
    now = timezone.now()
    participation.links.filter(expires_at__gt=now).update(expires_at=now)
    token = secrets.token_urlsafe(32)
    FollowUpLink.objects.create(
        event_employer=participation,
        token_hash=hash_token(token),
        expires_at=link_expiry(participation.event),
        created_at=now,
    )
    transaction.on_commit(lambda: _mail_link(participation, token))
    return token


def link_url(token: str) -> str:
    path = reverse("www:event_employer_link", kwargs={"token": token})
    return settings.KOHTAAMO_BASE_URL.rstrip("/") + path


def _mail_link(participation: EventEmployer, token: str) -> None:
    """The mail names the event and the organiser, never a job seeker."""
    event = participation.event
    subject = _("%(event)s: your interviews") % {"event": event.title}
    body = _(
        "Hello %(receiver)s,\n\nthank you for taking part in %(event)s on %(date)s. Here you "
        "can see your interview schedule and, from the event day on, tell us what came of "
        "each interview (the link works until %(expires)s):\n\n%(url)s\n\n%(organisation)s\n"
    ) % {
        "receiver": participation.contact_name,
        "event": event.title,
        "date": date_format(event.date),
        "expires": date_format(link_expiry(event).date()),
        "url": link_url(token),
        "organisation": event.organisation.name,
    }
    try:
        send_mail(subject, body, None, [participation.contact_email])
    except (OSError, smtplib.SMTPException):
        logger.exception("Could not mail the event link of participation %s", participation.pk)


def participation_for_token(token: str) -> EventEmployer:
    """The participation a usable link opens (and marks used now); InvalidEventLink else."""
    link = (
        FollowUpLink.objects.select_related("event_employer__event", "event_employer__employer")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )
    if link is None or not link.is_usable() or link.event_employer.cancelled_at is not None:
        raise InvalidEventLink
    link.last_used_at = timezone.now()
    link.save(update_fields=["last_used_at"])
    return link.event_employer


# The organisers' overview --------------------------------------------------------------------


@dataclass
class EmployerFollowUp:
    participation: EventEmployer
    interviews: int
    recorded: int
    link_sent_at: datetime | None
    link_expires_at: datetime | None


def overview(event: Event) -> list[EmployerFollowUp]:
    """Per employer: interviews, outcomes recorded and the latest usable link (no tokens)."""
    now = timezone.now()
    rows = []
    for participation in event.employers.filter(cancelled_at__isnull=True).select_related(
        "employer"
    ):
        interviews = list(participation.interviews.values_list("outcome", flat=True))
        link = participation.links.filter(expires_at__gt=now).order_by("-created_at").first()
        rows.append(
            EmployerFollowUp(
                participation=participation,
                interviews=len(interviews),
                recorded=sum(1 for o in interviews if o),
                link_sent_at=link.created_at if link else None,
                link_expires_at=link.expires_at if link else None,
            )
        )
    return rows
