"""A speed-dating event of Rovaniemi built from the demo data: the organiser's coordinator,
employers of Rovaniemi with open vacancies (two tables each) and job seekers of Rovaniemi
registered with consent to share their competence summary. Not yet scheduled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta

from django.db.models import Max
from django.utils import timezone

from kohtaamo.accounts.models import User
from kohtaamo.clients.models import Client
from kohtaamo.employers.models import Employer
from kohtaamo.events import services
from kohtaamo.events.models import Event, EventEmployer, Registration
from kohtaamo.organisations.models import Organisation

# Weeks ahead of the day the tests run, so that registration stays open whenever they run.
EVENT_DAY = timezone.localdate() + timedelta(days=17)


@dataclass
class World:
    organisation: Organisation
    coordinator: User
    event: Event
    employers: list[EventEmployer]
    registrations: list[Registration]


def build_world(
    rovaniemi, *, seekers: int = 12, employers: int = 4, capacity: int | None = None
) -> World:
    coordinator = User.objects.get(username="rovaniemi.coordinator")
    event = services.create_event(
        actor=coordinator,
        organisation=rovaniemi,
        title="Duunitreffit: palvelualat",
        kind="speed_dating",
        date=EVENT_DAY,
        start_time=time(12, 0),
        slot_minutes=10,
        slot_count=8,
        breaks=[5],
        place="Rovaniemen kaupungintalo, Hallituskatu 7",
        languages=["fi", "en"],
        seeker_capacity=capacity,
        min_interviews=1,
        max_interviews=3,
        published=True,
    )
    hosts = (
        Employer.objects.filter(municipality__code="698", vacancies__status="open")
        .distinct()
        .order_by("name")[:employers]
    )
    participations = [
        services.add_employer(
            actor=coordinator,
            event=event,
            employer=employer,
            tables=2,
            table_label=f"Pöytä {n}",
            contact_name="Rekrytoija",
            contact_email=f"rekry{n}@example.fi",
        )
        for n, employer in enumerate(hosts, start=1)
    ]
    # Coordinators invite the people whose stored matches point at the employers' vacancies.
    people = (
        Client.objects.visible_to(coordinator)
        .filter(
            organisation=rovaniemi,
            status="active",
            stored_matches__vacancy__employer__in=[p.employer for p in participations],
        )
        .annotate(best=Max("stored_matches__score"))
        .order_by("-best", "id")[:seekers]
    )
    registrations = [
        services.register(actor=coordinator, event=event, client=c, share_competences=True)
        for c in people
    ]
    return World(rovaniemi, coordinator, event, participations, registrations)
