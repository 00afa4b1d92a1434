"""The organisers' event pages: the list, the event, its employers and tables, registrations
with the waiting list and wishes, the interview schedule (run and re-plan), and a job
seeker's events on their record.

An event is found through `Event.objects.visible_to` (published ones and the user's own) and
managed only through `Event.objects.managed_by`; a registration through
`Registration.objects.visible_to` (organisers: all; others: the people they see). Anyone else
gets 404. Every page that shows job seekers' names writes an audited VIEW row naming them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.clients import services as client_services
from kohtaamo.clients.models import Client
from kohtaamo.employers.models import Employer
from kohtaamo.events import perms, report, schedules, services
from kohtaamo.events.enums import EventKind, RegistrationStatus
from kohtaamo.events.models import Event, EventEmployer, Registration
from kohtaamo.www.events.forms import (
    LANGUAGES,
    ClientSearchForm,
    EmployerChoiceForm,
    EventForm,
    ParticipationForm,
    RegistrationForm,
    WishesForm,
)
from kohtaamo.www.paths.forms import add_service_errors, error_list

CANDIDATES = 20
PAST_SHOWN = 50
ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)

# The list and the event ---------------------------------------------------------------------


def event_list(request):
    """Upcoming events first (soonest first), then past ones (latest first); ?kind= filters."""
    events = Event.objects.visible_to(request.user).select_related("organisation")
    kind = request.GET.get("kind", "")
    if kind in EventKind.values:
        events = events.filter(kind=kind)
    events = events.annotate(
        registered=Count("registrations", filter=Q(registrations__status="registered")),
        waiting=Count("registrations", filter=Q(registrations__status="waiting")),
    )
    today = timezone.localdate()
    return render(
        request,
        "events/list.html",
        {
            "upcoming": events.filter(date__gte=today).order_by("date", "start_time", "id"),
            "past": events.filter(date__lt=today).order_by("-date", "-start_time")[:PAST_SHOWN],
            "kinds": EventKind.choices,
            "kind": kind if kind in EventKind.values else "",
            "can_organise": perms.can_organise(request.user),
        },
    )


def event_detail(request, public_id):
    event = _visible_event(request, public_id)
    manages = perms.can_manage(request.user, event)
    counts = dict(event.registrations.values_list("status").annotate(n=Count("id")).order_by())
    context = {
        "event": event,
        "manages": manages,
        "facts": _facts(event),
        "participations": event.employers.select_related("employer").prefetch_related("vacancies"),
        # Counts of people: exact for organisers, 1-4 hidden for everyone else.
        "counts": {
            s: counts.get(s, 0) if manages else report.single(counts.get(s, 0))
            for s in RegistrationStatus.values
        },
        "open_for_registration": Event.objects.open_for_registration().filter(pk=event.pk).exists(),
        "can_see_report": manages or report.can_see_report(request.user, event),
    }
    if manages and event.has_interviews:
        context["summary"] = _schedule_summary(request, event)
    return render(request, "events/detail.html", context)


def _facts(event: Event) -> dict:
    names = dict(LANGUAGES)
    return {
        "languages": [str(names.get(c, c)) for c in event.languages],
        "breaks": ", ".join(str(b) for b in event.breaks),
        "ends_at": event.ends_at(),
        "co_organisers": list(event.co_organisers.order_by("name")),
    }


def _schedule_summary(request, event: Event) -> dict | None:
    """The latest run: what the optimiser achieved and proved, and who got no interview."""
    run = schedules.latest_run(event)
    if run is None:
        return None
    # Everyone registered without an interview: no employer fits them, the fitting ones were
    # full, or they came after the latest run (a re-plan takes them in).
    without = list(
        event.registrations.active()
        .filter(interviews__isnull=True)
        .select_related("client")
        .order_by("client__last_name", "client__first_name", "id")
    )
    _record_people_view(request, event, [r.client for r in without], page="event")
    return {
        "run": run,
        "interviews": event.interviews.count(),
        "gap_percent": run.gap * 100,
        "without": without,
    }


def event_add(request):
    if not perms.can_organise(request.user):
        raise Http404
    initial = {"slot_minutes": 10, "slot_count": 12, "min_interviews": 1, "max_interviews": 3,
               "registration_open": True}  # fmt: skip
    if perms.organising_organisations(request.user).filter(pk=_org_pk(request)).exists():
        initial["organisation"] = _org_pk(request)
    form = EventForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                co_organisers=form.cleaned_data["co_organisers"],
                **form.event_values(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The event was created."))
            return redirect(event)
    return _render_form(request, "events/form.html", form)


def _org_pk(request):
    organisation = getattr(request, "organisation", None)
    return organisation.pk if organisation is not None else None


def event_edit(request, public_id):
    event = _managed_event(request, public_id)
    form = EventForm(
        request.POST or None, user=request.user, event=event, initial=EventForm.initial_for(event)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(
                actor=request.user,
                event=event,
                co_organisers=form.cleaned_data["co_organisers"],
                **form.event_values(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(event)
    return _render_form(request, "events/form.html", form, event=event)


# Employers -------------------------------------------------------------------------------------


def employer_add(request, public_id):
    """Choose the employer (?employer=), then its vacancies, tables and contact."""
    event = _managed_event(request, public_id)
    present = event.employers.filter(cancelled_at__isnull=True).values("employer")
    employers = (
        Employer.objects.visible_to(request.user).active().exclude(pk__in=present).order_by("name")
    )
    choice = EmployerChoiceForm(request.GET or None, employers=employers)
    if not choice.is_valid():
        return render(
            request,
            "events/employer_form.html",
            {"event": event, "choice": choice, "errors": error_list(choice) if choice.is_bound
             else []},
            status=400 if choice.is_bound else 200,
        )  # fmt: skip
    employer = choice.cleaned_data["employer"]
    form = ParticipationForm(
        request.POST or None, vacancies=employer.vacancies.open().order_by("title")
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_employer(
                actor=request.user, event=event, employer=employer, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s was added to the event.") % {"name": employer})
            return redirect(event)
    return _render_form(request, "events/employer_form.html", form, event=event, employer=employer)


def employer_edit(request, public_id, participation_id):
    event = _managed_event(request, public_id)
    participation = _participation(event, participation_id)
    employer = participation.employer
    vacancies = employer.vacancies.filter(
        Q(status="open") | Q(pk__in=participation.vacancies.values("pk"))
    ).order_by("title")
    initial = {f: getattr(participation, f) for f in services.EMPLOYER_FIELDS}
    initial["vacancies"] = list(participation.vacancies.all())
    form = ParticipationForm(request.POST or None, vacancies=vacancies, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_employer(
                actor=request.user, participation=participation, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(event)
    return _render_form(
        request,
        "events/employer_form.html",
        form,
        event=event,
        employer=employer,
        participation=participation,
    )


@require_POST
def employer_cancel(request, public_id, participation_id):
    event = _managed_event(request, public_id)
    participation = _participation(event, participation_id)
    services.cancel_employer(actor=request.user, participation=participation)
    messages.success(
        request,
        _("%(name)s was cancelled. Re-plan the schedule to fill the freed interviews.")
        % {"name": participation.employer},
    )
    return redirect(event)


def _participation(event: Event, participation_id) -> EventEmployer:
    return get_object_or_404(event.employers.select_related("employer"), public_id=participation_id)


# Registrations ---------------------------------------------------------------------------------


@dataclass
class RegistrationGroups:
    registered: list = field(default_factory=list)
    waiting: list = field(default_factory=list)
    cancelled: list = field(default_factory=list)


def registrations(request, public_id):
    """Organisers see every registration; others only the people they see. The waiting list
    is in its order (first come, first in)."""
    event = _visible_event(request, public_id)
    rows = (
        Registration.objects.visible_to(request.user)
        .filter(event=event)
        .select_related("client")
        .prefetch_related("wishes__event_employer__employer")
        .order_by("created_at", "id")
    )
    groups = RegistrationGroups()
    for row in rows:
        getattr(groups, row.status).append(row)
    _record_people_view(request, event, [r.client for r in rows], page="registrations")
    return render(
        request,
        "events/registrations.html",
        {
            "event": event,
            "groups": groups,
            "manages": perms.can_manage(request.user, event),
            "here": request.get_full_path(),
        },
    )


def registration_add(request, public_id):
    """Find the person (?q=, or ?client= from their record), then the consent and limits. The
    consent box starts unticked: it is the person's own choice."""
    event = _visible_event(request, public_id)
    search = ClientSearchForm(request.GET or None)
    query = search.cleaned_data.get("q", "") if search.is_valid() else ""
    taken = event.registrations.filter(status__in=ACTIVE).values("client")
    pool = Client.objects.visible_to(request.user).exclude(pk__in=taken)
    wanted = request.POST.get("client") or request.GET.get("client")
    candidates = _candidates(pool, query, wanted)
    form = RegistrationForm(request.POST or None, candidates=candidates, initial={"client": wanted})
    if request.method == "POST" and form.is_valid():
        client = pool.get(public_id=form.cleaned_data["client"])
        values = {k: v for k, v in form.cleaned_data.items() if k != "client"}
        try:
            registration = services.register(
                actor=request.user, event=event, client=client, **values
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _registered_message(registration))
            return redirect(_next(request, reverse("www:event_registrations", args=[public_id])))
    return render(
        request,
        "events/registration_form.html",
        {
            "event": event,
            "search": search,
            "query": query,
            "form": form,
            "candidates": candidates,
            "errors": error_list(form),
            "next": _next(request, ""),
        },
        status=400 if form.errors else 200,
    )


