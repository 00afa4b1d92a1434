"""The erasure page: only an admin of the owner organisation; a required reason and a
confirmation; the report afterwards."""

import pytest
from django.urls import reverse

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients.models import Client
from tests.clients.factories import ClientFactory, ConsentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker(rovaniemi, kemi):
    seeker = ClientFactory(
        organisation=rovaniemi, first_name="Zörbulon", last_name="Quaxleyson", note="salaisuus"
    )
    ConsentFactory(client=seeker, organisation=kemi, scope="full")
    return seeker


def url(seeker) -> str:
    return reverse("www:client_erase", kwargs={"public_id": seeker.public_id})


def test_anonymous_is_sent_to_login(client, seeker):
    response = client.get(url(seeker))
    assert response.status_code == 302
    assert response.url.startswith(reverse("www:login"))


@pytest.mark.parametrize(
    "username", ["rovaniemi.coordinator", "redu.admin", "kemi.coordinator", "ely.analyst"]
)
def test_everyone_but_an_admin_of_the_owner_gets_404(login, seeker, username):
    browser = login(username)
    assert browser.get(url(seeker)).status_code == 404
    assert browser.post(url(seeker), {"reason": "request", "confirm": "on"}).status_code == 404
    assert Client.objects.get(pk=seeker.pk).erased_at is None


def test_the_admin_sees_what_is_erased_and_kept_and_the_view_is_audited(login, seeker, user):
    response = login("rovaniemi.admin").get(url(seeker))
    assert response.status_code == 200
    assert "Zörbulon Quaxleyson" in response.content.decode()
    event = AuditEvent.objects.for_object(seeker).get(action=AuditAction.VIEW)
    assert (event.actor, event.detail) == (user("rovaniemi.admin"), {"purpose": "erasure"})


@pytest.mark.usefixtures("in_english")
def test_a_reason_and_the_confirmation_are_required(login, seeker):
    response = login("rovaniemi.admin").post(url(seeker), {})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="error-summary"' in page
    assert 'href="#id_reason_0"' in page
    assert "Confirm that you want to erase the data." in page
    assert Client.objects.get(pk=seeker.pk).erased_at is None


def test_erasure_shows_its_report_after(login, seeker):
    browser = login("rovaniemi.admin")
    response = browser.post(url(seeker), {"reason": "request", "confirm": "on"})
    assert response.status_code == 302
    assert response.url == url(seeker)
    assert Client.objects.get(pk=seeker.pk).erased_at is not None

    page = browser.get(url(seeker)).content.decode()
    assert 'id="erasure-report"' in page
    assert str(seeker.public_id) in page
    assert "Zörbulon" not in page and "Quaxleyson" not in page
    assert browser.get(reverse("www:clients")).content.decode().count("Quaxleyson") == 0
