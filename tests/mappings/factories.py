import factory
from django.utils import timezone

from kohtaamo.mappings.enums import Horizon, MappingStatus
from kohtaamo.mappings.models import CompetenceMapping, CompetenceNeed, PlannedHire
from kohtaamo.taxonomy.models import Concept
from tests.employers.factories import EmployerFactory
from tests.organisations.factories import OrganisationFactory, UserFactory

EXCAVATOR_OPERATOR = "http://data.europa.eu/esco/occupation/eedbf8b1-9432-4f42-ab7f-db5cd3eb2a05"


def occupation(uri: str) -> Concept:
    return Concept.objects.get(uri=uri)


class CompetenceMappingFactory(factory.django.DjangoModelFactory):
    """A draft; the `finished` trait gives version 1 (set `version` for later ones)."""

    class Meta:
        model = CompetenceMapping

    employer = factory.SubFactory(EmployerFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    interviewer = factory.SubFactory(UserFactory)

    class Params:
        finished = factory.Trait(
            status=MappingStatus.FINISHED,
            version=1,
            finished_at=factory.LazyFunction(timezone.now),
        )


class PlannedHireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedHire

    mapping = factory.SubFactory(CompetenceMappingFactory)
    count = 2
    horizon = Horizon.NOW


class CompetenceNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetenceNeed

    mapping = factory.SubFactory(CompetenceMappingFactory)
    kind = "skill"
