"""The training impact API: a job seeker's courses (scoped, audited) and a region's courses and
gaps (staff only, never a count of 1-4 people)."""

from urllib.parse import urlencode

import pytest

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.geo.models import SubRegion
from kohtaamo.matches.models import AreaCourseImpact
from kohtaamo.training.models import TrainingOffer
from tests.matches.world import GUARD_CARD, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(rovaniemi, kemi):
    return build_world(rovaniemi, kemi)


def training_url(client, **query) -> str:
    url = f"/api/v1/clients/{client.public_id}/training"
    return f"{url}?{urlencode(query)}" if query else url


def impact_url(code: str, **query) -> str:
    url = f"/api/v1/regions/{code}/training-impact"
    return f"{url}?{urlencode(query)}" if query else url


def test_anonymous_gets_401(client, world):
    assert client.get(training_url(world.helmi)).status_code == 401
    assert client.get(impact_url("19")).status_code == 401


def test_an_outsider_gets_404(login, world):
    response = login("kemi.coordinator").get(training_url(world.helmi))
    assert response.status_code == 404
    assert response.json() == {"detail": "No such job seeker"}


def test_a_basic_consent_gets_404(login, world):
    assert login("rovaniemi.coach").get(training_url(world.kemi_basic)).status_code == 404


def test_the_course_comes_with_what_it_unlocks_and_closes(login, world):
    response = login("rovaniemi.coach").get(training_url(world.helmi))
    assert response.status_code == 200
    [course] = [
        c for c in response.json() if c["offer"]["public_id"] == str(world.course.public_id)
    ]
    assert course["offer"]["title"] == world.course.title
    assert course["offer"]["municipality"] == "Rovaniemi" and course["offer"]["remote"] is False
    assert course["offer"]["duration_days"] == 5 and course["offer"]["cost_eur"] == "100.00"
    assert {"public_id": str(world.guard.public_id), "title": world.guard.title} in course[
        "vacancies"
    ]
    assert course["unlocks"] == len(course["vacancies"])
    assert course["closes"] == [GUARD_CARD]


def test_the_limit_is_kept_and_the_read_audited(login, world):
    response = login("rovaniemi.coach").get(training_url(world.helmi, limit=1))
    assert len(response.json()) == 1
    event = AuditEvent.objects.for_object(world.helmi).get(action=AuditAction.VIEW)
    assert event.detail["page"] == "training"


@pytest.mark.parametrize("code", ["19", "MK19"])
def test_the_region_lists_courses_and_gaps(login, code):
    response = login("rovaniemi.coach").get(impact_url(code, limit=100))
    assert response.status_code == 200
    body = response.json()
    assert body["area"] == {"code": "19", "name": "Lappi"}
    assert body["computed_at"]
    assert any("Hygieniapassi" in c["title"] for c in body["courses"])
    assert any(g["uri"] == "urn:kohtaamo:licence:hygieniapassi" for g in body["gaps"])


def test_no_count_is_ever_from_one_to_four(login):
    api = login("ely.analyst")
    codes = ["19", *SubRegion.objects.filter(region__code="19").values_list("code", flat=True)]
    for code in codes:
        _assert_protected(api.get(impact_url(code, limit=100)).json())


def _assert_protected(body: dict) -> None:
    for row in body["courses"]:
        if row["suppressed"]:
            assert row["people"] is None and row["matches"] is None
        else:
            assert row["people"] >= 5 and row["matches"] >= 5
    for row in body["gaps"]:
        assert row["people"] is None if row["suppressed"] else row["people"] >= 5


def test_a_suppressed_course_is_null_with_the_flag(login):
    offer = TrainingOffer.objects.filter(remote=True).first()
    AreaCourseImpact.objects.filter(area="SK197", offer=offer).delete()
    AreaCourseImpact.objects.create(area="SK197", offer=offer, suppressed=True)
    body = login("rovaniemi.coach").get(impact_url("SK197", limit=100)).json()
    [row] = [c for c in body["courses"] if c["public_id"] == str(offer.public_id)]
    assert row | {"people": None, "matches": None, "suppressed": True} == row


def test_an_unknown_region_gets_404_with_a_message(login):
    response = login("rovaniemi.coach").get(impact_url("MK99"))
    assert response.status_code == 404
    assert "MK99" in response.json()["detail"]


def test_a_job_seeker_s_own_login_gets_404(login):
    assert login("demo.seeker").get(impact_url("19")).status_code == 404
