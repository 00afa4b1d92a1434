"""A small matching world on top of the demo data, for the match pages and the API.

Rovaniemi's employment services own Helmi, who uses jewellery processing equipment and
operates a forklift. Three open vacancies in Rovaniemi ask for those (rare) skills:

- a jeweller's assistant that Helmi fits (one skill met only through the narrower skill she
  holds, one skill missing);
- a guard job that also needs the guard card (mandatory), which a course in Rovaniemi gives:
  a near match "one licence away";
- a job that also needs Swedish (mandatory): a near match "one language away".

Kemi owns three more people with the same skills: one without any consent for Rovaniemi, one
with a consent for competences, one with a consent for the basic details only. Only the second
may appear among Rovaniemi's candidates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from kohtaamo.clients.enums import ConsentScope
from kohtaamo.clients.models import Client
from kohtaamo.matches.services import recompute_all
from kohtaamo.training.models import TrainingOffer
from kohtaamo.vacancies.models import Vacancy
from tests.clients.factories import ClientCompetenceFactory, ClientFactory, ConsentFactory
from tests.training.factories import GUARD_CARD, TrainingOfferFactory
from tests.vacancies.factories import OPERATE_FORKLIFT, VacancyCompetenceFactory, VacancyFactory

JEWELLERY_EQUIPMENT = "http://data.europa.eu/esco/skill/03598f35-15f1-41fa-bd8a-313e74523307"
JEWELLERY_BROADER = "http://data.europa.eu/esco/skill/44fea655-139f-445d-aae5-8474fc86307b"
LEAD_CREATIVE_DEPARTMENT = "http://data.europa.eu/esco/skill/80458486-d231-48c8-b4ae-665c454772a5"
COURSE_DAYS_AHEAD = 10


@dataclass
class World:
    helmi: Client
    fitting: Vacancy
    guard: Vacancy
    swedish: Vacancy
    course: TrainingOffer
    kemi_hidden: Client
    kemi_consented: Client
    kemi_basic: Client


def _skilled(**fields) -> Client:
    client = ClientFactory(**fields)
    ClientCompetenceFactory(client=client, uri=JEWELLERY_EQUIPMENT, level=5, source="certificate")
    ClientCompetenceFactory(client=client, uri=OPERATE_FORKLIFT, level=4, source="counsellor")
    return client


def _vacancy(title: str, requirements: list[tuple[str, str, dict]], **fields) -> Vacancy:
    vacancy = VacancyFactory(title=title, **fields)
    for uri, kind, options in requirements:
        VacancyCompetenceFactory(vacancy=vacancy, uri=uri, kind=kind, **options)
    return vacancy


def build_world(rovaniemi, kemi) -> World:
    """Create the world and compute every match (demo data included) as the nightly job does."""
    helmi = _skilled(organisation=rovaniemi, first_name="Helmi", last_name="Hiomo")
    held = [
        (JEWELLERY_EQUIPMENT, "skill", {"essential": True, "importance": 3}),
        (OPERATE_FORKLIFT, "skill", {"essential": True, "importance": 2}),
    ]
    fitting = _vacancy(
        "Korusepän avustaja",
        [
            (JEWELLERY_BROADER, "skill", {"essential": True, "importance": 3}),
            (OPERATE_FORKLIFT, "skill", {"essential": True, "importance": 2}),
            (LEAD_CREATIVE_DEPARTMENT, "skill", {"essential": False, "importance": 1}),
        ],
    )
    guard = _vacancy(
        "Vartija, korumyymälä",
        [*held, (GUARD_CARD, "licence", {"essential": True, "importance": 3, "mandatory": True})],
    )
    swedish = _vacancy(
        "Korumyyjä, ruotsi",
        held,
        languages=[{"code": "sv", "level": "B1", "mandatory": True}],
    )
    course = TrainingOfferFactory(
        title_fi="Vartijan peruskurssi",
        start_date=timezone.localdate() + timedelta(days=COURSE_DAYS_AHEAD),
        duration_days=5,
        gives=[GUARD_CARD],
    )
    world = World(
        helmi=helmi,
        fitting=fitting,
        guard=guard,
        swedish=swedish,
        course=course,
        kemi_hidden=_skilled(organisation=kemi, first_name="Kerttu", last_name="Kätketty"),
        kemi_consented=_skilled(organisation=kemi, first_name="Kalle", last_name="Kaikille"),
        kemi_basic=_skilled(organisation=kemi, first_name="Kaisu", last_name="Perustieto"),
    )
    ConsentFactory(
        client=world.kemi_consented, organisation=rovaniemi, scope=ConsentScope.COMPETENCES
    )
    ConsentFactory(client=world.kemi_basic, organisation=rovaniemi, scope=ConsentScope.BASIC)
    recompute_all()
    return world
