"""Erasing a job seeker's personal data on request, keeping the anonymous statistics.

What goes: everything that names, reaches or describes the person in words — names (replaced by
`ERASED_NAME`, a dash, the same in every language), email, phone, identity code, the note and
the strengths and development texts, the evidence texts of competences, job titles and employer
names of the work history, the languages, and the person's own login (username, names, email,
password, open sessions, API tokens), also where the admin site's change log repeats a name.

What stays, for the EU social fund's participant statistics and the region's aggregates: year of
birth, gender, municipality, education level, unemployment start, the target-group flags,
status, wishes, competences (concept, level, source, validity), occupations and years of the
work history, consents (organisation, scope, dates) and the EU social fund participant records
(dates, statuses, gender and age at entry), and event registrations with their interviews and
outcomes (for the events' statistics; their notes and comments go). None of these names the
person. The path to work, the referrals and the learning environment periods go: their free
texts (goals, notes, messages, answers) may describe the person.

The record itself stays, with `erased_at` set, so that the audit trail still points at
something; `Client.objects.visible_to` leaves erased records out of every list and page.
The audit trail is append-only and holds ids only; erasure checks that it holds nothing of the
person and says so in its report.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kohtaamo.accounts.models import ApiToken
from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients import perms
from kohtaamo.clients.models import Client
from kohtaamo.events.models import Interview
from kohtaamo.organisations.enums import Role
from kohtaamo.paths.models import Path

logger = logging.getLogger(__name__)

ERASED_NAME = "—"
DB_SESSION_ENGINES = (
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
)


class ErasureReason(models.TextChoices):
    """Why the data was erased. A choice, not free text: a free reason could name the person."""

    REQUEST = "request", gettext_lazy("the person asked for it (GDPR, Article 17)")
    NOT_NEEDED = "not_needed", gettext_lazy("the record is no longer needed")
    MISTAKE = "mistake", gettext_lazy("the record was made by mistake or twice")


ERASED_ITEMS = {
    "name": gettext_lazy("first and last name"),
    "email": gettext_lazy("email"),
    "phone": gettext_lazy("phone"),
    "identity_code": gettext_lazy("personal identity code"),
    "note": gettext_lazy("note"),
    "strengths_and_development": gettext_lazy("texts on strengths and development needs"),
    "competence_evidence": gettext_lazy("evidence texts of competences"),
    "work_history_texts": gettext_lazy("job titles and employers of the work history"),
    "languages": gettext_lazy("languages"),
    "matches": gettext_lazy("stored matches with vacancies"),
    "path": gettext_lazy("the path to work: goals, steps and their log"),
    "referrals": gettext_lazy("referrals, their messages and answers"),
    "environment_periods": gettext_lazy(
        "learning environment periods (the competences they gave stay)"
    ),
    "event_texts": gettext_lazy("notes of event registrations and employers' interview comments"),
    "login": gettext_lazy("the person's login: username, name, email and password"),
    "sessions": gettext_lazy("open sessions of the login"),
    "api_tokens": gettext_lazy("API tokens of the login"),
    "admin_log": gettext_lazy("names in the admin site's change log"),
}
KEPT_ITEMS = {
    "birth_year": gettext_lazy("year of birth (for age groups)"),
    "gender": gettext_lazy("gender"),
    "municipality": gettext_lazy("municipality"),
    "education_level": gettext_lazy("education level"),
    "unemployment_start": gettext_lazy("unemployed since (for the long-term unemployed)"),
    "target_groups": gettext_lazy("target-group flags: immigrant, partial work ability"),
    "status": gettext_lazy("status and the date of last contact"),
    "wishes": gettext_lazy("wished occupations, municipalities and working conditions"),
    "competences": gettext_lazy("competences: concept, level, source and validity"),
    "work_history": gettext_lazy("work history: occupations and years"),
    "consents": gettext_lazy("consents: organisation, scope and dates"),
    "esf_records": gettext_lazy(
        "EU social fund participant records: dates, statuses, gender and age at entry"
    ),
    "event_records": gettext_lazy(
        "event registrations, interview slots and outcomes (for the events' statistics)"
    ),
}
PERSONAL_TEXTS = ("note", "identity_code", "email", "phone")
OWN_TEXTS = (
    "strengths_counsellor",
    "strengths_own",
    "development_counsellor",
    "development_own",
)
# Every model that points to a client, and how erasure treats it (a test keeps this complete).
RELATED_MODELS = {
    "clients.clientlanguage": "deleted",
    "clients.clientcompetence": "evidence emptied",
    "clients.workhistoryentry": "title and employer emptied",
    "clients.consent": "kept",
    "matches.storedmatch": "deleted",
    "paths.path": "deleted",
    "paths.referral": "deleted",
    "recognition.environmentperiod": "deleted",
    "esf.participant": "kept",
    "events.registration": "note and the interviews' comments emptied",
}


@dataclass(frozen=True)
class ErasureReport:
    """What erasure did. Counts and item names only: it is stored in the ERASE audit event."""

    client_id: str
    reason: str
    erased_at: datetime
    erased: dict[str, int]  # item of ERASED_ITEMS -> values or rows erased
    kept: tuple[str, ...]  # items of KEPT_ITEMS
    audit_events_checked: int
    audit_events_with_personal_data: int

    def erased_items(self) -> list[tuple[str, int]]:
        return [(str(ERASED_ITEMS[key]), self.erased.get(key, 0)) for key in ERASED_ITEMS]

    def kept_items(self) -> list[str]:
        return [str(KEPT_ITEMS[key]) for key in self.kept]

    def reason_label(self) -> str:
        return str(ErasureReason(self.reason).label)

    def as_detail(self) -> dict:
        return {
            "reason": self.reason,
            "erased_at": self.erased_at.isoformat(),
            "erased": self.erased,
            "kept": list(self.kept),
            "audit_events_checked": self.audit_events_checked,
            "audit_events_with_personal_data": self.audit_events_with_personal_data,
        }

    @classmethod
    def from_event(cls, event: AuditEvent) -> ErasureReport:
        detail = event.detail
        return cls(
            client_id=event.object_id,
            reason=detail["reason"],
            erased_at=parse_datetime(detail["erased_at"]),
            erased=detail["erased"],
            kept=tuple(detail["kept"]),
            audit_events_checked=detail["audit_events_checked"],
            audit_events_with_personal_data=detail["audit_events_with_personal_data"],
        )


# Access ----------------------------------------------------------------------------------


def erasable_by(user) -> QuerySet[Client]:
    """Records the user may erase, erased ones included (for their report): those of the
    organisations where the user is an active organisation admin."""
    admin_of = perms.working_memberships(user).filter(role=Role.ORGANISATION_ADMIN)
    return Client.objects.filter(organisation__in=admin_of.values("organisation"))


def last_report(client: Client) -> ErasureReport | None:
    """The report of the client's erasure, read back from its audit event."""
    event = AuditEvent.objects.for_object(client).filter(action=AuditAction.ERASE).order_by().last()
    return ErasureReport.from_event(event) if event else None


