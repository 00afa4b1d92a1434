"""Oma Kohtaamo: events the job seeker can sign up for, and their own interview schedule.

Like the other own pages, everything starts from the login's own record; an event is reached by
its id only among the published ones, a registration only among the person's own. Registering
goes through `kohtaamo.events.services.register`, which puts the person on the waiting list
when the event is full and records whether they let the employers see their competence
summary (unticked unless the person ticks it).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kohtaamo.clients import own
from kohtaamo.clients.models import Client
from kohtaamo.events import printouts, services
from kohtaamo.events.enums import RegistrationStatus
from kohtaamo.events.models import Event, Registration
from kohtaamo.www.events.printouts import ics_response


def _client(request) -> Client:
    client = own.own_client(request.user)
    if client is None:
        raise Http404
    return client


def _viewed(request, client: Client, page: str) -> None:
    own.record_own_view(actor=request.user, client=client, page=page)


def _own_registrations(client):
    return (
        Registration.objects.filter(client=client, event__date__gte=timezone.localdate())
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event", "event__organisation")
        .annotate(interview_count=Count("interviews"))
        .order_by("event__date", "event__start_time")
    )


@require_GET
def event_list(request):
    client = _client(request)
    registrations = list(_own_registrations(client))
    for registration in registrations:
        registration.position = registration.waiting_position()
    taken = [r.event_id for r in registrations]
    open_events = (
        Event.objects.open_for_registration()
        .exclude(pk__in=taken)
        .select_related("organisation", "municipality")
        .order_by("date", "start_time")
    )
    _viewed(request, client, "events")
    return render(
        request,
        "events/own_events.html",
        {"client": client, "registrations": registrations, "open_events": open_events},
    )


@require_POST
def register(request, public_id):
    client = _client(request)
    event = get_object_or_404(Event.objects.open_for_registration(), public_id=public_id)
    try:
        registration = services.register(
            actor=request.user,
            event=event,
            client=client,
            share_competences=request.POST.get("share_competences") == "on",
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _message(error))
        return redirect("www:own_events")
    if registration.status == RegistrationStatus.WAITING:
        messages.success(
            request,
            _("The event is full: you are on the waiting list. We will tell you if a place frees."),
        )
    else:
        messages.success(request, _("You are registered to %(event)s.") % {"event": event.title})
    return redirect("www:own_events")


def _message(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return _("You cannot register to this event.")


def _own_registration(request, public_id) -> Registration:
    client = _client(request)
    return get_object_or_404(
        Registration.objects.exclude(status=RegistrationStatus.CANCELLED).select_related(
            "event", "client"
        ),
        client=client,
        event__public_id=public_id,
    )


@require_POST
def cancel(request, public_id):
    registration = _own_registration(request, public_id)
    if registration.event.is_past():
        messages.error(request, _("The event is over."))
        return redirect("www:own_events")
    services.cancel_registration(actor=request.user, registration=registration)
    messages.success(
        request, _("Your registration to %(event)s is cancelled.") % {"event": registration.event}
    )
    return redirect("www:own_events")


@require_GET
def schedule(request, public_id):
    registration = _own_registration(request, public_id)
    schedule = printouts.seeker_schedule(registration)
    _viewed(request, registration.client, "event_schedule")
    return render(
        request,
        "events/own_schedule.html",
        {"event": registration.event, "schedule": schedule, "registration": registration},
    )


@require_GET
def schedule_ics(request, public_id):
    registration = _own_registration(request, public_id)
    content = printouts.ics_for_seeker(registration)
    printouts.record_seeker_access(
        actor=request.user, registration=registration, page="own_schedule", file_format="ics"
    )
    return ics_response(content, registration.event.title)
