"""GET/POST /api/v1/referrals, GET /api/v1/referrals/{id}, POST .../{id}/status."""

from datetime import timedelta

import pytest
from django.core import mail

from kohtaamo.paths.models import Referral
from tests.referrals.conftest import RECEIVER

pytestmark = pytest.mark.django_db

URL = "/api/v1/referrals"


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_anonymous_gets_401(client, send, seeker):
    referral, _ = send()
    assert client.get(URL).status_code == 401
    assert client.get(f"{URL}/{referral.public_id}").status_code == 401
    assert (
        post(client, f"{URL}/{referral.public_id}/status", {"status": "hired"}).status_code == 401
    )


def test_an_outsider_gets_404_and_an_empty_list(login, send, seeker, vacancy):
    referral, _ = send()
    outsider = login("kemi.coordinator")
    assert outsider.get(f"{URL}/{referral.public_id}").status_code == 404
    status = post(outsider, f"{URL}/{referral.public_id}/status", {"status": "hired"})
    assert status.status_code == 404
    body = {"client": str(seeker.public_id), "kind": "vacancy", "vacancy": str(vacancy.public_id)}
    assert post(outsider, URL, body).status_code == 404
    listed = outsider.get(URL, {"client": str(seeker.public_id)}).json()
    assert listed["count"] == 0
    assert Referral.objects.get(pk=referral.pk).status == "sent"


def test_post_sends_a_referral_with_status_and_log(
    login, seeker, vacancy, django_capture_on_commit_callbacks
):
    api = login("rovaniemi.coordinator")
    body = {
        "client": str(seeker.public_id),
        "kind": "vacancy",
        "vacancy": str(vacancy.public_id),
        "receiver_name": "Riikka Rekry",
        "receiver_email": RECEIVER,
        "message": "Hei!",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = post(api, URL, body)
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "sent"
    assert data["target"]["public_id"] == str(vacancy.public_id)
    assert data["target"]["name"] == "Hotellisiivooja"
    assert [e["new_status"] for e in data["log"]] == ["sent"]
    assert "token" not in response.content.decode().lower()
    assert [m.to for m in mail.outbox] == [[RECEIVER]]


def test_post_names_the_missing_target(login, seeker):
    body = {"client": str(seeker.public_id), "kind": "service", "service": "no-such"}
    response = post(login("rovaniemi.coordinator"), URL, body)
    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["body", "service"]


def test_the_status_workflow_is_enforced_by_the_api(login, send):
    referral, _ = send()
    api = login("rovaniemi.coordinator")
    url = f"{URL}/{referral.public_id}/status"
    no_reason = post(api, url, {"status": "not_chosen"})
    assert no_reason.status_code == 400
    assert no_reason.json()["detail"][0]["loc"] == ["body", "reason"]
    hired = post(api, url, {"status": "hired", "comment": "Aloittaa 1.12."})
    assert hired.status_code == 200
    log = hired.json()["log"]
    assert [(e["old_status"], e["new_status"]) for e in log] == [("", "sent"), ("sent", "hired")]
    assert log[-1]["comment"] == "Aloittaa 1.12."
    back = post(api, url, {"status": "interview"})
    assert back.status_code == 400
    assert back.json()["detail"][0]["loc"] == ["body", "status"]
    assert api.get(f"{URL}/{referral.public_id}").json()["status"] == "hired"


def test_the_list_filters_by_status_and_overdue(login, send, seeker):
    late, _ = send()
    Referral.objects.filter(pk=late.pk).update(answer_due=late.sent_on - timedelta(days=1))
    fresh, _ = send()
    api = login("rovaniemi.coordinator")
    mine = api.get(URL, {"client": str(seeker.public_id)}).json()
    assert mine["count"] == 2
    flags = {r["public_id"]: r["overdue"] for r in mine["results"]}
    assert flags == {str(late.public_id): True, str(fresh.public_id): False}
    overdue = api.get(URL, {"client": str(seeker.public_id), "overdue": True}).json()
    assert [r["public_id"] for r in overdue["results"]] == [str(late.public_id)]
    assert api.get(URL, {"client": str(seeker.public_id), "status": "hired"}).json()["count"] == 0
    assert api.get(URL, {"status": "lost"}).status_code == 422
