"""Who may do what with an event: small named predicates over the querysets of the models."""

from __future__ import annotations

from kohtaamo.clients.enums import ConsentScope
from kohtaamo.clients.models import Client
from kohtaamo.clients.own import own_client
from kohtaamo.organisations.models import Organisation

from .models import ORGANISER_ROLES, Event, Registration


def organising_organisations(user):
    """Organisations in which the user may organise events."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        is_active=True,
        memberships__user=user,
        memberships__is_active=True,
        memberships__role__in=ORGANISER_ROLES,
    ).distinct()


def can_organise(user) -> bool:
    return organising_organisations(user).exists()


def can_manage(user, event: Event) -> bool:
    """Organisers: edit the event, its employers, registrations, schedule and follow-up."""
    return Event.objects.managed_by(user).filter(pk=event.pk).exists()


def acting_organisation(user, event: Event) -> Organisation | None:
    """The organisation on whose behalf the user acts for the event: the organiser when the
    user is a member of it, else the first co-organiser they belong to."""
    mine = organising_organisations(user)
    if mine.filter(pk=event.organisation_id).exists():
        return event.organisation
    return mine.filter(co_events=event).order_by("name").first()


def can_register(user, client: Client) -> bool:
    """Coordinators register the job seekers they see; a job seeker registers themself."""
    if own_client(user) is not None and own_client(user).pk == client.pk:
        return True
    return Client.objects.visible_to(user, ConsentScope.BASIC).filter(pk=client.pk).exists()


def can_change_registration(user, registration: Registration) -> bool:
    """Organisers, the person's coordinators and the person."""
    return can_manage(user, registration.event) or can_register(user, registration.client)
