"""The import page: for the coordinators and admins of the current organisation only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kohtaamo.clients.models import Client
from tests.clients.factories import ClientFactory

pytestmark = pytest.mark.django_db

URL = reverse("www:client_import")
HEADER = "first_name;last_name;birth_year;email"


def upload(client, *lines: str, dry_run: bool = False):
    content = "\n".join([HEADER, *lines]).encode("utf-8")
    data = {"file": SimpleUploadedFile("hakijat.csv", content, content_type="text/csv")}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(URL, data)


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("www:login"))


@pytest.mark.parametrize("username", ["kemi.company", "ely.analyst"])
def test_others_get_404(login, username):
    assert login(username).get(URL).status_code == 404


@pytest.mark.parametrize("username", ["kemi.coordinator", "rovaniemi.admin"])
def test_coordinators_and_admins_see_the_page(login, username):
    response = login(username).get(URL)
    assert response.status_code == 200
    assert b'id="import-columns"' in response.content


def test_upload_imports_into_the_current_organisation_and_goes_to_the_list(login, kemi, user):
    response = upload(login("kemi.coordinator"), "Hilma;Zyxström;1988;hilma@example.fi")
    assert response.status_code == 302
    assert response.url == reverse("www:clients")
    client = Client.objects.get(last_name="Zyxström")
    assert (client.organisation, client.responsible) == (kemi, user("kemi.coordinator"))


def test_check_only_shows_the_rows_and_saves_nothing(login):
    response = upload(login("kemi.coordinator"), "Hilma;Zyxström;1988;", dry_run=True)
    assert response.status_code == 200
    assert b'id="import-result-table"' in response.content
    assert "Zyxström" in response.content.decode()
    assert not Client.objects.filter(last_name="Zyxström").exists()


def test_errors_are_listed_by_row_and_nothing_is_saved(login):
    response = upload(login("kemi.coordinator"), "Hilma;Zyxström;1988;", "Iida;Zyxström;19;")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="import-error-table"' in page
    assert '<th scope="row">3</th>' in page
    assert not Client.objects.filter(last_name="Zyxström").exists()


def test_a_duplicate_links_to_the_existing_client(login, kemi):
    existing = ClientFactory(organisation=kemi, email="hilma@example.fi")
    response = upload(login("kemi.coordinator"), "Hilma;Zyxström;1988;hilma@example.fi")
    assert response.status_code == 200
    assert existing.get_absolute_url() in response.content.decode()


def test_a_missing_file_is_a_form_error(login):
    response = login("kemi.coordinator").post(URL, {})
    assert response.status_code == 200
    assert b'id="error-summary"' in response.content
