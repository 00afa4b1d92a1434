"""A small, known set of mappings and vacancies for earthmoving plant operators (ISCO 8342).

The session database holds the demo data too; `evidence` removes the demo mappings' needs and
planned hires and turns its vacancies into drafts (inside the test's transaction, rolled back
afterwards) so that counts are exact.
"""

from dataclasses import dataclass

from django.utils import timezone

from kohtaamo.geo.models import Municipality
from kohtaamo.mappings.enums import Horizon, MappingStatus, NeedPurpose
from kohtaamo.mappings.models import CompetenceMapping, CompetenceNeed, PlannedHire
from kohtaamo.vacancies.enums import VacancyStatus
from kohtaamo.vacancies.models import Vacancy
from tests.employers.factories import EmployerFactory
from tests.mappings.factories import (
    EXCAVATOR_OPERATOR,
    CompetenceMappingFactory,
    CompetenceNeedFactory,
    PlannedHireFactory,
    occupation,
)
from tests.vacancies.factories import VacancyCompetenceFactory, VacancyFactory

BULLDOZER_OPERATOR = "http://data.europa.eu/esco/occupation/cae71f3f-ad4d-480e-b501-bff22827e60c"
EXCAVATOR_KEY = EXCAVATOR_OPERATOR.rsplit("/", 1)[-1]
OPERATE_EXCAVATOR = "http://data.europa.eu/esco/skill/978a76ca-0d14-43b5-a69d-1996dfeb22de"
OPERATE_GPS = "http://data.europa.eu/esco/skill/97fb21db-a4e5-4b03-af21-03b9d510d872"
OPERATE_FORKLIFT = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"
SAFETY_CARD = "urn:kohtaamo:licence:tyoturvallisuuskortti"
ROAD_SAFETY = "urn:kohtaamo:licence:tieturva-1"
FIRST_AID = "urn:kohtaamo:licence:ea1"


@dataclass
class Evidence:
    rovaniemi_employer: object
    kemi_employer: object
    revised_employer: object


def finished_version(employer, version: int, previous=None) -> CompetenceMapping:
    return CompetenceMappingFactory(
        employer=employer,
        status=MappingStatus.FINISHED,
        version=version,
        finished_at=timezone.now(),
        previous=previous,
    )


def make_evidence() -> Evidence:
    """Three employers in scope of 8342, two of them of the excavator operator:

    - Rovaniemi: a mapping (2 excavator operators now; operating an excavator, essential; the
      occupational safety card for hires, with no occupation) and an open vacancy asking again
      for operating an excavator plus the road safety card. Its staff development need for
      first aid (no occupation) is not about the hires and stays out.
    - Kemi: a filled bulldozer operator vacancy asking for the excavator (optional) and a forklift.
    - Revised (Rovaniemi): version 1 asked for GPS, version 2 (current) hires 1 in 1-3 years and
      asks for GPS nothing; it is a source without asks.
    Drafts (a mapping and a vacancy) ask for the forklift and must not count.
    """
    CompetenceNeed.objects.all().delete()
    PlannedHire.objects.all().delete()
    Vacancy.objects.update(status=VacancyStatus.DRAFT)
    excavator, bulldozer = occupation(EXCAVATOR_OPERATOR), occupation(BULLDOZER_OPERATOR)
    kemi = Municipality.objects.get(code="240")

    rovaniemi_employer = EmployerFactory()
    mapping = CompetenceMappingFactory(employer=rovaniemi_employer, finished=True)
    PlannedHireFactory(mapping=mapping, occupation=excavator, count=2, horizon=Horizon.NOW)
    CompetenceNeedFactory(
        mapping=mapping, occupation=excavator, uri=OPERATE_EXCAVATOR, importance=3
    )
    CompetenceNeedFactory(mapping=mapping, uri=SAFETY_CARD, kind="licence", importance=3)
    CompetenceNeedFactory(mapping=mapping, uri=FIRST_AID, kind="licence", purpose=NeedPurpose.STAFF)
    vacancy = VacancyFactory(employer=rovaniemi_employer, occupation=excavator, openings=3)
    VacancyCompetenceFactory(vacancy=vacancy, uri=OPERATE_EXCAVATOR, importance=3)
    VacancyCompetenceFactory(vacancy=vacancy, uri=ROAD_SAFETY, kind="licence", mandatory=True)

    kemi_employer = EmployerFactory(municipality=kemi)
    filled = VacancyFactory(
        employer=kemi_employer,
        occupation=bulldozer,
        municipality=kemi,
        status=VacancyStatus.FILLED,
    )
    VacancyCompetenceFactory(vacancy=filled, uri=OPERATE_EXCAVATOR, essential=False, importance=2)
    VacancyCompetenceFactory(vacancy=filled, uri=OPERATE_FORKLIFT, importance=2)

    revised_employer = EmployerFactory()
    first = finished_version(revised_employer, 1)
    CompetenceNeedFactory(mapping=first, occupation=excavator, uri=OPERATE_GPS)
    second = finished_version(revised_employer, 2, previous=first)
    PlannedHireFactory(
        mapping=second, occupation=excavator, count=1, horizon=Horizon.ONE_TO_THREE_YEARS
    )

    draft = CompetenceMappingFactory(employer=EmployerFactory())
    PlannedHireFactory(mapping=draft, occupation=excavator)
    CompetenceNeedFactory(mapping=draft, occupation=excavator, uri=OPERATE_FORKLIFT)
    draft_vacancy = VacancyFactory(occupation=excavator, status=VacancyStatus.DRAFT)
    VacancyCompetenceFactory(vacancy=draft_vacancy, uri=OPERATE_FORKLIFT)
    return Evidence(rovaniemi_employer, kemi_employer, revised_employer)