def _registered_message(registration: Registration) -> str:
    name = f"{registration.client.first_name} {registration.client.last_name}"
    if registration.status == RegistrationStatus.WAITING:
        return _("The event is full: %(name)s is on the waiting list.") % {"name": name}
    return _("%(name)s was registered.") % {"name": name}


def _candidates(pool, query: str, wanted: str | None) -> list[Client]:
    rows = []
    if query:
        found = pool
        for word in query.split()[:5]:
            found = found.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
        rows = list(found.order_by("last_name", "first_name", "pk")[:CANDIDATES])
    if wanted and all(str(c.public_id) != wanted for c in rows):
        rows += list(pool.filter(public_id=_uuid_or_none(wanted)))
    return rows


def _uuid_or_none(text: str):
    try:
        return uuid.UUID(str(text))
    except ValueError:
        return None


@require_POST
def registration_cancel(request, public_id, registration_id):
    event = _visible_event(request, public_id)
    registration = _registration(request, event, registration_id)
    try:
        promoted = services.cancel_registration(actor=request.user, registration=registration)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("The registration was cancelled."))
    if promoted is not None:
        messages.info(
            request,
            _("%(name)s moved up from the waiting list.")
            % {"name": f"{promoted.client.first_name} {promoted.client.last_name}"},
        )
    return redirect(_next(request, reverse("www:event_registrations", args=[public_id])))


