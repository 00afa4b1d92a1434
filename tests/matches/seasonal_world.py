"""A small seasonal world on top of the demo data, for the seasonal pages, services and API.

Rovaniemi's employment services own Sirpa, a jeweller who wishes for year-round work. Open
vacancies ask for her rare skill: a winter season and a summer season in Rovaniemi (a pair), a
year-round job (never half of a pair), a spring season that overlaps the winter (no pair with
it) and a winter season in Kemi (beyond her radius).

In Helsinki's sub-region (011), where the demo has no employers, a winter hotel, a summer
cafe and a building firm have one seasonal vacancy each. Five job seekers have stored matches
to both the hotel and the cafe (reported), four to both the hotel and the builder (suppressed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kohtaamo.clients.enums import SeasonWish
from kohtaamo.clients.models import Client
from kohtaamo.employers.models import Employer
from kohtaamo.geo.models import Municipality
from kohtaamo.matches.models import StoredMatch
from kohtaamo.vacancies.models import Vacancy
from tests.clients.factories import ClientCompetenceFactory, ClientFactory
from tests.employers.factories import EmployerFactory
from tests.vacancies.factories import VacancyCompetenceFactory, VacancyFactory

JEWELLERY_EQUIPMENT = "http://data.europa.eu/esco/skill/03598f35-15f1-41fa-bd8a-313e74523307"
LEAD_CREATIVE_DEPARTMENT = "http://data.europa.eu/esco/skill/80458486-d231-48c8-b4ae-665c454772a5"
WINTER = (date(2026, 11, 30), date(2027, 4, 12))
SUMMER = (date(2027, 6, 1), date(2027, 8, 31))
SPRING = (date(2027, 2, 1), date(2027, 6, 30))
BUILDING = (date(2027, 5, 3), date(2027, 10, 15))


@dataclass
class SeasonalWorld:
    sirpa: Client
    winter: Vacancy
    summer: Vacancy
    year_round: Vacancy
    spring: Vacancy
    kemi_winter: Vacancy


def _jewellery_job(title: str, period, municipality: str = "698", optional=False) -> Vacancy:
    start, end = period or (None, None)
    vacancy = VacancyFactory(
        title=title,
        start_date=start,
        end_date=end,
        municipality=Municipality.objects.get(code=municipality),
    )
    VacancyCompetenceFactory(vacancy=vacancy, uri=JEWELLERY_EQUIPMENT, essential=True, importance=3)
    if optional:
        VacancyCompetenceFactory(
            vacancy=vacancy, uri=LEAD_CREATIVE_DEPARTMENT, essential=False, importance=1
        )
    return vacancy


def build_seasonal_world(rovaniemi) -> SeasonalWorld:
    sirpa = ClientFactory(
        organisation=rovaniemi,
        first_name="Sirpa",
        last_name="Sesonki",
        commuting_radius_km=40,
        season_wish=SeasonWish.YEAR_ROUND,
    )
    ClientCompetenceFactory(client=sirpa, uri=JEWELLERY_EQUIPMENT, level=5, source="certificate")
    return SeasonalWorld(
        sirpa=sirpa,
        winter=_jewellery_job("Talvikauden koruseppä", WINTER, optional=True),
        summer=_jewellery_job("Kesäkauden koruseppä", SUMMER),
        year_round=_jewellery_job("Vakituinen koruseppä", None),
        spring=_jewellery_job("Kevätkauden koruseppä", SPRING),
        kemi_winter=_jewellery_job("Kemin talvikoruseppä", WINTER, municipality="240"),
    )


@dataclass
class EmployerWorld:
    hotel: Employer
    cafe: Employer
    builder: Employer


def _seasonal_employer(name: str, municipality: str, period) -> tuple[Employer, Vacancy]:
    employer = EmployerFactory(name=name, municipality=Municipality.objects.get(code=municipality))
    vacancy = VacancyFactory(
        employer=employer,
        start_date=period[0],
        end_date=period[1],
        municipality=employer.municipality,
    )
    return employer, vacancy


def _matched(vacancies: list[Vacancy], organisation, score: float = 0.5) -> Client:
    client = ClientFactory(organisation=organisation)
    StoredMatch.objects.bulk_create(
        StoredMatch(
            client=client,
            vacancy=v,
            score=score,
            potential=score,
            coverage=score,
            reciprocal=1.0,
            client_best=True,
        )
        for v in vacancies
    )
    return client


def build_employer_world(organisation, shared_with_cafe=5, shared_with_builder=4) -> EmployerWorld:
    hotel, winter = _seasonal_employer("Talvihotelli Oy", "091", WINTER)
    cafe, summer = _seasonal_employer("Kesäkahvila Oy", "049", SUMMER)  # Espoo
    builder, building = _seasonal_employer("Rakennus Kesä Oy", "091", BUILDING)
    for _ in range(shared_with_cafe):
        _matched([winter, summer], organisation)
    for _ in range(shared_with_builder):
        _matched([winter, building], organisation)
    _matched([winter, summer], organisation, score=0.05)  # too weak a match to count
    return EmployerWorld(hotel, cafe, builder)
