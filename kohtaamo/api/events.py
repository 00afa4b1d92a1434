"""Matchmaking events for integrations: list and create events, run and read their schedules.

Every staff member sees the published events and their own events in preparation; only the
organisers (members of the organiser or a co-organiser in an organising role) run and read a
schedule, which names job seekers: anyone else gets 404, the same as for an unknown event.
Bad input answers 422 naming the field, in the shape of the schema errors.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Literal
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from kohtaamo.api.errors import field_errors
from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.esf.models import Project
from kohtaamo.events import perms, report, schedules, services
from kohtaamo.events.enums import RegistrationStatus
from kohtaamo.events.models import Event, EventEmployer, Interview, Registration, ScheduleRun
from kohtaamo.geo.models import Municipality
from kohtaamo.organisations.models import Organisation

router = Router(tags=["events"])

MESSAGES_LANGUAGE = "en"  # errors for integrations stay the same whatever the UI
KindName = Literal[
    "speed_dating", "fair", "company_visits", "info_session", "webinar", "hybrid"
]  # fmt: skip


class OrganisationOut(Schema):
    public_id: UUID
    name: str


class CountsOut(Schema):
    """Counts of people are exact for the event's organisers; for anyone else a count of 1-4
    is null, as in every aggregate of Kohtaamo."""

    employers: int = Field(description="Employers taking part (not cancelled)")
    tables: int = Field(description="Interview tables in all: interviewers per slot")
    registered: int | None = Field(description="Job seekers registered; null when 1-4")
    waiting: int | None = Field(description="Job seekers on the waiting list; null when 1-4")
    interviews: int | None = Field(description="Interviews in the stored schedule; null when 1-4")


class EventOut(Schema):
    public_id: UUID
    title: str
    kind: KindName
    date: date
    start: datetime = Field(description="When the first slot starts (Europe/Helsinki)")
    end: datetime = Field(description="When the last slot ends")
    place: str
    municipality: str | None = Field(description="Municipality code")
    online_url: str
    languages: list[str]
    organiser: OrganisationOut
    co_organisers: list[OrganisationOut]
    project: str | None = Field(description="Code of the EU social fund project, if any")
    slot_minutes: int
    slots: int = Field(description="Number of interview slots")
    breaks: list[int] = Field(description="Slots without interviews, counted from 1")
    seeker_capacity: int | None = Field(description="Places for job seekers; null: no limit")
    min_interviews: int
    max_interviews: int
    published: bool
    registration_open: bool
    counts: CountsOut
    url: str = Field(description="The event's page in Kohtaamo")


class EventPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[EventOut]


class EventFilters(Schema):
    kind: KindName | Literal[""] = ""
    date_from: date | None = Field(None, description="Only events on or after this day")
    date_to: date | None = Field(None, description="Only events on or before this day")
    own: bool = Field(False, description="Only the events the caller organises")
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=200)


class EventIn(Schema):
    title: str = Field(..., max_length=200, examples=["Duunitreffit: matkailu ja palvelut"])
    kind: KindName = Field(..., description="speed_dating, fair and hybrid have interviews")
    description: str = ""
    date: date
    start_time: time = Field(..., description="When the first slot starts", examples=["13:00"])
    slot_minutes: int = Field(10, description="5-120")
    slot_count: int = Field(12, description="1-48")
    breaks: list[int] = Field([], description="Slots without interviews, counted from 1")
    place: str = Field("", max_length=200, description="Required unless a webinar")
    municipality: str = Field("", description="Municipality code, e.g. 698")
    online_url: str = Field("", description="Required for a webinar or hybrid event")
    languages: list[str] = Field([], description="Language codes, e.g. fi, sv, en")
    seeker_capacity: int | None = Field(None, description="Beyond it registrations wait")
    min_interviews: int = 1
    max_interviews: int = 3
    published: bool = False
    registration_open: bool = True
    project: str = Field("", description="Code of an EU social fund project, e.g. S30634")
    organisation: UUID | None = Field(
        None,
        description="public_id of the organising organisation. Required when the caller "
        "organises for several; else the caller's one.",
    )
    co_organisers: list[UUID] = Field([], description="public_ids of co-organising organisations")


class InterviewOut(Schema):
    seeker: UUID = Field(description="public_id of the job seeker's registration")
    seeker_name: str
    employer: UUID = Field(description="public_id of the employer")
    employer_name: str
    vacancy: UUID | None = Field(description="The employer's vacancy that fits best")
    slot: int = Field(description="Counted from 1")
    starts_at: datetime
    ends_at: datetime
    table: int = Field(description="The employer's table, from 1")
    fit: float = Field(description="Match quality 0-1 from the matching engine")
    outcome: str = Field(description="Recorded outcome, or empty")


class ScheduleOut(Schema):
    event: UUID
    kind: Literal["schedule", "replan"] | None = Field(description="Of the latest run")
    interviews: list[InterviewOut]
    objective: float | None = Field(description="Total match quality of the latest run")
    bound: float | None = Field(description="Proven upper bound of the objective")
    gap: float | None = Field(description="Optimality gap: (bound - objective) / bound; 0 optimal")
    seconds: float | None
    kept: int | None = Field(description="Interviews a re-plan kept in place")
    seekers_without_interview: list[UUID] = Field(
        description="Registrations that got no interview (no employer fits them)"
    )
    unmet_must_meet: int | None


class FieldError(Schema):
    loc: list[str | int]
    msg: str


class ValidationErrorOut(Schema):
    detail: list[FieldError]


class Message(Schema):
    detail: str


@router.get("", response=EventPage, summary="List events")
def list_events(request: HttpRequest, filters: Query[EventFilters]):
    """Published events and the caller's own events in preparation, newest first, with their
    counts of employers, registrations and interviews (no names)."""
    events = Event.objects.managed_by(request.user) if filters.own else _visible(request.user)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.date_from:
        events = events.filter(date__gte=filters.date_from)
    if filters.date_to:
        events = events.filter(date__lte=filters.date_to)
    paginator = Paginator(_counted(events), filters.page_size)
    page = list(paginator.page(filters.page)) if filters.page <= paginator.num_pages else []
    managed = set(
        Event.objects.managed_by(request.user)
        .filter(pk__in=[e.pk for e in page])
        .values_list("pk", flat=True)
    )
    return {
        "count": paginator.count,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [event_out(e, manages=e.pk in managed) for e in page],
    }


@router.post(
    "",
    response={201: EventOut, 422: ValidationErrorOut},
    summary="Create an event",
)
def create_event(request: HttpRequest, body: EventIn):
    """Create an event of one of the caller's organising organisations (coordinators, company
    coordinators and organisation admins). Each problem answers 422 naming its field, e.g.
    `place` for an event on site without one, `organisation` for a caller who cannot
    organise events."""
    fields = body.model_dump(exclude={"organisation", "co_organisers", "project", "municipality"})
    try:
        with translation.override(MESSAGES_LANGUAGE):
            organisation = _organisation_for(request.user, body.organisation)
            event = services.create_event(
                actor=request.user,
                organisation=organisation,
                co_organisers=_co_organisers(body.co_organisers),
                project=_project(request.user, body.project),
                municipality=_municipality(body.municipality),
                **fields,
            )
    except ValidationError as exc:
        return Status(422, {"detail": field_errors(exc)})
    return Status(201, event_out(_counted(Event.objects.filter(pk=event.pk)).get(), manages=True))


@router.post(
    "/{public_id}/schedule",
    response={200: ScheduleOut, 404: Message, 422: ValidationErrorOut},
    summary="Run the optimiser",
)
def run_schedule(request: HttpRequest, public_id: UUID, replan: bool = False):
    """Organisers only. Chooses who meets whom and when, maximising the total match quality
    under the rules (a seeker once per slot, tables' capacity, breaks, slots away, interviews
    per seeker, must / must not meet wishes) and stores the interviews. `replan=true` after late
    cancellations keeps every interview that can stay in its slot and at its table and fills
    the freed tables; a new schedule from scratch is refused (422 naming `schedule`) once
    outcomes are recorded. The answer is the stored schedule, as the GET gives it."""
    event = _managed(request, public_id)
    run = schedules.replan if replan else schedules.run_schedule
    try:
        with translation.override(MESSAGES_LANGUAGE):
            run(actor=request.user, event=event)
    except ValidationError as exc:
        return Status(422, {"detail": field_errors(exc)})
    except PermissionDenied as exc:
        raise HttpError(404, "No such event") from exc
    return _schedule(request, event)


@router.get(
    "/{public_id}/schedule",
    response={200: ScheduleOut, 404: Message},
    summary="The stored schedule",
)
def get_schedule(request: HttpRequest, public_id: UUID):
    """Organisers only: the interviews of the event in slot order with the latest run's
    objective, proven bound and gap. Empty interviews and null figures before the first run.
    Reading it is recorded in the audit log (it names job seekers)."""
    return _schedule(request, _managed(request, public_id))


# Helpers -------------------------------------------------------------------------------------


def _visible(user):
    return Event.objects.visible_to(user)


def _counted(events):
    """The events with their counts, each a subquery (joins would multiply one another)."""
    employers = EventEmployer.objects.filter(event=OuterRef("pk"), cancelled_at__isnull=True)
    registrations = Registration.objects.filter(event=OuterRef("pk"))
    return (
        events.select_related("organisation", "project", "municipality")
        .prefetch_related("co_organisers")
        .annotate(
            n_employers=_aggregate(employers, Count("id")),
            n_tables=_aggregate(employers, Sum("tables")),
            n_registered=_aggregate(
                registrations.filter(status=RegistrationStatus.REGISTERED), Count("id")
            ),
            n_waiting=_aggregate(
                registrations.filter(status=RegistrationStatus.WAITING), Count("id")
            ),
            n_interviews=_aggregate(Interview.objects.filter(event=OuterRef("pk")), Count("id")),
        )
        .order_by("-date", "-start_time", "id")
    )


def _aggregate(rows, aggregate):
    value = rows.order_by().values("event").annotate(value=aggregate).values("value")
    return Coalesce(Subquery(value), 0)


def _managed(request, public_id: UUID) -> Event:
    event = Event.objects.managed_by(request.user).filter(public_id=public_id).first()
    if event is None:
        raise HttpError(404, "No such event")
    return event


def _organisation_for(user, public_id: UUID | None) -> Organisation:
    organisations = list(perms.organising_organisations(user).order_by("name"))
    if public_id is None:
        if len(organisations) == 1:
            return organisations[0]
        if not organisations:
            raise ValidationError({"organisation": "Your roles do not allow organising events"})
        raise ValidationError(
            {"organisation": "You organise for several organisations: give the public_id of one"}
        )
    found = [o for o in organisations if o.public_id == public_id]
    if not found:
        raise ValidationError({"organisation": "Not one of the organisations you organise for"})
    return found[0]


def _co_organisers(public_ids: list[UUID]) -> list[Organisation]:
    found = list(Organisation.objects.filter(public_id__in=public_ids, is_active=True))
    if len(found) != len(set(public_ids)):
        raise ValidationError({"co_organisers": "No such organisation"})
    return found


def _project(user, code: str) -> Project | None:
    """A project the caller's organisations run or take part in."""
    if not code:
        return None
    organisations = perms.organising_organisations(user)
    project = (
        Project.objects.filter(code=code.strip())
        .filter(Q(organisation__in=organisations) | Q(partners__in=organisations))
        .first()
    )
    if project is None:
        raise ValidationError({"project": "No such project among your organisations' projects"})
    return project


