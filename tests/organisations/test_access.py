"""Who sees an organisation and its members: members do, everyone else gets a 404."""

import pytest
from django.urls import reverse

from kohtaamo.accounts.models import User
from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.organisations.models import Membership, Organisation
from tests.organisations.factories import MembershipFactory

pytestmark = pytest.mark.django_db

KEMI = "Kemin kaupunki"
ROVANIEMI = "Rovaniemen kaupungin työllisyyspalvelut"


def page(name):
    return reverse(
        "www:organisation", kwargs={"public_id": Organisation.objects.get(name=name).public_id}
    )


def test_anonymous_is_sent_to_login(client):
    response = client.get(page(KEMI))
    assert response.status_code == 302
    assert response.url.startswith(reverse("www:login"))


def test_outsider_gets_404(login):
    response = login("rovaniemi.coordinator").get(page(KEMI))
    assert response.status_code == 404


def test_member_sees_the_organisation_and_its_members(login):
    response = login("kemi.coordinator").get(page(KEMI))
    assert response.status_code == 200
    assert "Petri Alatalo" in response.content.decode()


def test_visible_to_returns_only_own_organisations():
    user = User.objects.get(username="redu.counsellor")
    names = set(Organisation.objects.visible_to(user).values_list("name", flat=True))
    assert names == {"Koulutuskuntayhtymä REDU", "Osaajat kohtaamaan Lapissa -hanke (ESR+)"}


def test_deactivated_member_loses_access_at_once(login):
    client = login("kemi.coordinator")
    membership = Membership.objects.get(user__username="kemi.coordinator")
    membership.is_active = False
    membership.deactivation_reason = "left the job"
    membership.save()
    assert client.get(page(KEMI)).status_code == 404


def deactivate_url(membership):
    return reverse(
        "www:deactivate_member",
        kwargs={
            "public_id": membership.organisation.public_id,
            "membership_id": membership.public_id,
        },
    )


def test_admin_deactivates_a_member_and_the_audit_row_is_written_with_it(login):
    target = Membership.objects.get(user__username="rovaniemi.company")
    response = login("rovaniemi.admin").post(
        deactivate_url(target), {"reason": "Siirtyi muihin tehtäviin"}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.is_active
    assert target.deactivation_reason == "Siirtyi muihin tehtäviin"
    event = AuditEvent.objects.for_object(target).get()
    assert event.action == AuditAction.DEACTIVATE
    assert event.actor.username == "rovaniemi.admin"
    assert event.organisation == target.organisation


def test_deactivation_without_reason_changes_nothing(login):
    target = Membership.objects.get(user__username="rovaniemi.company")
    login("rovaniemi.admin").post(deactivate_url(target), {"reason": "  "})
    target.refresh_from_db()
    assert target.is_active
    assert not AuditEvent.objects.for_object(target).exists()


def test_member_who_is_not_admin_cannot_deactivate(login):
    target = Membership.objects.get(user__username="rovaniemi.company")
    response = login("rovaniemi.coordinator").post(deactivate_url(target), {"reason": "x"})
    assert response.status_code == 404
    target.refresh_from_db()
    assert target.is_active


def test_admin_of_another_organisation_gets_404():
    target = Membership.objects.get(user__username="kemi.company")
    admin = MembershipFactory(admin=True)
    from django.test import Client

    client = Client()
    client.force_login(admin.user)
    assert client.post(deactivate_url(target), {"reason": "x"}).status_code == 404


def test_switching_organisation_changes_the_current_one_and_is_audited(login):
    client = login("rovaniemi.coordinator")
    project = Organisation.objects.get(name__startswith="Osaajat kohtaamaan")
    response = client.post(
        reverse("www:switch_organisation"),
        {"organisation": project.public_id, "next": "/"},
        follow=True,
    )
    assert response.context["current_organisation"] == project
    assert AuditEvent.objects.filter(action=AuditAction.SWITCH_ORGANISATION).exists()


def test_cannot_switch_to_an_organisation_one_is_not_member_of(login):
    kemi = Organisation.objects.get(name=KEMI)
    response = login("rovaniemi.coordinator").post(
        reverse("www:switch_organisation"), {"organisation": kemi.public_id}
    )
    assert response.status_code == 404
