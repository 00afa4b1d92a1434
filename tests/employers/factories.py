import factory

from kohtaamo.employers import businessid
from kohtaamo.employers.enums import SizeClass
from kohtaamo.employers.models import ContactPerson, Employer, EmployerPartnership
from kohtaamo.geo.models import Municipality


def business_id_for(n: int) -> str:
    """A valid business id made from a sequence number (skipping digits no id can have)."""
    base = 2_900_000 + n * 3
    while (check := businessid.check_digit(f"{base:07d}")) is None:
        base += 1
    return f"{base:07d}-{check}"


class EmployerFactory(factory.django.DjangoModelFactory):
    """`EmployerFactory(partners=[organisation])` links the employer to organisations."""

    class Meta:
        model = Employer
        skip_postgeneration_save = True

    business_id = factory.Sequence(business_id_for)
    name = factory.Sequence(lambda n: f"Testiyritys {n} Oy")
    industry = "55.10"
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code="698"))
    size_class = SizeClass.SMALL

    @factory.post_generation
    def partners(self, create, organisations, **kwargs):
        for organisation in organisations or []:
            EmployerPartnership.objects.create(employer=self, organisation=organisation)


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    employer = factory.SubFactory(EmployerFactory)
    name = factory.Faker("name", locale="fi_FI")
    email = factory.Sequence(lambda n: f"yhteys{n}@example.fi")
