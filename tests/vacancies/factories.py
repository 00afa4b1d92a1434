import factory

from kohtaamo.geo.models import Municipality
from kohtaamo.vacancies.enums import VacancyStatus
from kohtaamo.vacancies.models import Vacancy, VacancyCompetence
from tests.employers.factories import EmployerFactory

OPERATE_FORKLIFT = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"
LISTEN_ACTIVELY = "http://data.europa.eu/esco/skill/a17286c5-238d-4f0b-bc24-29e9121345de"
NURSE = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
HEALTHCARE_ASSISTANT = "http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082"
SAFETY_CARD = "urn:kohtaamo:licence:tyoturvallisuuskortti"
DRIVING_LICENCE_B = "urn:kohtaamo:licence:ajokortti-b"


class VacancyFactory(factory.django.DjangoModelFactory):
    """An open vacancy; the `draft`, `filled` and `closed` traits set the status."""

    class Meta:
        model = Vacancy

    employer = factory.SubFactory(EmployerFactory)
    title = factory.Sequence(lambda n: f"Työpaikka {n}")
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code="698"))

    class Params:
        draft = factory.Trait(status=VacancyStatus.DRAFT)
        filled = factory.Trait(status=VacancyStatus.FILLED)
        closed = factory.Trait(status=VacancyStatus.CLOSED)


class VacancyCompetenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VacancyCompetence

    vacancy = factory.SubFactory(VacancyFactory)
    uri = OPERATE_FORKLIFT
    kind = "skill"
