"""Creating and changing employers: validation naming the field, partnerships, audit rows."""

import pytest
from django.core.exceptions import ValidationError

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.employers import services
from kohtaamo.employers.models import Employer
from kohtaamo.geo.models import Municipality
from tests.employers.factories import ContactPersonFactory, EmployerFactory, business_id_for

pytestmark = pytest.mark.django_db
FRESH_ID = business_id_for(99_001)  # far from the ids the factory hands out


def create(actor, organisation, **fields):
    defaults = {"business_id": FRESH_ID, "name": "Lapin Testi Oy"}
    return services.create_employer(actor=actor, organisation=organisation, **defaults | fields)


def test_create_links_the_organisation_and_is_audited(user, rovaniemi):
    actor = user("rovaniemi.company")
    employer = create(
        actor,
        rovaniemi,
        industry="5510",
        municipality=Municipality.objects.get(code="698"),
        size_class="small",
        peak_months=["12", 1, 2],
        website="www.example.fi",
    )
    assert employer.industry == "55.10"
    assert employer.peak_months == [1, 2, 12]
    assert employer.website == "https://www.example.fi"
    assert employer.language == "fi"
    assert list(employer.organisations.all()) == [rovaniemi]
    event = AuditEvent.objects.for_object(employer).get()
    assert (event.action, event.actor, event.organisation) == (AuditAction.CREATE, actor, rovaniemi)


def test_a_wrong_check_digit_names_the_business_id_field(user, rovaniemi):
    with pytest.raises(ValidationError) as caught:
        create(user("rovaniemi.company"), rovaniemi, business_id="0210427-5")
    assert list(caught.value.message_dict) == ["business_id"]
    assert "0210427-5" in caught.value.message_dict["business_id"][0]
    assert not Employer.objects.filter(name="Lapin Testi Oy").exists()


@pytest.mark.usefixtures("in_english")
def test_a_duplicate_business_id_is_refused_naming_the_field(user, rovaniemi, kemi):
    EmployerFactory(business_id=FRESH_ID, partners=[kemi])
    with pytest.raises(ValidationError) as caught:
        create(user("rovaniemi.company"), rovaniemi)
    assert "already in Kohtaamo" in caught.value.message_dict["business_id"][0]


def test_every_bad_field_is_named_at_once(user, rovaniemi):
    with pytest.raises(ValidationError) as caught:
        create(
            user("rovaniemi.company"),
            rovaniemi,
            name=" ",
            industry="55.99",
            size_class="huge",
            peak_months=[13],
            language="de",
            website="not a site",
        )
    assert set(caught.value.message_dict) == {
        "name",
        "industry",
        "size_class",
        "peak_months",
        "language",
        "website",
    }


def test_an_analyst_cannot_create(user, rovaniemi):
    with pytest.raises(PermissionError):
        create(user("ely.analyst"), rovaniemi)


def test_a_coordinator_of_another_organisation_cannot_create_in_it(user, rovaniemi):
    with pytest.raises(PermissionError):
        create(user("kemi.company"), rovaniemi)


def test_update_audits_the_changed_field_names(user, rovaniemi):
    actor = user("rovaniemi.company")
    employer = EmployerFactory(partners=[rovaniemi], name="Vanha Oy")
    services.update_employer(actor=actor, employer=employer, name="Uusi Oy", size_class="small")
    employer.refresh_from_db()
    assert employer.name == "Uusi Oy"
    event = AuditEvent.objects.for_object(employer).get(action=AuditAction.UPDATE)
    assert event.detail == {"fields": ["name"]}
    assert event.organisation == rovaniemi


def test_update_may_keep_its_own_business_id(user, rovaniemi):
    employer = EmployerFactory(partners=[rovaniemi])
    services.update_employer(
        actor=user("rovaniemi.company"), employer=employer, business_id=employer.business_id
    )


def test_an_outsider_cannot_update(user, rovaniemi):
    employer = EmployerFactory(partners=[rovaniemi])
    with pytest.raises(PermissionError):
        services.update_employer(actor=user("kemi.company"), employer=employer, name="X")


def test_sharing_lets_the_other_organisation_see_the_employer(user, rovaniemi, kemi):
    employer = EmployerFactory(partners=[rovaniemi])
    assert not Employer.objects.visible_to(user("kemi.company")).filter(pk=employer.pk).exists()
    services.add_partner(actor=user("rovaniemi.company"), employer=employer, organisation=kemi)
    assert Employer.objects.visible_to(user("kemi.company")).filter(pk=employer.pk).exists()
    with pytest.raises(ValidationError):
        services.add_partner(actor=user("rovaniemi.company"), employer=employer, organisation=kemi)


def test_contacts_keep_one_primary_and_removal_is_audited_without_the_name(user, rovaniemi):
    actor = user("rovaniemi.company")
    employer = EmployerFactory(partners=[rovaniemi])
    first = services.add_contact(actor=actor, employer=employer, name="Aino Aho")
    second = services.add_contact(actor=actor, employer=employer, name="Bo Berg", is_primary=True)
    first.refresh_from_db()
    assert (first.is_primary, second.is_primary) == (False, True)
    services.update_contact(actor=actor, contact=first, email="aino@example.fi")
    services.remove_contact(actor=actor, contact=second)
    first.refresh_from_db()
    assert first.is_primary
    erased = AuditEvent.objects.get(action=AuditAction.ERASE, object_id=str(second.public_id))
    assert "Bo Berg" not in str(erased.detail)


def test_a_bad_contact_email_names_the_field(user, rovaniemi):
    employer = EmployerFactory(partners=[rovaniemi])
    with pytest.raises(ValidationError) as caught:
        services.add_contact(
            actor=user("rovaniemi.company"), employer=employer, name="A", email="nope"
        )
    assert list(caught.value.message_dict) == ["email"]


def test_viewing_an_employer_with_contacts_is_audited(user, rovaniemi):
    employer = EmployerFactory(partners=[rovaniemi])
    services.record_employer_view(actor=user("rovaniemi.company"), employer=employer)
    assert not AuditEvent.objects.for_object(employer).exists()
    ContactPersonFactory(employer=employer)
    services.record_employer_view(actor=user("rovaniemi.company"), employer=employer)
    assert AuditEvent.objects.for_object(employer).get().action == AuditAction.VIEW


def test_export_has_the_import_columns_and_is_audited(user, rovaniemi):
    employer = EmployerFactory(partners=[rovaniemi], name="=Vienti Oy", peak_months=[6, 7])
    ContactPersonFactory(employer=employer, name="Aino Aho", phone="+358 40 123 4567")
    content = services.export_employers_csv(
        actor=user("rovaniemi.company"),
        organisation=rovaniemi,
        employers=Employer.objects.filter(pk=employer.pk),
    )
    header, row = content.lstrip("\ufeff").splitlines()
    assert header.split(";") == list(services.IMPORT_COLUMNS)
    assert row.split(";")[:6] == [
        employer.business_id,
        "'=Vienti Oy",
        "55.10",
        "698",
        "small",
        "6,7",
    ]
    assert "+358 40 123 4567" in row
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, object_type="employers.employer")
    assert event.detail == {"format": "csv", "count": 1}