def _municipality(code: str) -> Municipality | None:
    if not code:
        return None
    found = Municipality.objects.filter(code=code.strip().zfill(3)).first()
    if found is None:
        raise ValidationError({"municipality": "No such municipality code"})
    return found


def _schedule(request, event: Event) -> dict:
    interviews = list(
        Interview.objects.with_people()
        .filter(event=event)
        .order_by("slot", "event_employer__table_label", "event_employer_id", "table")
    )
    audit.record(
        actor=request.user,
        action=AuditAction.VIEW,
        obj=event,
        organisation=perms.acting_organisation(request.user, event),
        detail={
            "api": True,
            "schedule": True,
            "clients": sorted({str(i.registration.client.public_id) for i in interviews}),
        },
    )
    return schedule_out(event, schedules.latest_run(event), interviews)


def schedule_out(event: Event, run: ScheduleRun | None, interviews: list[Interview]) -> dict:
    return {
        "event": event.public_id,
        "kind": run.kind if run else None,
        "interviews": [interview_out(i) for i in interviews],
        "objective": run.objective if run else None,
        "bound": run.bound if run else None,
        "gap": run.gap if run else None,
        "seconds": run.seconds if run else None,
        "kept": run.kept if run else None,
        "seekers_without_interview": run.seekers_without_interview if run else [],
        "unmet_must_meet": run.unmet_must_meet if run else None,
    }