@transaction.atomic
def record_view_before_erasure(*, actor, client: Client) -> None:
    """The confirmation page shows the person's name so that the admin erases the right
    person: that is a view of personal data, audited like any other."""
    audit.record(
        actor=actor,
        action=AuditAction.VIEW,
        obj=client,
        organisation=client.organisation,
        detail={"purpose": "erasure"},
    )


# Erasure ---------------------------------------------------------------------------------


@transaction.atomic
def erase_client(*, actor, client: Client, reason: str) -> ErasureReport:
    """Erase the person's data (see the module docstring); one ERASE audit event with counts.

    Only an admin of the owner organisation may (PermissionError otherwise); a record already
    erased, or an unknown reason, is a ValidationError.
    """
    if not erasable_by(actor).filter(pk=client.pk).exists():
        raise PermissionError("Only an admin of the owner organisation erases a job seeker")
    client = Client.objects.select_for_update().get(pk=client.pk)
    if client.erased_at is not None:
        raise ValidationError(_("The personal data of this job seeker has already been erased."))
    if reason not in ErasureReason.values:
        raise ValidationError({"reason": _("Choose why the data is erased.")})
    identifiers, user = _identifiers(client), client.user
    checked, leaking = _check_audit_trail(client, user, identifiers)
    erased = _erase_record(client) | _erase_related(client) | _erase_login(client, user)
    erased["admin_log"] = _erase_admin_log(client, user)
    client.erased_at = client.updated_at = timezone.now()
    client.save()
    report = ErasureReport(
        client_id=str(client.public_id),
        reason=reason,
        erased_at=client.erased_at,
        erased=erased,
        kept=tuple(KEPT_ITEMS),
        audit_events_checked=checked,
        audit_events_with_personal_data=leaking,
    )
    audit.record(
        actor=actor,
        action=AuditAction.ERASE,
        obj=client,
        organisation=client.organisation,
        detail=report.as_detail(),
    )
    return report