def registration_wishes(request, public_id, registration_id):
    """Must meet / must not meet per employer, and whose wish it is."""
    event = _visible_event(request, public_id)
    registration = _registration(request, event, registration_id)
    if not perms.can_change_registration(request.user, registration):
        raise Http404
    participations = list(
        event.employers.filter(cancelled_at__isnull=True).select_related("employer")
    )
    existing = {w.event_employer_id: w for w in registration.wishes.all()}
    form = WishesForm(request.POST or None, participations=participations,
                      initial_wishes=existing)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            _save_wishes(request.user, registration, participations, existing, form.wishes())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The wishes were saved."))
            return redirect("www:event_registrations", public_id=event.public_id)
    elif request.method != "POST":
        _record_people_view(request, event, [registration.client], page="wishes")
    return _render_form(request, "events/wishes.html", form, event=event, registration=registration)


def _save_wishes(actor, registration, participations, existing, wanted: dict) -> None:
    for participation in participations:
        kind, wished_by = wanted.get(str(participation.public_id), ("", ""))
        wish = existing.get(participation.pk)
        if not kind:
            if wish is not None:
                services.remove_wish(actor=actor, wish=wish)
            continue
        if wish is None or (wish.kind, wish.wished_by) != (kind, wished_by):
            services.set_wish(actor=actor, registration=registration, participation=participation,
                              kind=kind, wished_by=wished_by)  # fmt: skip


# The schedule ----------------------------------------------------------------------------------


@dataclass
class SlotRow:
    number: int
    starts_at: object
    ends_at: object
    is_break: bool
    cells: list = field(default_factory=list)  # one per (employer, table): Interview or None
    interviews: list = field(default_factory=list)