def interview_out(interview: Interview) -> dict:
    client = interview.registration.client
    employer = interview.event_employer.employer
    return {
        "seeker": interview.registration.public_id,
        "seeker_name": f"{client.first_name} {client.last_name}",
        "employer": employer.public_id,
        "employer_name": employer.name,
        "vacancy": interview.vacancy.public_id if interview.vacancy else None,
        "slot": interview.slot_number,
        "starts_at": interview.starts_at,
        "ends_at": interview.ends_at,
        "table": interview.table,
        "fit": interview.fit,
        "outcome": interview.outcome,
    }


def event_out(event: Event, *, manages: bool) -> dict:
    people = (lambda n: n) if manages else report.single
    return {
        "public_id": event.public_id,
        "title": event.title,
        "kind": event.kind,
        "date": event.date,
        "start": event.slot_start(0),
        "end": event.ends_at(),
        "place": event.place,
        "municipality": event.municipality.code if event.municipality else None,
        "online_url": event.online_url,
        "languages": list(event.languages or []),
        "organiser": _organisation_out(event.organisation),
        "co_organisers": [_organisation_out(o) for o in event.co_organisers.all()],
        "project": event.project.code if event.project else None,
        "slot_minutes": event.slot_minutes,
        "slots": event.slot_count,
        "breaks": list(event.breaks or []),
        "seeker_capacity": event.seeker_capacity,
        "min_interviews": event.min_interviews,
        "max_interviews": event.max_interviews,
        "published": event.published,
        "registration_open": event.registration_open,
        "counts": {
            "employers": event.n_employers,
            "tables": event.n_tables,
            "registered": people(event.n_registered),
            "waiting": people(event.n_waiting),
            "interviews": people(event.n_interviews),
        },
        "url": reverse("www:event", kwargs={"public_id": event.public_id}),
    }


def _organisation_out(organisation: Organisation) -> dict:
    return {"public_id": organisation.public_id, "name": organisation.name}
