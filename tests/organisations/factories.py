import factory

from kohtaamo.accounts.models import User
from kohtaamo.organisations.enums import OrganisationKind, Role
from kohtaamo.organisations.models import Membership, Organisation


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="fi_FI")
    last_name = factory.Faker("last_name", locale="fi_FI")
    password = factory.django.Password("kohtaamo-test")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testikunta {n}")
    kind = OrganisationKind.MUNICIPALITY


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.COORDINATOR

    class Params:
        admin = factory.Trait(role=Role.ORGANISATION_ADMIN)
        analyst = factory.Trait(role=Role.REGIONAL_ANALYST)
