import factory

from kohtaamo.geo.models import Municipality
from kohtaamo.vacancies.models import Vacancy, VacancyCompetence
from tests.employers.factories import EmployerFactory


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy

    employer = factory.SubFactory(EmployerFactory)
    title = factory.Sequence(lambda n: f"Työpaikka {n}")
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code="698"))


class VacancyCompetenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VacancyCompetence

    vacancy = factory.SubFactory(VacancyFactory)
    kind = "skill"
