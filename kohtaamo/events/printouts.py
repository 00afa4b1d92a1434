"""What the printouts, screens and calendar files of an event show.

One reading for the web page, the PDF and the calendar file, so that they agree: a job
seeker's interviews (time, employer, table, a one-line why), an employer's candidates with
each one's competence summary, and the room board. The competence summary shows the
employer only what the person agreed to: without `share_competences`, the name and nothing
else. Labels are in the reader's language. Access is checked by the caller; the audit rows
of views and exports are written here (`record_view`, `record_export`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.clients import perms as client_perms
from kohtaamo.clients.languages import language_name
from kohtaamo.clients.models import Client, ClientCompetence
from kohtaamo.competences.enums import CompetenceKind
from kohtaamo.matches.inputs import load_people, load_vacancies
from kohtaamo.matches.services import PARAMS, links
from kohtaamo.matching.explain import explain
from kohtaamo.taxonomy.search import display_labels
from kohtaamo.vacancies.models import Vacancy

from . import perms
from .models import Event, EventEmployer, Interview, Registration

EVENT_ZONE = ZoneInfo("Europe/Helsinki")
SUMMARY_REQUIREMENTS = 8  # requirements met named in a competence summary


@dataclass(frozen=True)
class CompetenceSummary:
    """What an employer may see of a candidate: everything below `name` only with consent."""

    name: str
    shared: bool
    met: list[str] = field(default_factory=list)  # the employer's requirements the person meets
    licences: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class InterviewLine:
    interview: Interview
    employer_name: str
    place: str  # the employer's table, e.g. "Pöytä 3 (interviewer 2)"
    why: str
    summary: CompetenceSummary | None = None  # employer's view only

    @property
    def starts_at(self) -> datetime:
        return self.interview.starts_at

    @property
    def ends_at(self) -> datetime:
        return self.interview.ends_at

    @property
    def seeker_name(self) -> str:
        return str(self.interview.registration.client)


@dataclass(frozen=True)
class SeekerSchedule:
    event: Event
    registration: Registration
    interviews: list[InterviewLine]


@dataclass(frozen=True)
class SlotRow:
    number: int  # from 1
    starts_at: datetime
    ends_at: datetime
    is_break: bool
    interviews: list[InterviewLine]


@dataclass(frozen=True)
class EmployerSchedule:
    event: Event
    participation: EventEmployer
    slots: list[SlotRow]

    @property
    def interview_count(self) -> int:
        return sum(len(s.interviews) for s in self.slots)


@dataclass(frozen=True)
class BoardSeat:
    employer_name: str
    place: str
    seeker: str  # first name and the initial of the surname


@dataclass(frozen=True)
class BoardSlot:
    number: int
    starts_at: datetime
    ends_at: datetime
    is_break: bool
    seats: list[BoardSeat]

    @property
    def is_now(self) -> bool:
        """The slot under way: the screen at the venue shows it first."""
        return self.starts_at <= timezone.now() < self.ends_at


# One-line why --------------------------------------------------------------------------------


def why_line(why: dict, labels: dict[str, str]) -> str:
    """E.g. "Meets 5 of 7 essential requirements: customer service, hygiene passport"."""
    named = ", ".join(labels.get(uri, uri) for uri in why.get("met", []))
    essential, essential_met = why.get("essential", 0), why.get("essential_met", 0)
    if essential:
        head = ngettext(
            "Meets %(met)d of %(total)d essential requirement",
            "Meets %(met)d of %(total)d essential requirements",
            essential,
        ) % {"met": essential_met, "total": essential}
    elif why.get("met_count"):
        count = why["met_count"]
        head = ngettext("Meets %(count)d requirement", "Meets %(count)d requirements", count) % {
            "count": count
        }
    else:
        return _("Fits the employer's vacancies")
    return f"{head}: {named}" if named else head


def _why_labels(interviews) -> dict[str, str]:
    uris = sorted({uri for i in interviews for uri in (i.why or {}).get("met", [])})
    return display_labels(uris, None) if uris else {}


def table_place(participation: EventEmployer, table: int) -> str:
    """Where the interview is held: the employer's table, and which interviewer if several."""
    label = participation.table_label or str(participation.employer)
    if participation.tables > 1:
        return _("%(table)s (interviewer %(number)d)") % {"table": label, "number": table}
    return label


def _line(interview: Interview, labels: dict, summary: CompetenceSummary | None = None):
    return InterviewLine(
        interview=interview,
        employer_name=str(interview.event_employer.employer),
        place=table_place(interview.event_employer, interview.table),
        why=why_line(interview.why or {}, labels),
        summary=summary,
    )


def _interviews(event: Event):
    return (
        Interview.objects.with_people()
        .filter(event=event)
        .select_related("event_employer")
        .order_by("slot", "event_employer__table_label", "table", "id")
    )


# Job seekers ---------------------------------------------------------------------------------


