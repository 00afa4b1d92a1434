"""Referrals whose outcome comes back: create, answer, follow up.

A referral sends a job seeker to a vacancy, an employer, a training offer or a service. The
receiving side (an employer's contact, a provider) usually has no account: it gets a one-time
link by mail and answers seen, interview, hired or not chosen through it. Only the SHA-256 of
the link's token is stored, so a database copy cannot answer for anyone; a new link voids the
old ones, an answer uses the link up and an ended referral voids every link.

Every status change goes through `change_referral_status`, which checks the workflow
(`kohtaamo.paths.transitions`), writes the `ReferralEvent` and the audit row in the same
transaction. Mails leave only after the transaction commits, so a failed mail server never
loses a referral and a rolled-back referral never mails a link.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import smtplib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients.enums import ConsentScope
from kohtaamo.clients.models import Client
from kohtaamo.clients.perms import acting_organisation, working_organisations
from kohtaamo.employers.models import Employer
from kohtaamo.organisations.models import Organisation
from kohtaamo.paths import transitions as flow
from kohtaamo.paths.models import (
    AnswerLink,
    Referral,
    ReferralEvent,
    ReferralKind,
    ReferralStatus,
    ServiceType,
)
from kohtaamo.training.models import TrainingOffer
from kohtaamo.vacancies.models import Vacancy

logger = logging.getLogger(__name__)

TARGET_FIELDS = {
    ReferralKind.VACANCY: ("vacancy", Vacancy),
    ReferralKind.EMPLOYER: ("employer", Employer),
    ReferralKind.TRAINING: ("training_offer", TrainingOffer),
    ReferralKind.SERVICE: ("service_type", ServiceType),
}
# What the receiving side may answer; withdrawing is the sender's decision.
LINK_ANSWERS = (
    ReferralStatus.SEEN,
    ReferralStatus.INTERVIEW,
    ReferralStatus.HIRED,
    ReferralStatus.NOT_CHOSEN,
)
ENDED = frozenset(
    s for s in flow.REFERRAL_TRANSITIONS if flow.is_final(flow.REFERRAL_TRANSITIONS, s)
)


class InvalidAnswerLink(Exception):
    """The token is unknown, used, expired or its referral has ended: callers answer all of
    these the same way, so that a guesser learns nothing."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# Creating ------------------------------------------------------------------------------------


@transaction.atomic
def create_referral(
    client: Client,
    *,
    kind: str,
    target,
    receiver_name: str = "",
    receiver_email: str = "",
    message: str = "",
    actor,
    organisation: Organisation,
    answer_due: date | None = None,
) -> tuple[Referral, str | None]:
    """Refer `client` to `target` (a Vacancy, Employer, TrainingOffer or ServiceType matching
    `kind`) on behalf of `organisation`. With a receiver's email, an answer link is mailed
    and its token returned (it is stored nowhere); without one, the token is None and the
    coordinator records the outcome. Errors are ValidationErrors keyed by field name."""
    _check_may_refer(actor, client, organisation)
    receiver_email = _clean_email(receiver_email)
    referral = Referral(
        client=client,
        organisation=organisation,
        kind=_clean_kind(kind),
        receiver_name=receiver_name.strip()[:200],
        receiver_email=receiver_email,
        message=message.strip(),
        created_by=actor,
    )
    _set_target(referral, target)
    today = timezone.localdate()
    referral.sent_on = today
    referral.answer_due = answer_due or today + timedelta(
        days=settings.KOHTAAMO_REFERRAL_ANSWER_DAYS
    )
    if referral.answer_due < today:
        raise ValidationError({"answer_due": _("The answer cannot be due before today.")})
    referral.full_clean(exclude=["client", "organisation", "created_by"])
    referral.save()
    ReferralEvent.objects.create(
        referral=referral, new_status=ReferralStatus.SENT, actor=actor, at=referral.created_at
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=referral,
        organisation=organisation,
        detail={"client": str(client.public_id), "kind": referral.kind},
    )
    token = _issue(referral, actor=actor) if receiver_email else None
    return referral, token


