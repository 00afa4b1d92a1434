"""Schedules on paper, on phones and in calendars, and the room board at the venue.

A job seeker's schedule is for the event's organisers and the coordinators who see the
person (the person has their own page in Oma Kohtaamo); the employers' schedules, the handouts
of every schedule and the room board are for the organisers. Anyone else gets 404. Each view
or file is audited (`kohtaamo.events.printouts`).
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kohtaamo.core.pdf import pdf_response, render_pdf
from kohtaamo.events import printouts
from kohtaamo.events.enums import RegistrationStatus
from kohtaamo.events.models import Event, EventEmployer, Registration


def _registration(request, public_id, registration_id) -> Registration:
    return get_object_or_404(
        Registration.objects.visible_to(request.user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event", "client"),
        event__public_id=public_id,
        public_id=registration_id,
    )


def _managed_event(request, public_id) -> Event:
    return get_object_or_404(Event.objects.managed_by(request.user), public_id=public_id)


def _participation(request, public_id, participation_id) -> EventEmployer:
    event = _managed_event(request, public_id)
    participation = get_object_or_404(
        event.employers.filter(cancelled_at__isnull=True).select_related("employer"),
        public_id=participation_id,
    )
    participation.event = event
    return participation


def ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{slugify(filename) or "kohtaamo"}.ics"'
    )
    return response


def _clients_of(schedule: printouts.EmployerSchedule):
    return [
        line.interview.registration.client for slot in schedule.slots for line in slot.interviews
    ]


# Job seekers ---------------------------------------------------------------------------------


@require_GET
def seeker_schedule(request, public_id, registration_id):
    registration = _registration(request, public_id, registration_id)
    schedule = printouts.seeker_schedule(registration)
    printouts.record_seeker_access(actor=request.user, registration=registration, page="schedule")
    return render(
        request,
        "events/print_seeker.html",
        {"event": registration.event, "schedule": schedule},
    )


@require_GET
def seeker_schedule_pdf(request, public_id, registration_id):
    registration = _registration(request, public_id, registration_id)
    schedule = printouts.seeker_schedule(registration)
    content = render_pdf(
        "events/print_seekers_pdf.html",
        {"event": registration.event, "schedules": [schedule]},
        request=request,
    )
    printouts.record_seeker_access(
        actor=request.user, registration=registration, page="schedule", file_format="pdf"
    )
    return pdf_response(content, f"{registration.event.title} {_('schedule')}")


@require_GET
def seeker_schedule_ics(request, public_id, registration_id):
    registration = _registration(request, public_id, registration_id)
    content = printouts.ics_for_seeker(registration)
    printouts.record_seeker_access(
        actor=request.user, registration=registration, page="schedule", file_format="ics"
    )
    return ics_response(content, registration.event.title)


@require_GET
def seeker_schedules_pdf(request, public_id):
    """Every registered person's schedule, one page each, to hand out at the door."""
    event = _managed_event(request, public_id)
    schedules = printouts.seeker_schedules(event)
    content = render_pdf(
        "events/print_seekers_pdf.html", {"event": event, "schedules": schedules}, request=request
    )
    printouts.record_event_access(
        actor=request.user,
        event=event,
        page="seeker_schedules",
        clients=[s.registration.client for s in schedules],
        file_format="pdf",
    )
    return pdf_response(content, f"{event.title} {_('job seekers')}")


# Employers -----------------------------------------------------------------------------------


@require_GET
def employer_schedule(request, public_id, participation_id):
    participation = _participation(request, public_id, participation_id)
    schedule = printouts.employer_schedule(participation)
    printouts.record_event_access(
        actor=request.user,
        event=participation.event,
        page="employer_schedule",
        clients=_clients_of(schedule),
    )
    return render(
        request,
        "events/print_employer.html",
        {"event": participation.event, "schedule": schedule},
    )


@require_GET
def employer_schedule_pdf(request, public_id, participation_id):
    participation = _participation(request, public_id, participation_id)
    schedule = printouts.employer_schedule(participation)
    content = render_pdf(
        "events/print_employers_pdf.html",
        {"event": participation.event, "schedules": [schedule]},
        request=request,
    )
    printouts.record_event_access(
        actor=request.user,
        event=participation.event,
        page="employer_schedule",
        clients=_clients_of(schedule),
        file_format="pdf",
    )
    return pdf_response(content, f"{participation.event.title} {participation.employer}")


@require_GET
def employer_schedule_ics(request, public_id, participation_id):
    participation = _participation(request, public_id, participation_id)
    schedule = printouts.employer_schedule(participation)
    content = printouts.ics_for_employer(participation)
    printouts.record_event_access(
        actor=request.user,
        event=participation.event,
        page="employer_schedule",
        clients=_clients_of(schedule),
        file_format="ics",
    )
    return ics_response(content, f"{participation.event.title} {participation.employer}")


@require_GET
def employer_schedules_pdf(request, public_id):
    event = _managed_event(request, public_id)
    schedules = printouts.employer_schedules(event)
    content = render_pdf(
        "events/print_employers_pdf.html", {"event": event, "schedules": schedules}, request=request
    )
    printouts.record_event_access(
        actor=request.user,
        event=event,
        page="employer_schedules",
        clients=[c for s in schedules for c in _clients_of(s)],
        file_format="pdf",
    )
    return pdf_response(content, f"{event.title} {_('employers')}")


# Room board ----------------------------------------------------------------------------------


def _board(request, public_id):
    event = _managed_event(request, public_id)
    return event, printouts.board(event)


@require_GET
def board(request, public_id):
    event, slots = _board(request, public_id)
    printouts.record_event_access(
        actor=request.user, event=event, page="board", clients=_board_clients(event)
    )
    return render(request, "events/print_board.html", {"event": event, "slots": slots})


@require_GET
def board_pdf(request, public_id):
    event, slots = _board(request, public_id)
    content = render_pdf(
        "events/print_board_pdf.html", {"event": event, "slots": slots}, request=request
    )
    printouts.record_event_access(
        actor=request.user,
        event=event,
        page="board",
        clients=_board_clients(event),
        file_format="pdf",
    )
    return pdf_response(content, f"{event.title} {_('room board')}")


def _board_clients(event: Event):
    return [r.client for r in event.registrations.filter(interviews__isnull=False).distinct()
            .select_related("client")]  # fmt: skip
