"""Consents and the shared team, the coordinator's side (deliverable 2): the owner records the
consent the person gave, partners join the team within its scope, withdrawal is at once."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients.enums import ConsentScope
from kohtaamo.clients.models import Consent
from tests.clients.factories import ClientFactory, ConsentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker(rovaniemi):
    return ClientFactory(organisation=rovaniemi)


def consents_url(client):
    return reverse("www:client_consents", kwargs={"public_id": client.public_id})


def withdraw_url(consent):
    return reverse(
        "www:client_consent_withdraw",
        kwargs={"public_id": consent.client.public_id, "consent_id": consent.public_id},
    )


def give(browser, client, organisation, scope="basic", **extra):
    valid_until = timezone.localdate() + timezone.timedelta(days=365)
    data = {"organisation": organisation.pk, "scope": scope, "valid_until": valid_until} | extra
    return browser.post(consents_url(client), data)


def test_the_consents_page_is_for_the_owner(login, seeker, kemi):
    ConsentFactory(client=seeker, organisation=kemi, scope=ConsentScope.FULL)
    assert login("rovaniemi.admin").get(consents_url(seeker)).status_code == 200
    assert login("kemi.coordinator").get(consents_url(seeker)).status_code == 404
    assert login("lappia.counsellor").get(consents_url(seeker)).status_code == 404


def test_the_form_offers_other_active_organisations_and_a_year(login, seeker):
    response = login("rovaniemi.coordinator").get(consents_url(seeker))
    form = response.context["form"]
    assert seeker.organisation not in form.fields["organisation"].queryset
    assert form["valid_until"].value() == timezone.localdate() + timezone.timedelta(days=365)


def test_a_recorded_consent_lets_the_partner_in_within_its_scope(login, seeker, kemi):
    detail = reverse("www:client", kwargs={"public_id": seeker.public_id})
    assert login("kemi.coordinator").get(detail).status_code == 404
    response = give(login("rovaniemi.coordinator"), seeker, kemi, scope="competences")
    assert response.status_code == 302
    consent = Consent.objects.get(client=seeker, organisation=kemi)
    assert consent.recorded_by.username == "rovaniemi.coordinator"
    assert not consent.given_in_own_view
    event = AuditEvent.objects.filter(action=AuditAction.CONSENT_GIVEN).latest("pk")
    assert event.detail["scope"] == "competences"
    partner = login("kemi.coordinator").get(detail)
    assert partner.status_code == 200
    assert partner.context["scope"] == "competences"


def test_a_new_consent_replaces_the_one_in_force(login, seeker, kemi):
    browser = login("rovaniemi.coordinator")
    give(browser, seeker, kemi, scope="basic")
    give(browser, seeker, kemi, scope="full")
    assert list(Consent.objects.active().filter(client=seeker).values_list("scope", flat=True)) == [
        "full"
    ]
    assert Consent.objects.filter(client=seeker, withdrawn_at__isnull=False).count() == 1


def test_bad_input_names_the_field(login, in_english, seeker, kemi):
    browser = login("rovaniemi.coordinator")
    response = give(browser, seeker, kemi, valid_until="2020-01-01")
    assert response.status_code == 400
    assert "valid_until" in response.context["form"].errors
    response = give(
        browser, seeker, kemi, valid_until=timezone.localdate() + timezone.timedelta(days=4000)
    )
    assert "three years" in str(response.context["form"].errors["valid_until"])
    assert not Consent.objects.filter(client=seeker).exists()


def test_withdrawal_takes_effect_at_once_and_is_audited(login, seeker, kemi):
    consent = ConsentFactory(client=seeker, organisation=kemi, scope=ConsentScope.FULL)
    detail = reverse("www:client", kwargs={"public_id": seeker.public_id})
    assert login("kemi.coordinator").get(detail).status_code == 200
    response = login("rovaniemi.coordinator").post(withdraw_url(consent))
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert consent.withdrawn_by.username == "rovaniemi.coordinator"
    event = AuditEvent.objects.filter(action=AuditAction.CONSENT_WITHDRAWN).latest("pk")
    assert event.object_id == str(consent.public_id)
    assert login("kemi.coordinator").get(detail).status_code == 404


def test_the_partner_cannot_withdraw_or_reach_another_clients_consent(login, seeker, kemi):
    consent = ConsentFactory(client=seeker, organisation=kemi, scope=ConsentScope.FULL)
    assert login("kemi.coordinator").post(withdraw_url(consent)).status_code == 404
    other = ClientFactory(organisation=seeker.organisation)
    wrong = reverse(
        "www:client_consent_withdraw",
        kwargs={"public_id": other.public_id, "consent_id": consent.public_id},
    )
    assert login("rovaniemi.coordinator").post(wrong).status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_withdrawal_needs_a_post(login, seeker, kemi):
    consent = ConsentFactory(client=seeker, organisation=kemi)
    assert login("rovaniemi.coordinator").get(withdraw_url(consent)).status_code == 405


def test_the_page_lists_every_consent_with_its_state(login, in_english, seeker, kemi, user):
    ConsentFactory(client=seeker, organisation=kemi, scope=ConsentScope.BASIC)
    lappia = user("lappia.counsellor").memberships.get().organisation
    ConsentFactory(client=seeker, organisation=lappia, valid_until="2021-12-31")
    body = login("rovaniemi.coordinator").get(consents_url(seeker)).content.decode()
    assert "in force" in body and "expired" in body
    assert body.count("client-text-button") == 1  # only the consent in force can be withdrawn