def _check_may_refer(actor, client: Client, organisation: Organisation) -> None:
    """The actor works for `organisation` and sees the person's competences through it
    (what a referral shares with the receiver is judged on that scope)."""
    if not working_organisations(actor).filter(pk=organisation.pk).exists():
        raise PermissionError("The actor does not work for the referring organisation")
    visible = Client.objects.visible_to(actor, ConsentScope.COMPETENCES)
    if not visible.filter(pk=client.pk).exists():
        raise PermissionError("The actor is not in the client's team")


def _clean_kind(kind: str) -> str:
    if kind not in ReferralKind.values:
        raise ValidationError({"kind": _("Choose what the person is referred to.")})
    return kind


def _clean_email(value: str) -> str:
    value = (value or "").strip()
    if value:
        try:
            validate_email(value)
        except ValidationError:
            raise ValidationError({"receiver_email": _("Enter a valid email address.")}) from None
    return value


def _set_target(referral: Referral, target) -> None:
    name, model = TARGET_FIELDS[referral.kind]
    if not isinstance(target, model):
        raise ValidationError({name: _("Choose what the person is referred to.")})
    setattr(referral, name, target)
    if referral.kind == ReferralKind.VACANCY:
        referral.employer = target.employer
    elif referral.kind == ReferralKind.TRAINING:
        referral.provider = target.provider


# Answer links --------------------------------------------------------------------------------


@transaction.atomic
def issue_answer_link(referral: Referral, *, actor) -> str:
    """A new answer link mailed to the receiver; the earlier links stop working. Refused for
    an ended referral and for one without a receiver's email."""
    if not Referral.objects.visible_to(actor).filter(pk=referral.pk).exists():
        raise PermissionError("The actor may not see the referral")
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.status in ENDED:
        raise ValidationError({"status": _("The referral has ended: it needs no answer.")})
    if not referral.receiver_email:
        raise ValidationError({"receiver_email": _("The referral has no receiver's email.")})
    token = _issue(referral, actor=actor)
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=referral,
        organisation=acting_organisation(actor, referral.client),
        detail={"answer_link": "issued"},
    )
    return token


def _issue(referral: Referral, *, actor) -> str:
    now = timezone.now()
    _void_links(referral, now)
    token = secrets.token_urlsafe(32)
    AnswerLink.objects.create(
        referral=referral,
        token_hash=hash_token(token),
        expires_at=now + timedelta(days=settings.KOHTAAMO_ANSWER_LINK_DAYS),
        created_at=now,
    )
    transaction.on_commit(lambda: _mail_link(referral, token))
    return token


def _void_links(referral: Referral, now) -> None:
    referral.answer_links.filter(used_at__isnull=True, expires_at__gt=now).update(expires_at=now)


def answer_url(token: str) -> str:
    path = reverse("www:referral_answer", kwargs={"token": token})
    return settings.KOHTAAMO_BASE_URL.rstrip("/") + path


def _mail_link(referral: Referral, token: str) -> None:
    """The mail names the referring organisation, never the person: the person's name is
    behind the link."""
    subject = _("A referral from %(organisation)s") % {"organisation": referral.organisation}
    body = _(
        "Hello %(receiver)s,\n\n%(organisation)s has referred a job seeker to you. "
        "You can see the referral and tell us what came of it here (the link works once, "
        "until %(expires)s):\n\n%(url)s\n\nThank you!\n"
    ) % {
        "receiver": referral.receiver_name,
        "organisation": referral.organisation,
        "expires": date_format(
            timezone.localdate() + timedelta(days=settings.KOHTAAMO_ANSWER_LINK_DAYS)
        ),
        "url": answer_url(token),
    }
    try:
        send_mail(subject, body, None, [referral.receiver_email])
    except (OSError, smtplib.SMTPException):
        # The referral is stored; the coordinator mails a new link from its page.
        logger.exception("Could not mail the answer link of referral %s", referral.public_id)