def schedule(request, public_id):
    """GET: the grid (rows slots, columns employers' tables). POST: run the optimiser. An
    event without interviews (a webinar, an info session) has no schedule: 404."""
    event = _managed_event(request, public_id)
    if not event.has_interviews:
        raise Http404
    if request.method == "POST":
        return _run(request, event, schedules.run_schedule, _("The schedule was made."))
    interviews = list(event.interviews.with_people().order_by("slot", "event_employer_id"))
    columns, rows = _grid(event, interviews)
    _record_people_view(
        request, event, [i.registration.client for i in interviews], page="schedule"
    )
    return render(
        request,
        "events/schedule.html",
        {
            "event": event,
            "columns": columns,
            "rows": rows,
            "interviews": len(interviews),
            "run": schedules.latest_run(event),
        },
    )


def _grid(event: Event, interviews: list) -> tuple[list, list[SlotRow]]:
    """Columns: (participation, table) of the employers present; rows: the slots, each with a
    cell per column (for wide screens) and its interviews as a list (for phones)."""
    columns = [
        (p, table)
        for p in event.employers.filter(cancelled_at__isnull=True).select_related("employer")
        for table in range(1, p.tables + 1)
    ]
    at = {(i.slot, i.event_employer_id, i.table): i for i in interviews}
    rows = []
    for slot in range(event.slot_count):
        row = SlotRow(slot + 1, event.slot_start(slot), event.slot_end(slot),
                      slot in event.break_slots)  # fmt: skip
        row.cells = [at.get((slot, p.pk, table)) for p, table in columns]
        row.interviews = [i for i in interviews if i.slot == slot]
        rows.append(row)
    return columns, rows


@require_POST
def replan(request, public_id):
    event = _managed_event(request, public_id)
    return _run(request, event, schedules.replan, _("The schedule was re-planned."))


def _run(request, event: Event, run, success: str):
    try:
        result = run(actor=request.user, event=event)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            success
            + " "
            + _("%(n)s interviews, %(kept)s kept in place; optimality gap %(gap).1f %%.")
            % {"n": result.interviews, "kept": result.kept, "gap": result.gap * 100},
        )
    return redirect("www:event_schedule", public_id=event.public_id)


# The job seeker's events ----------------------------------------------------------------------


def client_events(request, public_id):
    """The person's registrations and the open events to register them to."""
    client = get_object_or_404(Client.objects.visible_to(request.user), public_id=public_id)
    client_services.record_view(actor=request.user, client=client, page="events")
    rows = list(client.event_registrations.select_related("event").order_by("-event__date", "-id"))
    visible = set(
        Event.objects.visible_to(request.user)
        .filter(pk__in=[r.event_id for r in rows])
        .values_list("pk", flat=True)
    )
    for row in rows:
        row.event_visible = row.event_id in visible
        row.position = row.waiting_position()
    taken = client.event_registrations.filter(status__in=ACTIVE).values("event")
    open_events = (
        Event.objects.visible_to(request.user)
        .open_for_registration()
        .exclude(pk__in=taken)
        .select_related("organisation")
        .order_by("date", "start_time")
    )
    return render(
        request,
        "events/client_events.html",
        {"client": client, "registrations": rows, "open_events": open_events},
    )


# Look-ups and helpers -------------------------------------------------------------------------


def _visible_event(request, public_id) -> Event:
    return get_object_or_404(
        Event.objects.visible_to(request.user).select_related("organisation", "project"),
        public_id=public_id,
    )


def _managed_event(request, public_id) -> Event:
    return get_object_or_404(
        Event.objects.managed_by(request.user).select_related("organisation", "project"),
        public_id=public_id,
    )


def _registration(request, event: Event, registration_id) -> Registration:
    return get_object_or_404(
        Registration.objects.visible_to(request.user)
        .filter(event=event)
        .select_related("client", "event"),
        public_id=registration_id,
    )


def _record_people_view(request, event: Event, clients, *, page: str) -> None:
    """A page naming job seekers is a look at personal data: one audit row listing them."""
    ids = sorted({str(c.public_id) for c in clients})
    if not ids:
        return
    audit.record(
        actor=request.user,
        action=AuditAction.VIEW,
        obj=event,
        organisation=perms.acting_organisation(request.user, event)
        or getattr(request, "organisation", None),
        detail={"page": page, "clients": ids},
    )


def _next(request, default: str) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return default


def _render_form(request, template: str, form, **context):
    return render(
        request,
        template,
        {"form": form, "errors": error_list(form), **context},
        status=400 if form.is_bound and form.errors else 200,
    )
