"""Who sees a job seeker's record, and how much of it (deliverable 2, the must-shows).

The record of a person belongs to the organisation that created it. Another organisation joins
the person's team only with a recorded consent and sees what its scope allows; everyone else,
whatever their role, gets 404. Every view of the record is audited.
"""

import pytest
from django.urls import reverse

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients import perms
from kohtaamo.clients.consents import withdraw_consent
from kohtaamo.clients.enums import ConsentScope
from kohtaamo.clients.models import Client
from kohtaamo.organisations.enums import Role
from kohtaamo.taxonomy.models import Concept
from tests.clients.factories import ClientCompetenceFactory, ClientFactory, ConsentFactory
from tests.organisations.factories import MembershipFactory

pytestmark = pytest.mark.django_db

NOTE = "Muistiinpano vain omalle organisaatiolle"


def url(name, client=None, **kwargs):
    if client is not None:
        kwargs["public_id"] = client.public_id
    return reverse(f"www:{name}", kwargs=kwargs or None)


@pytest.fixture
def skill():
    return Concept.objects.filter(kind="skill").order_by("uri").first()


@pytest.fixture
def seeker(rovaniemi, skill):
    client = ClientFactory(organisation=rovaniemi, first_name="Sanni", last_name="Salonen")
    client.note = NOTE
    client.save()
    ClientCompetenceFactory(client=client, uri=skill.uri, level=4)
    return client


def views_of(client) -> int:
    return AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="clients.client", object_id=str(client.public_id)
    ).count()


# Anonymous, outsiders and the wrong roles --------------------------------------------------


@pytest.mark.parametrize("name", ["client", "client_edit", "client_consents"])
def test_anonymous_is_sent_to_login(client, seeker, name):
    response = client.get(url(name, seeker))
    assert response.status_code == 302
    assert response.url.startswith(reverse("www:login"))