def referral_for_token(token: str, *, lock: bool = False) -> tuple[Referral, AnswerLink]:
    """The referral a usable link answers; InvalidAnswerLink for anything else."""
    links = AnswerLink.objects.select_related(
        "referral__client",
        "referral__organisation",
        "referral__vacancy__employer",
        "referral__employer",
        "referral__training_offer",
        "referral__service_type",
    )
    if lock:
        links = links.select_for_update(of=("self",))  # PostgreSQL: not the outer joins
    link = links.filter(token_hash=hash_token(token or "")).first()
    if link is None or not link.is_usable() or link.referral.status in ENDED:
        raise InvalidAnswerLink
    return link.referral, link


def link_choices(referral: Referral) -> list[tuple[str, str]]:
    """The answers the receiver may give now: forward from the referral's status."""
    allowed = flow.REFERRAL_TRANSITIONS[referral.status]
    return [(s.value, s.label) for s in LINK_ANSWERS if s in allowed]


@transaction.atomic
def answer_with_token(token: str, *, status: str, reason: str = "", comment: str = "") -> Referral:
    """The receiver's answer through the link; the link is used up with it. A bad answer
    (not allowed now, not chosen without a reason) raises ValidationError and leaves the link
    usable; a bad link raises InvalidAnswerLink."""
    referral, link = referral_for_token(token, lock=True)
    if status not in dict(link_choices(referral)):
        raise ValidationError({"status": _("Choose one of the answers offered.")})
    referral = change_referral_status(
        referral, status, reason=reason, comment=comment, via_link=True
    )
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    return referral


# Status --------------------------------------------------------------------------------------


@transaction.atomic
def change_referral_status(
    referral: Referral,
    new: str,
    *,
    reason: str = "",
    comment: str = "",
    actor=None,
    via_link: bool = False,
) -> Referral:
    """Move the referral along its workflow and log it. A user must be in the person's team
    (or the call come `via_link`); an ended referral stays ended, not chosen needs a reason,
    and only the sender withdraws. An ended referral's links stop working."""
    if not via_link and not Referral.objects.visible_to(actor).filter(pk=referral.pk).exists():
        raise PermissionError("The actor may not see the referral")
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    old = referral.status
    reason, comment = reason.strip()[:300], comment.strip()
    _check_transition(old, new, reason, via_link)
    now = timezone.now()
    referral.status = new
    referral.status_reason = reason
    if new != ReferralStatus.WITHDRAWN and referral.answered_at is None:
        referral.answered_at = now
    referral.save(update_fields=["status", "status_reason", "answered_at"])
    ReferralEvent.objects.create(
        referral=referral,
        old_status=old,
        new_status=new,
        reason=reason,
        comment=comment,
        actor=None if via_link else actor,
        via_link=via_link,
        at=now,
    )
    if new in ENDED:
        _void_links(referral, now)
    audit.record(
        actor=None if via_link else actor,
        action=AuditAction.UPDATE,
        obj=referral,
        organisation=referral.organisation
        if via_link
        else acting_organisation(actor, referral.client),
        detail={"fields": ["status"], "from": old, "to": new, "via_link": via_link},
    )
    return referral


def _check_transition(old: str, new: str, reason: str, via_link: bool) -> None:
    if new not in ReferralStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    if via_link and new == ReferralStatus.WITHDRAWN:
        raise ValidationError({"status": _("Only the referring organisation withdraws.")})
    try:
        flow.check_referral(old, new, reason)
    except flow.InvalidTransition as exc:
        if new in flow.REFERRAL_TRANSITIONS[old]:
            raise ValidationError({"reason": _("Say why the person was not chosen.")}) from exc
        raise ValidationError(
            {
                "status": _("A referral that is %(old)s cannot become %(new)s.")
                % {"old": ReferralStatus(old).label, "new": ReferralStatus(new).label}
            }
        ) from exc


