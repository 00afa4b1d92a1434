"""The employer pages: anonymous -> login, outsider and analyst -> 404, member -> the page."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.employers.models import Employer
from kohtaamo.geo.models import Municipality
from tests.employers.factories import ContactPersonFactory, EmployerFactory, business_id_for

pytestmark = pytest.mark.django_db

FRESH_ID = business_id_for(99_201)


def url(name, employer=None, **kwargs):
    if employer is not None:
        kwargs["public_id"] = employer.public_id
    return reverse(f"www:{name}", kwargs=kwargs or None)


@pytest.fixture
def ours(rovaniemi):
    employer = EmployerFactory(
        partners=[rovaniemi], name="Napapiirin Testimatkailu Oy", peak_months=[6, 7, 12]
    )
    ContactPersonFactory(employer=employer, name="Aino Aho", is_primary=True)
    return employer


@pytest.fixture
def theirs(kemi):
    return EmployerFactory(partners=[kemi], name="Kemin Testikonepaja Oy", industry="25.62")


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.mark.parametrize(
    "name", ["employers", "employer_create", "employer_import", "employer_export"]
)
def test_anonymous_is_sent_to_login(client, name):
    response = client.get(url(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("www:login"))


def test_anonymous_is_sent_to_login_from_an_employer(client, ours):
    response = client.get(url("employer", ours))
    assert response.status_code == 302


# The list -----------------------------------------------------------------------------


def test_list_shows_own_employers_only(login, ours, theirs):
    response = login("rovaniemi.company").get(url("employers"), {"q": "Test"})
    names = [e.name for e in response.context["page"].object_list]
    assert ours.name in names
    assert theirs.name not in names


@pytest.mark.parametrize(
    "params",
    [
        {"q": "napapiirin testi"},
        {"q": FRESH_ID[:5]},
        {"municipality": "698", "q": "Testimatkailu"},
        {"section": "I", "q": "Testimatkailu"},
        {"size_class": "micro"},
    ],
)
def test_search_and_filters(login, rovaniemi, params):
    wanted = EmployerFactory(
        partners=[rovaniemi],
        name="Napapiirin Testimatkailu Oy",
        business_id=FRESH_ID,
        size_class="micro",
    )
    other = EmployerFactory(
        partners=[rovaniemi],
        name="Muu Testi Oy",
        industry="25.62",
        municipality=Municipality.objects.get(code="240"),
        size_class="large",
    )
    page = login("rovaniemi.company").get(url("employers"), params).context["page"]
    found = set(page.paginator.object_list)
    assert wanted in found
    assert other not in found


def test_list_is_paginated_with_the_filters_kept(login, rovaniemi):
    for n in range(30):
        EmployerFactory(partners=[rovaniemi], name=f"Sivutus {n:02d} Oy")
    client = login("rovaniemi.company")
    first = client.get(url("employers"), {"q": "Sivutus"})
    assert len(first.context["page"].object_list) == 25
    assert 'href="?q=Sivutus&amp;page=2"' in first.content.decode()
    second = client.get(url("employers"), {"q": "Sivutus", "page": 2})
    assert [e.name for e in second.context["page"].object_list][-1] == "Sivutus 29 Oy"


def test_list_page_queries_do_not_grow_with_the_rows(
    login, rovaniemi, django_assert_max_num_queries
):
    for n in range(25):
        EmployerFactory(partners=[rovaniemi], name=f"Kysely {n:02d} Oy")
    client = login("rovaniemi.company")
    with django_assert_max_num_queries(10):
        response = client.get(url("employers"), {"q": "Kysely"})
    assert len(response.context["page"].object_list) == 25


def test_analyst_list_has_no_records(login, ours):
    response = login("ely.analyst").get(url("employers"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    assert ours.name not in response.content.decode()


# The employer page -------------------------------------------------------------------


def test_member_sees_facts_contacts_partners_and_the_sections(login, english, ours, rovaniemi):
    response = login("rovaniemi.company").get(url("employer", ours))
    body = response.content.decode()
    assert response.status_code == 200
    assert "55.10 – Accommodation and food service activities" in body
    assert "June, July, December" in body
    assert "Aino Aho" in body
    assert rovaniemi.name in body
    assert response.context["can_edit"]
    assert {"mappings", "vacancies", "employer"} <= set(response.context.keys())


def test_viewing_contact_persons_is_audited(login, ours):
    login("rovaniemi.company").get(url("employer", ours))
    event = AuditEvent.objects.for_object(ours).get(action=AuditAction.VIEW)
    assert event.actor.username == "rovaniemi.company"


def test_company_coordinator_of_another_organisation_gets_404(login, ours):
    client = login("kemi.company")
    for name in ("employer", "employer_edit", "employer_contact_add"):
        assert client.get(url(name, ours)).status_code == 404, name
    assert client.post(url("employer_share", ours)).status_code == 404


def test_analyst_gets_404_on_an_employer(login, ours):
    assert login("ely.analyst").get(url("employer", ours)).status_code == 404


# Create and edit ---------------------------------------------------------------------


def form_data(**fields):
    return {
        "business_id": FRESH_ID,
        "name": "Lomakkeen Testi Oy",
        "industry": "55.10",
        "municipality": "273",
        "size_class": "small",
        "peak_months": ["1", "2", "3"],
        "language": "sv",
        "website": "",
    } | fields


def test_create_adds_the_employer_to_the_current_organisation(login, rovaniemi):
    response = login("rovaniemi.company").post(url("employer_create"), form_data())
    employer = Employer.objects.get(business_id=FRESH_ID)
    assert response.url == employer.get_absolute_url()
    assert list(employer.organisations.all()) == [rovaniemi]
    assert (employer.peak_months, employer.language) == ([1, 2, 3], "sv")


def test_a_bad_business_id_is_in_the_error_summary_linked_to_the_field(login, english):
    response = login("rovaniemi.company").post(
        url("employer_create"), form_data(business_id="0210427-5")
    )
    body = response.content.decode()
    assert response.status_code == 200
    summary = body[body.index('id="error-summary"') :]
    assert 'href="#id_business_id"' in summary
    assert "0210427-5 is not a valid business ID" in summary
    assert 'aria-invalid="true"' in body
    assert not Employer.objects.filter(name="Lomakkeen Testi Oy").exists()


def test_months_are_twelve_checkboxes_in_a_fieldset(login):
    body = login("rovaniemi.company").get(url("employer_create")).content.decode()
    months = body[body.index('class="employer-months"') :]
    assert "<fieldset" in months
    assert "<legend" in months
    assert months.count('type="checkbox"') == 12


def test_analyst_cannot_open_the_create_or_import_page(login):
    client = login("ely.analyst")
    assert client.get(url("employer_create")).status_code == 404
    assert client.get(url("employer_import")).status_code == 404


def test_edit_saves_and_keeps_the_business_id(login, ours):
    data = form_data(business_id=ours.business_id, name="Uusi Nimi Oy", peak_months=["7"])
    response = login("rovaniemi.company").post(url("employer_edit", ours), data)
    ours.refresh_from_db()
    assert response.status_code == 302
    assert (ours.name, ours.peak_months) == ("Uusi Nimi Oy", [7])


def test_edit_form_is_filled_in(login, ours):
    response = login("rovaniemi.company").get(url("employer_edit", ours))
    assert response.context["form"]["peak_months"].value() == ["6", "7", "12"]


# Contacts and sharing ----------------------------------------------------------------


def test_contact_persons_are_added_edited_and_removed(login, ours):
    client = login("rovaniemi.company")
    client.post(url("employer_contact_add", ours), {"name": "Bo Berg", "email": "bo@example.fi"})
    bo = ours.contacts.get(name="Bo Berg")
    client.post(
        url("employer_contact_edit", ours, contact_id=bo.public_id),
        {"name": "Bo Berg", "title": "HR", "email": "bo@example.fi", "is_primary": "on"},
    )
    bo.refresh_from_db()
    assert (bo.title, bo.is_primary) == ("HR", True)
    client.post(url("employer_contact_remove", ours, contact_id=bo.public_id))
    assert not ours.contacts.filter(name="Bo Berg").exists()


def test_a_bad_contact_email_is_shown(login, ours):
    response = login("rovaniemi.company").post(
        url("employer_contact_add", ours), {"name": "X", "email": "nope"}
    )
    assert response.status_code == 200
    assert 'href="#id_email"' in response.content.decode()


def test_sharing_opens_the_employer_to_the_other_organisation(login, client, ours, kemi):
    login("rovaniemi.company").post(url("employer_share", ours), {"organisation": kemi.pk})
    client.logout()
    assert login("kemi.company").get(url("employer", ours)).status_code == 200


# Import and export -------------------------------------------------------------------


def upload(content: str, name="yritykset.csv"):
    return SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/csv")


def test_import_page_saves_and_says_how_many(login):
    response = login("rovaniemi.company").post(
        url("employer_import"),
        {"file": upload(f"business_id;name\n{FRESH_ID};Tuonti Oy\n")},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("employers")
    assert Employer.objects.filter(business_id=FRESH_ID).exists()


def test_import_page_lists_the_bad_rows_and_saves_nothing(login):
    response = login("rovaniemi.company").post(
        url("employer_import"),
        {"file": upload(f"business_id;name\n{FRESH_ID};Hyvä Oy\n0210427-5;Huono Oy\n")},
    )
    body = response.content.decode()
    table = body[body.index('id="import-error-table"') :]
    assert '<th scope="row">3</th>' in table
    assert "0210427-5" in table
    assert not Employer.objects.filter(business_id=FRESH_ID).exists()


def test_import_check_only_writes_nothing(login):
    response = login("rovaniemi.company").post(
        url("employer_import"),
        {"file": upload(f"business_id;name\n{FRESH_ID};Tuonti Oy\n"), "dry_run": "on"},
    )
    assert response.context["report"].created == 1
    assert 'id="import-summary"' in response.content.decode()
    assert not Employer.objects.filter(business_id=FRESH_ID).exists()


def test_export_has_the_visible_filtered_employers_and_is_audited(login, ours, theirs):
    response = login("rovaniemi.company").get(url("employer_export"), {"q": "Test"})
    body = response.content.decode("utf-8")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert ours.business_id in body
    assert theirs.business_id not in body
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, object_type="employers.employer")
    assert event.actor.username == "rovaniemi.company"


def test_analyst_cannot_export(login):
    assert login("ely.analyst").get(url("employer_export")).status_code == 404