def seeker_schedule(registration: Registration) -> SeekerSchedule:
    """The person's interviews in time order."""
    return seeker_schedules(registration.event, [registration])[0]


def seeker_schedules(event: Event, registrations=None) -> list[SeekerSchedule]:
    """Each registration's interviews (every active registration of the event by default), in
    a few queries: one page each in the handout."""
    if registrations is None:
        registrations = list(event.registrations.active().select_related("client"))
    interviews = list(_interviews(event).filter(registration__in=registrations))
    labels = _why_labels(interviews)
    by_registration: dict[int, list[InterviewLine]] = {}
    for interview in interviews:
        by_registration.setdefault(interview.registration_id, []).append(_line(interview, labels))
    return [
        SeekerSchedule(event=event, registration=r, interviews=by_registration.get(r.pk, []))
        for r in sorted(registrations, key=lambda r: (r.client.last_name, r.client.first_name))
    ]


# Employers -----------------------------------------------------------------------------------


def competence_summary(registration: Registration, participation: EventEmployer):
    """What the employer may see of the person (see `competence_summaries`)."""
    return competence_summaries([registration], participation)[registration.pk]


def competence_summaries(registrations, participation: EventEmployer) -> dict:
    """Per registration: the name, and with the person's consent the requirements of the
    employer's vacancies at the event they meet (essential first), their licences and
    languages. Without consent the name and `shared=False` only."""
    shared = [r for r in registrations if r.share_competences]
    clients = {r.client_id for r in shared}
    met = _requirements_met(clients, participation) if clients else {}
    licences = _licences(clients)
    languages = _languages(clients)
    return {
        r.pk: CompetenceSummary(
            name=str(r.client),
            shared=r.share_competences,
            met=met.get(r.client_id, []) if r.share_competences else [],
            licences=licences.get(r.client_id, []) if r.share_competences else [],
            languages=languages.get(r.client_id, []) if r.share_competences else [],
        )
        for r in registrations
    }


def _event_vacancies(participation: EventEmployer):
    named = participation.vacancies.all()
    if named.exists():
        return named
    return Vacancy.objects.open().filter(employer_id=participation.employer_id)


def _requirements_met(client_ids: set[int], participation: EventEmployer) -> dict[int, list[str]]:
    today = timezone.localdate()
    people = load_people(Client.objects.filter(pk__in=client_ids, erased_at__isnull=True))
    vacancies = load_vacancies(_event_vacancies(participation))
    expansion = links()
    found: dict[int, dict[str, tuple]] = {}
    for person in people:
        best = found.setdefault(person.id, {})
        for vacancy in vacancies:
            for m in explain(person.person, vacancy.vacancy, expansion, PARAMS, today).met:
                rank = (not m.essential, -m.importance)
                if m.uri not in best or rank < best[m.uri]:
                    best[m.uri] = rank
    labels = display_labels(sorted({u for met in found.values() for u in met}), None)
    return {
        client_id: [
            labels.get(uri, uri) for uri in sorted(met, key=lambda u: met[u])[:SUMMARY_REQUIREMENTS]
        ]
        for client_id, met in found.items()
    }


def _licences(client_ids: set[int]) -> dict[int, list[str]]:
    today = timezone.localdate()
    rows = list(
        ClientCompetence.objects.filter(
            client_id__in=client_ids, kind=CompetenceKind.LICENCE, confirmed=True
        )
        .exclude(expires_on__lt=today)
        .values_list("client_id", "uri")
    )
    labels = display_labels(sorted({uri for _c, uri in rows}), None)
    result: dict[int, list[str]] = {}
    for client_id, uri in rows:
        label = labels.get(uri, uri)
        if label not in result.setdefault(client_id, []):
            result[client_id].append(label)
    return result


def _languages(client_ids: set[int]) -> dict[int, list[str]]:
    from kohtaamo.clients.models import ClientLanguage

    result: dict[int, list[str]] = {}
    for client_id, code, level in ClientLanguage.objects.filter(
        client_id__in=client_ids
    ).values_list("client_id", "code", "level"):
        level_text = _("native") if level == "native" else level
        result.setdefault(client_id, []).append(f"{language_name(code)} ({level_text})")
    return result


def employer_schedule(participation: EventEmployer) -> EmployerSchedule:
    """The employer's slots in order, breaks marked, each with its candidates and their
    competence summaries (only what consent allows)."""
    return employer_schedules(participation.event, [participation])[0]


def employer_schedules(event: Event, participations=None) -> list[EmployerSchedule]:
    if participations is None:
        participations = list(
            event.employers.filter(cancelled_at__isnull=True).select_related("employer")
        )
    interviews = list(_interviews(event).filter(event_employer__in=participations))
    labels = _why_labels(interviews)
    schedules = []
    for participation in participations:
        own = [i for i in interviews if i.event_employer_id == participation.pk]
        summaries = competence_summaries([i.registration for i in own], participation)
        lines = [_line(i, labels, summaries[i.registration.pk]) for i in own]
        schedules.append(
            EmployerSchedule(event=event, participation=participation, slots=_slots(event, lines))
        )
    return schedules