def next_statuses(referral: Referral) -> list[tuple[str, str]]:
    """The statuses a coordinator may record now (forward only)."""
    allowed = flow.REFERRAL_TRANSITIONS[referral.status]
    return [(s.value, s.label) for s in ReferralStatus if s in allowed]


# Follow-up -----------------------------------------------------------------------------------


def days_waiting(referral: Referral, today: date | None = None) -> int:
    """Days from sending to the first answer, or to today while none has come."""
    end = timezone.localdate(referral.answered_at) if referral.answered_at else None
    return ((end or today or timezone.localdate()) - referral.sent_on).days


@dataclass
class OutcomeSummary:
    """What came of an organisation's referrals: counts by status, the overdue ones (sent,
    unanswered past their due date) and the share hired of those that ended with a result."""

    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    overdue: int = 0

    @property
    def hired_share(self) -> float | None:
        decided = self.by_status.get(flow.HIRED, 0) + self.by_status.get(flow.NOT_CHOSEN, 0)
        return self.by_status.get(flow.HIRED, 0) / decided if decided else None


def outcome_summary(referrals, *, today: date | None = None) -> OutcomeSummary:
    """Summarise a queryset of referrals (e.g. an organisation's visible ones): two queries."""
    counts = Counter(dict(_status_counts(referrals)))
    return OutcomeSummary(
        total=sum(counts.values()),
        by_status={s: counts.get(s, 0) for s in ReferralStatus.values},
        overdue=referrals.unanswered(today).count(),
    )


def _status_counts(referrals):
    return referrals.order_by().values_list("status").annotate(n=Count("id"))


# Reminders -----------------------------------------------------------------------------------

REMINDER_KIND = "unanswered_referrals"


@dataclass
class Reminder:
    user: object
    counts: dict[str, int]  # organisation name -> referrals overdue


def remind_unanswered(*, today: date | None = None, dry_run: bool = False) -> list[Reminder]:
    """Mail each coordinator who sent referrals now overdue how many, with a link to the
    outcome view; no names travel by mail. At most one mail a day per coordinator (an
    audit row records each), so the command may run as often as wanted."""
    today = today or timezone.localdate()
    overdue = Referral.objects.unanswered(today).filter(
        created_by__is_active=True, created_by__email__gt=""
    )
    users = {r.created_by for r in overdue.select_related("created_by")}
    reminders = []
    for user in sorted(users, key=lambda u: u.pk):
        visible = overdue.filter(created_by=user) & Referral.objects.visible_to(user)
        counts = Counter(visible.values_list("organisation__name", flat=True))
        if counts and not _reminded(user, today):
            reminders.append(Reminder(user=user, counts=dict(sorted(counts.items()))))
            if not dry_run:
                _send_reminder(user, reminders[-1], today)
    return reminders


def _reminded(user, day: date) -> bool:
    return AuditEvent.objects.filter(
        action=AuditAction.EXPORT,
        object_type="paths.referral",
        detail__kind=REMINDER_KIND,
        detail__user=user.pk,
        detail__day=day.isoformat(),
    ).exists()


@transaction.atomic
def _send_reminder(user, reminder: Reminder, day: date) -> None:
    audit.record(
        actor=None,
        action=AuditAction.EXPORT,
        object_type="paths.referral",
        detail={"kind": REMINDER_KIND, "user": user.pk, "day": day.isoformat()},
    )
    link = settings.KOHTAAMO_BASE_URL.rstrip("/") + reverse("www:referrals") + "?overdue=on"
    lines = [f"{name}: {count}" for name, count in reminder.counts.items()]
    body = _(
        "Hello,\n\nThese referrals you sent have had no answer by their due date:\n\n"
        "%(lines)s\n\nSee them, ask again or mail a new answer link here:\n%(link)s\n"
    ) % {"lines": "\n".join(lines), "link": link}
    subject = _("Referrals without an answer")
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))