def _erase_record(client: Client) -> dict[str, int]:
    erased = {"name": 1}
    client.first_name = client.last_name = ERASED_NAME
    for name in PERSONAL_TEXTS:
        erased[name] = int(bool(getattr(client, name)))
        setattr(client, name, "")
    erased["strengths_and_development"] = sum(bool(getattr(client, n)) for n in OWN_TEXTS)
    for name in OWN_TEXTS:
        setattr(client, name, "")
    return erased


def _erase_related(client: Client) -> dict[str, int]:
    languages, _by_model = client.languages.all().delete()
    matches, _by_model = client.stored_matches.all().delete()
    paths, _by_model = Path.objects.filter(client=client).delete()
    referrals = client.referrals.count()
    client.referrals.all().delete()
    periods = client.environment_periods.count()
    client.environment_periods.all().delete()
    registrations = client.event_registrations.all()
    event_texts = registrations.exclude(note="").update(note="") + Interview.objects.filter(
        registration__in=registrations
    ).exclude(outcome_note="").update(outcome_note="")
    return {
        "matches": matches,
        "path": paths,
        "referrals": referrals,
        "environment_periods": periods,
        "event_texts": event_texts,
        "competence_evidence": client.competences.exclude(evidence="").update(evidence=""),
        "work_history_texts": client.work_history.filter(
            ~Q(title="") | ~Q(employer_name="")
        ).update(title="", employer_name=""),
        "languages": languages,
    }


def _erase_login(client: Client, user) -> dict[str, int]:
    """The person's own login is emptied and locked, not deleted: audit events point to it.

    A login that also works in an organisation (a member, or staff) is someone's working
    account: it is only detached from the record.
    """
    client.user = None
    if user is None or user.is_staff or user.is_superuser or user.memberships.exists():
        return {"login": 0, "sessions": 0, "api_tokens": 0}
    user.username = f"erased-{uuid.uuid4().hex}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = False
    user.set_unusable_password()  # also invalidates sessions kept outside the database
    user.save()
    tokens, _by_model = ApiToken.objects.filter(user=user).delete()
    return {"login": 1, "sessions": _end_sessions(user), "api_tokens": tokens}


def _end_sessions(user) -> int:
    if settings.SESSION_ENGINE not in DB_SESSION_ENGINES:
        return 0
    from django.contrib.sessions.models import Session

    mine = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]
    deleted, _by_model = Session.objects.filter(pk__in=mine).delete()
    return deleted


def _erase_admin_log(client: Client, user) -> int:
    """The admin site's log repeats an object's name (`str(client)`) in `object_repr`."""
    from django.contrib.admin.models import LogEntry

    targets = Q(content_type=ContentType.objects.get_for_model(Client), object_id=str(client.pk))
    if user is not None:
        user_type = ContentType.objects.get_for_model(user)
        targets |= Q(content_type=user_type, object_id=str(user.pk))
    return LogEntry.objects.filter(targets).update(object_repr=ERASED_NAME, change_message="")


def _identifiers(client: Client) -> list[re.Pattern]:
    """Patterns of the person's data in a text: names as whole words, the rest literally."""
    names = [client.first_name, client.last_name]
    texts = [client.email, client.phone, client.identity_code]
    texts += [getattr(client, name) for name in ("note", *OWN_TEXTS)]
    texts += client.competences.values_list("evidence", flat=True)
    for title, employer in client.work_history.values_list("title", "employer_name"):
        texts += [title, employer]
    patterns = [re.compile(rf"\b{re.escape(n)}\b", re.IGNORECASE) for n in names if len(n) > 1]
    literal = {t.strip() for t in texts if len(t.strip()) > 3}
    return patterns + [re.compile(re.escape(t), re.IGNORECASE) for t in sorted(literal)]


def _check_audit_trail(client: Client, user, identifiers: list[re.Pattern]) -> tuple[int, int]:
    """How many audit events are about the person, and how many of them hold personal data.

    The trail is append-only (the database refuses changes), so a finding cannot be fixed
    here; it is logged with event ids and counted in the report for the admin to escalate.
    """
    consent_ids = [str(i) for i in client.consents.values_list("public_id", flat=True)]
    about = (
        Q(object_type=Client._meta.label_lower, object_id=str(client.public_id))
        | Q(object_type="clients.consent", object_id__in=consent_ids)
        | Q(detail__icontains=str(client.public_id))
    )
    if user is not None:
        about |= Q(actor=user)
    checked, leaking = 0, []
    for event_id, detail in AuditEvent.objects.filter(about).values_list("id", "detail"):
        checked += 1
        text = json.dumps(detail, ensure_ascii=False)
        if any(pattern.search(text) for pattern in identifiers):
            leaking.append(event_id)
    if leaking:
        logger.error("Audit events %s hold personal data of an erased client", leaking)
    return checked, len(leaking)