@pytest.mark.parametrize("name", ["clients", "client_create"])
def test_anonymous_is_sent_to_login_from_the_lists(client, name):
    response = client.get(url(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("www:login"))


@pytest.mark.parametrize("name", ["client", "client_edit", "client_consents"])
def test_a_coordinator_of_another_organisation_gets_404(login, seeker, name):
    assert login("kemi.coordinator").get(url(name, seeker)).status_code == 404


@pytest.mark.parametrize("username", ["rovaniemi.company", "ely.analyst"])
def test_company_coordinators_and_analysts_get_404(login, user, seeker, username):
    browser = login(username)
    assert browser.get(url("client", seeker)).status_code == 404
    assert browser.get(url("client_create")).status_code == 404
    assert seeker not in Client.objects.visible_to(user(username))
    assert perms.scope_for(user(username), seeker) is None


def test_a_post_from_outside_the_team_gets_404_and_changes_nothing(login, seeker):
    response = login("kemi.coordinator").post(url("client_contact", seeker))
    assert response.status_code == 404
    seeker.refresh_from_db()
    assert seeker.last_contact_on is None


def test_an_erased_record_is_seen_by_no_one(login, seeker):
    Client.objects.filter(pk=seeker.pk).update(erased_at="2025-01-01T00:00:00Z")
    assert login("rovaniemi.coordinator").get(url("client", seeker)).status_code == 404


# The owner ------------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["rovaniemi.coordinator", "rovaniemi.admin"])
def test_the_owners_coordinators_and_admins_see_everything(login, in_english, seeker, username):
    response = login(username).get(url("client", seeker))
    assert response.status_code == 200
    assert response.context["scope"] == "full"
    assert response.context["can_edit"]
    assert response.context["can_manage_consents"]
    body = response.content.decode()
    assert NOTE in body
    assert 'id="birth-year"' in body
    assert [c.uri for c in response.context["competences"]] == [seeker.competences.get().uri]


def test_only_the_owners_admin_may_erase(user, seeker):
    assert perms.can_erase_client(user("rovaniemi.admin"), seeker)
    assert not perms.can_erase_client(user("rovaniemi.coordinator"), seeker)


# Partners by the consent's scope --------------------------------------------------------


def test_basic_scope_shows_contact_and_wishes_but_no_competences_or_note(login, seeker, kemi):
    ConsentFactory(client=seeker, organisation=kemi, scope=ConsentScope.BASIC)
    response = login("kemi.coordinator").get(url("client", seeker))
    assert response.status_code == 200
    assert response.context["scope"] == "basic"
    assert "competences" not in response.context
    body = response.content.decode()
    assert seeker.email in body
    assert NOTE not in body
    assert 'id="client-competences"' not in body
    assert 'id="birth-year"' not in body and 'id="age-group"' in body
    assert not response.context["can_edit"]


def test_competences_scope_adds_competences_but_not_the_note(login, seeker, kemi):
    ConsentFactory(client=seeker, organisation=kemi, scope=ConsentScope.COMPETENCES)
    response = login("kemi.coordinator").get(url("client", seeker))
    assert response.context["scope"] == "competences"
    assert len(response.context["competences"]) == 1
    body = response.content.decode()
    assert 'id="client-competences"' in body
    assert NOTE not in body


def test_full_scope_shows_the_note_and_allows_editing(login, seeker, kemi):
    ConsentFactory(client=seeker, organisation=kemi, scope=ConsentScope.FULL)
    browser = login("kemi.coordinator")
    response = browser.get(url("client", seeker))
    assert NOTE in response.content.decode()
    assert response.context["can_edit"]
    assert not response.context["can_manage_consents"]  # the owner's decision
    edit = browser.get(url("client_edit", seeker))
    assert edit.status_code == 200
    assert "responsible" not in edit.context["form"].fields
    assert browser.get(url("client_consents", seeker)).status_code == 404


def test_a_narrow_scope_cannot_open_the_edit_form(login, seeker, kemi):
    ConsentFactory(client=seeker, organisation=kemi, scope=ConsentScope.COMPETENCES)
    assert login("kemi.coordinator").get(url("client_edit", seeker)).status_code == 404


def test_after_withdrawal_the_partner_gets_404_again(login, user, seeker, kemi):
    consent = ConsentFactory(client=seeker, organisation=kemi, scope=ConsentScope.FULL)
    browser = login("kemi.coordinator")
    assert browser.get(url("client", seeker)).status_code == 200
    withdraw_consent(actor=user("rovaniemi.coordinator"), consent=consent)
    assert browser.get(url("client", seeker)).status_code == 404
    assert perms.scope_for(user("kemi.coordinator"), seeker) is None


def test_an_expired_consent_lets_no_one_in(login, seeker, kemi):
    ConsentFactory(client=seeker, organisation=kemi, valid_until="2020-01-01")
    assert login("kemi.coordinator").get(url("client", seeker)).status_code == 404


def test_a_consent_opens_the_record_to_coordinators_only(login, seeker, kemi):
    ConsentFactory(client=seeker, organisation=kemi, scope=ConsentScope.FULL)
    assert login("kemi.company").get(url("client", seeker)).status_code == 404


def test_the_widest_of_several_consents_counts(user, seeker, kemi):
    membership = MembershipFactory(user=user("kemi.coordinator"), role=Role.COORDINATOR)
    ConsentFactory(client=seeker, organisation=kemi, scope=ConsentScope.BASIC)
    ConsentFactory(client=seeker, organisation=membership.organisation, scope="competences")
    coordinator = user("kemi.coordinator")
    assert perms.scope_for(coordinator, seeker) == "competences"
    [row] = perms.with_scopes(Client.objects.filter(pk=seeker.pk), coordinator)
    assert perms.row_scope(row) == "competences"
    assert perms.acting_organisation(coordinator, seeker) == membership.organisation


def test_the_team_is_shown_to_every_member(login, in_english, seeker, kemi):
    ConsentFactory(client=seeker, organisation=kemi, scope=ConsentScope.BASIC)
    response = login("kemi.coordinator").get(url("client", seeker))
    body = response.content.decode()
    assert 'id="client-team"' in body
    assert kemi.name in body and seeker.organisation.name in body


# The audit -------------------------------------------------------------------------------


def test_every_view_by_another_organisation_writes_an_audit_row(login, seeker, kemi):
    ConsentFactory(client=seeker, organisation=kemi, scope=ConsentScope.BASIC)
    browser = login("kemi.coordinator")
    before = views_of(seeker)
    browser.get(url("client", seeker))
    browser.get(url("client", seeker))
    assert views_of(seeker) == before + 2
    event = AuditEvent.objects.filter(action=AuditAction.VIEW).latest("pk")
    assert event.organisation == kemi
    assert event.actor.username == "kemi.coordinator"
    assert event.detail == {"scope": "basic"}


def test_the_owners_views_are_audited_too_and_carry_no_personal_data(login, seeker):
    login("rovaniemi.coordinator").get(url("client", seeker))
    event = AuditEvent.objects.filter(action=AuditAction.VIEW).latest("pk")
    assert event.object_id == str(seeker.public_id)
    assert event.detail == {"scope": "full"}
    assert seeker.last_name not in str(event.detail)


def test_a_404_writes_no_view(login, seeker):
    before = views_of(seeker)
    login("kemi.coordinator").get(url("client", seeker))
    assert views_of(seeker) == before
