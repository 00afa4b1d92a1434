from datetime import timedelta

import factory
from django.utils import timezone

from kohtaamo.clients.enums import ConsentScope, Gender
from kohtaamo.clients.models import Client, ClientCompetence, Consent
from kohtaamo.geo.models import Municipality
from tests.organisations.factories import OrganisationFactory


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.Faker("first_name", locale="fi_FI")
    last_name = factory.Faker("last_name", locale="fi_FI")
    email = factory.Sequence(lambda n: f"hakija{n}@example.fi")
    birth_year = 1985
    gender = Gender.FEMALE
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code="698"))


class ClientCompetenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClientCompetence

    client = factory.SubFactory(ClientFactory)
    kind = "skill"
    source = "counsellor"


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    client = factory.SubFactory(ClientFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    scope = ConsentScope.COMPETENCES
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=365))