def _slots(event: Event, lines: list[InterviewLine]) -> list[SlotRow]:
    breaks = event.break_slots
    return [
        SlotRow(
            number=slot + 1,
            starts_at=event.slot_start(slot),
            ends_at=event.slot_end(slot),
            is_break=slot in breaks,
            interviews=[line for line in lines if line.interview.slot == slot],
        )
        for slot in range(event.slot_count)
    ]


# Room board ----------------------------------------------------------------------------------


def short_name(client: Client) -> str:
    """First name and the initial of the surname: enough to find one's table on a screen."""
    initial = client.last_name[:1]
    return f"{client.first_name} {initial}." if initial else client.first_name


def _natural(label: str) -> tuple:
    """'Pöytä 2' before 'Pöytä 10'."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.lower())
                 for part in re.split(r"(\d+)", label))  # fmt: skip


def board(event: Event) -> list[BoardSlot]:
    """Per slot, who sits at which table (in the tables' order); no competence data."""
    interviews = sorted(
        _interviews(event),
        key=lambda i: (i.slot, _natural(i.event_employer.table_label), i.table, i.pk),
    )
    breaks = event.break_slots
    return [
        BoardSlot(
            number=slot + 1,
            starts_at=event.slot_start(slot),
            ends_at=event.slot_end(slot),
            is_break=slot in breaks,
            seats=[
                BoardSeat(
                    employer_name=str(i.event_employer.employer),
                    place=table_place(i.event_employer, i.table),
                    seeker=short_name(i.registration.client),
                )
                for i in interviews
                if i.slot == slot
            ],
        )
        for slot in range(event.slot_count)
    ]


# Calendar files ------------------------------------------------------------------------------


def _calendar() -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Kohtaamo//events//FI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    return calendar


def _vevent(line: InterviewLine, summary: str) -> icalendar.Event:
    interview, event = line.interview, line.interview.event
    vevent = icalendar.Event()
    vevent.add("uid", f"{interview.public_id}@kohtaamo")
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", interview.starts_at.astimezone(EVENT_ZONE))
    vevent.add("dtend", interview.ends_at.astimezone(EVENT_ZONE))
    vevent.add("summary", summary)
    if event.place:
        vevent.add("location", f"{event.place}, {line.place}")
    if event.online_url:
        vevent.add("url", event.online_url)
    vevent.add("description", f"{event.title}\n{line.why}")
    return vevent


def _ics(vevents: list[icalendar.Event]) -> bytes:
    calendar = _calendar()
    for vevent in vevents:
        calendar.add_component(vevent)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def ics_for_seeker(registration: Registration) -> bytes:
    """One VEVENT per interview; the UID stays the same when the file is loaded again."""
    lines = seeker_schedule(registration).interviews
    return _ics(
        [
            _vevent(line, _("Interview: %(employer)s") % {"employer": line.employer_name})
            for line in lines
        ]  # fmt: skip
    )


def ics_for_employer(participation: EventEmployer) -> bytes:
    lines = [line for slot in employer_schedule(participation).slots for line in slot.interviews]
    return _ics(
        [
            _vevent(line, _("Interview: %(person)s") % {"person": line.seeker_name})
            for line in lines
        ]  # fmt: skip
    )


# Audit ---------------------------------------------------------------------------------------


def _organisation(actor, event: Event, client: Client | None = None):
    return (
        perms.acting_organisation(actor, event)
        or (client_perms.acting_organisation(actor, client) if client else None)
        or (client.organisation if client else event.organisation)
    )


@transaction.atomic
def record_seeker_access(
    *, actor, registration: Registration, page: str, file_format: str = ""
) -> None:
    """A view (page) or an export (a file) of one person's schedule."""
    detail = {"event": str(registration.event.public_id), "page": page}
    if file_format:
        detail["format"] = file_format
    audit.record(
        actor=actor,
        action=AuditAction.EXPORT if file_format else AuditAction.VIEW,
        obj=registration.client,
        organisation=_organisation(actor, registration.event, registration.client),
        detail=detail,
    )


@transaction.atomic
def record_event_access(
    *, actor, event: Event, page: str, clients, file_format: str = "", obj=None
) -> None:
    """A page or file naming several people: one row names them all by public id."""
    detail = {
        "event": str(event.public_id),
        "page": page,
        "clients": sorted({str(c.public_id) for c in clients}),
    }
    if file_format:
        detail["format"] = file_format
    audit.record(
        actor=actor,
        action=AuditAction.EXPORT if file_format else AuditAction.VIEW,
        obj=obj or event,
        organisation=_organisation(actor, event),
        detail=detail,
    )
