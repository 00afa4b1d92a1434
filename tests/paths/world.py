"""A job seeker of Rovaniemi with a path: one goal and a work trial step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kohtaamo.accounts.models import User
from kohtaamo.clients.models import Client
from kohtaamo.paths import services
from kohtaamo.paths.models import Goal, Path, ServiceType, Step
from tests.clients.factories import ClientFactory


@dataclass
class World:
    seeker: Client
    coordinator: User
    path: Path
    goal: Goal
    trial: Step


def build_world(rovaniemi) -> World:
    coordinator = User.objects.get(username="rovaniemi.coordinator")
    seeker = ClientFactory(
        organisation=rovaniemi,
        first_name="Aino",
        last_name="Polkunen",
        birth_year=1970,
        unemployment_start=date(2024, 1, 15),
    )
    path = services.get_or_create_path(client=seeker, actor=coordinator)
    goal = services.add_goal(
        path=path, actor=coordinator, title="Työ ravintola-alalta", target_date=date(2027, 6, 1)
    )
    trial = services.add_step(
        path=path,
        actor=coordinator,
        kind="service",
        goal=goal,
        service_type=ServiceType.objects.get(code="work_trial", organisation=None),
        title="Työkokeilu Ravintola Revontulessa",
        responsible_organisation=rovaniemi,
        start_date=date(2026, 12, 1),
        end_date=date(2027, 2, 28),
    )
    return World(seeker, coordinator, path, goal, trial)
