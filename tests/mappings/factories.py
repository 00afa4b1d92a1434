import factory
from django.utils import timezone

from kohtaamo.mappings.enums import Horizon, MappingStatus
from kohtaamo.mappings.models import (
    CompetenceMapping,
    CompetenceNeed,
    PlannedHire,
    WorkforceEntry,
)
from kohtaamo.taxonomy.models import Concept
from tests.employers.factories import EmployerFactory
from tests.organisations.factories import OrganisationFactory, UserFactory

EXCAVATOR_OPERATOR = "http://data.europa.eu/esco/occupation/eedbf8b1-9432-4f42-ab7f-db5cd3eb2a05"
OPERATE_EXCAVATOR = "http://data.europa.eu/esco/skill/978a76ca-0d14-43b5-a69d-1996dfeb22de"
OPERATE_FORKLIFT = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"
SAFETY_CARD = "urn:kohtaamo:licence:tyoturvallisuuskortti"
MACHINE_UNIT = "urn:eperusteet:tutkinnonosa:9100407"  # Työkoneiden käyttö ja huolto


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
    occupation = factory.LazyFunction(lambda: occupation(EXCAVATOR_OPERATOR))
    count = 2
    horizon = Horizon.NOW


class CompetenceNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetenceNeed

    mapping = factory.SubFactory(CompetenceMappingFactory)
    kind = "skill"


class WorkforceEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkforceEntry

    mapping = factory.SubFactory(CompetenceMappingFactory)
    occupation = factory.LazyFunction(lambda: occupation(EXCAVATOR_OPERATOR))
    count = 5
