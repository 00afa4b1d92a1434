"""The coordinator's referral pages: the outcome view, one referral, sending, the status."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kohtaamo.audit.models import AuditEvent
from kohtaamo.paths.models import Referral
from tests.referrals.conftest import RECEIVER, token_in

pytestmark = pytest.mark.django_db


def referral_url(name, referral):
    return reverse(f"www:{name}", kwargs={"public_id": referral.public_id})


def test_anonymous_is_sent_to_log_in(client, send):
    referral, _ = send()
    for url in (reverse("www:referrals"), referral_url("referral", referral)):
        assert client.get(url).status_code == 302


def test_an_outsider_gets_404_everywhere(login, send, seeker):
    referral, _ = send()
    outsider = login("kemi.coordinator")
    assert outsider.get(referral_url("referral", referral)).status_code == 404
    assert (
        outsider.post(referral_url("referral_status", referral), {"status": "hired"}).status_code
        == 404
    )
    assert outsider.post(referral_url("referral_new_link", referral)).status_code == 404
    assert outsider.get(referral_url("referral_add", seeker)).status_code == 404
    assert referral.public_id.hex not in outsider.get(reverse("www:referrals")).content.decode()
    referral.refresh_from_db()
    assert referral.status == "sent"


def test_the_referral_page_shows_the_log_and_is_audited(login, send, in_english):
    referral, _ = send()
    response = login("rovaniemi.coordinator").get(referral_url("referral", referral))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hotellisiivooja" in html and 'id="referral-log"' in html
    assert AuditEvent.objects.for_object(referral).filter(action="view").exists()


def test_sending_with_a_vacancy_prefilled_mails_the_link(
    login, seeker, vacancy, django_capture_on_commit_callbacks
):
    coordinator = login("rovaniemi.coordinator")
    add = referral_url("referral_add", seeker)
    form = coordinator.get(add, {"vacancy": str(vacancy.public_id)})
    assert form.status_code == 200
    assert RECEIVER in form.content.decode()  # the employer's contact as receiver
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(
            add,
            {
                "kind": "vacancy",
                "vacancy": str(vacancy.public_id),
                "receiver_name": "Riikka Rekry",
                "receiver_email": RECEIVER,
                "message": "Hei!",
            },
        )
    referral = Referral.objects.get(client=seeker)
    assert response.status_code == 302
    assert response.url == referral_url("referral", referral)
    assert referral.vacancy == vacancy and referral.created_by.username == "rovaniemi.coordinator"
    [message] = mail.outbox
    assert referral.answer_links.get().is_usable()
    assert token_in(message.body)


def test_sending_without_a_target_shows_the_error(login, seeker, in_english):
    response = login("rovaniemi.coordinator").post(
        referral_url("referral_add", seeker), {"kind": "employer"}
    )
    assert response.status_code == 400
    assert 'href="#id_employer"' in response.content.decode()
    assert not Referral.objects.filter(client=seeker).exists()


def test_the_status_workflow_is_enforced_on_the_page(login, send, in_english):
    referral, _ = send()
    coordinator = login("rovaniemi.coordinator")
    status = referral_url("referral_status", referral)
    no_reason = coordinator.post(status, {"status": "not_chosen", "reason": ""})
    assert no_reason.status_code == 400
    assert "Say why the person was not chosen" in no_reason.content.decode()
    assert coordinator.post(status, {"status": "hired"}).status_code == 302
    back = coordinator.post(status, {"status": "interview"})
    assert back.status_code == 400
    referral.refresh_from_db()
    assert referral.status == "hired"
    assert list(referral.events.values_list("new_status", flat=True)) == ["sent", "hired"]


def test_a_new_link_voids_the_old_one(login, send, client, django_capture_on_commit_callbacks):
    referral, old = send()
    coordinator = login("rovaniemi.coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        assert coordinator.post(referral_url("referral_new_link", referral)).status_code == 302
    new = token_in(mail.outbox[-1].body)
    assert new != old
    coordinator.logout()
    answer = reverse("www:referral_answer", kwargs={"token": old})
    assert client.get(answer).status_code == 404
    assert client.get(reverse("www:referral_answer", kwargs={"token": new})).status_code == 200


def test_the_outcome_view_flags_overdue_and_filters(login, send, rovaniemi, in_english):
    late, _ = send()
    Referral.objects.filter(pk=late.pk).update(answer_due=late.sent_on - timedelta(days=1))
    fresh, _ = send()
    coordinator = login("rovaniemi.coordinator")
    # The view shows the current organisation's referrals (the user works for two).
    coordinator.post(reverse("www:switch_organisation"), {"organisation": rovaniemi.public_id})
    html = coordinator.get(reverse("www:referrals")).content.decode()
    row = re.search(rf'<tr class="referral-row-overdue">.*?{late.public_id}.*?</tr>', html, re.S)
    assert row and "overdue" in row.group(0)
    only_overdue = coordinator.get(reverse("www:referrals"), {"overdue": "on"}).content.decode()
    assert str(late.public_id) in only_overdue
    assert str(fresh.public_id) not in only_overdue
    hired = coordinator.get(reverse("www:referrals"), {"status": "hired"}).content.decode()
    assert str(late.public_id) not in hired
    audits = AuditEvent.objects.filter(object_type="paths.referral", action="view")
    assert {a.detail["page"] for a in audits} == {"referrals"}
    assert any(str(late.client.public_id) in a.detail["clients"] for a in audits)


def test_the_outcome_view_costs_the_same_queries_however_many_rows(login, send, rovaniemi):
    coordinator = login("rovaniemi.coordinator")
    coordinator.post(reverse("www:switch_organisation"), {"organisation": rovaniemi.public_id})
    url = reverse("www:referrals")
    counts = []
    for _ in range(2):
        send()
        send()
        with CaptureQueriesContext(connection) as queries:
            assert coordinator.get(url, {"kind": "vacancy"}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_service_referral_without_email_is_recorded_by_the_coordinator(login, seeker):
    from kohtaamo.paths.models import ServiceType

    service = ServiceType.objects.filter(organisation=None, is_active=True).first()
    coordinator = login("rovaniemi.coordinator")
    add = referral_url("referral_add", seeker) + f"?service={service.code}"
    form = coordinator.get(add).content.decode()
    assert f'name="service_type" value="{service.pk}"' in form
    assert 'name="vacancy"' not in form  # the prefilled target replaces the long lists
    response = coordinator.post(add, {"kind": "service", "service_type": service.pk})
    referral = Referral.objects.get(client=seeker)
    assert response.status_code == 302
    assert (referral.kind, referral.service_type) == ("service", service)
    assert not referral.answer_links.exists()
    assert mail.outbox == []


def test_the_front_page_counts_the_organisation_s_unanswered_referrals(login, user):
    from kohtaamo.organisations.models import Organisation

    kolari = Organisation.objects.get(name="Kolarin kunta")
    overdue = Referral.objects.filter(organisation=kolari).unanswered().count()
    assert overdue, "the demo has overdue referrals in Kolari"

    page = login("kolari.coordinator").get(reverse("www:home")).content.decode()

    link = re.search(r'id="home-overdue">([^<]*)<', page)
    assert link and str(overdue) in link.group(1)
