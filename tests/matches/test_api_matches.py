"""GET /api/v1/clients/{id}/matches and /api/v1/vacancies/{id}/candidates: the stored matches
explained, within what the caller may see; 404 outside it; limits validated; reads audited."""

import pytest

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.matches.models import StoredMatch
from tests.matches.world import (
    COURSE_DAYS_AHEAD,
    GUARD_CARD,
    JEWELLERY_BROADER,
    JEWELLERY_EQUIPMENT,
    LEAD_CREATIVE_DEPARTMENT,
    build_world,
)
from tests.vacancies.factories import OPERATE_FORKLIFT

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(rovaniemi, kemi):
    return build_world(rovaniemi, kemi)


def matches_url(client, **query) -> str:
    params = "&".join(f"{k}={v}" for k, v in query.items())
    return f"/api/v1/clients/{client.public_id}/matches" + (f"?{params}" if params else "")


def candidates_url(vacancy, **query) -> str:
    params = "&".join(f"{k}={v}" for k, v in query.items())
    return f"/api/v1/vacancies/{vacancy.public_id}/candidates" + (f"?{params}" if params else "")


def by_vacancy(results: list[dict], vacancy) -> dict:
    return next(r for r in results if r["vacancy"]["public_id"] == str(vacancy.public_id))


def test_anonymous_gets_401(client, world):
    assert client.get(matches_url(world.helmi)).status_code == 401
    assert client.get(candidates_url(world.fitting)).status_code == 401


def test_best_matches_explain_what_is_met_and_missing(login, world):
    response = login("rovaniemi.coach").get(matches_url(world.helmi))
    assert response.status_code == 200
    [fitting] = response.json()  # Helmi fits one vacancy; the other two are near matches
    stored = StoredMatch.objects.get(client=world.helmi, vacancy=world.fitting)
    assert fitting["score"] == pytest.approx(stored.score)
    assert 0 < fitting["score"] <= 1
    assert fitting["near"] is False
    assert fitting["distance_km"] == 0
    assert fitting["vacancy"]["title"] == world.fitting.title
    assert fitting["vacancy"]["municipality"] == {"code": "698", "name": "Rovaniemi"}
    met = {m["uri"]: m for m in fitting["met"]}
    assert met[JEWELLERY_BROADER]["partial"] is True
    assert met[JEWELLERY_BROADER]["evidence"]["uri"] == JEWELLERY_EQUIPMENT
    assert met[JEWELLERY_BROADER]["evidence"]["source"] == "certificate"
    assert met[JEWELLERY_BROADER]["evidence"]["label"]
    [gap] = fitting["gaps"]
    assert gap["uri"] == LEAD_CREATIVE_DEPARTMENT
    assert (gap["mandatory"], gap["essential"], gap["routes"]) == (False, False, [])
    assert fitting["computed_at"]


def test_near_matches_carry_the_course_for_the_missing_licence(login, world):
    results = login("rovaniemi.coach").get(matches_url(world.helmi, near="true")).json()
    assert {r["vacancy"]["public_id"] for r in results} == {
        str(world.guard.public_id),
        str(world.swedish.public_id),
    }
    guard = by_vacancy(results, world.guard)
    assert guard["near"] is True
    assert guard["potential"] > guard["score"]
    [licence] = [g for g in guard["gaps"] if g["mandatory"]]
    assert (licence["uri"], licence["kind"], licence["essential"]) == (GUARD_CARD, "licence", True)
    [route] = licence["routes"]
    assert route == {
        "public_id": str(world.course.public_id),
        "title": world.course.title,
        "municipality": "Rovaniemi",
        "remote": False,
        "start_date": world.course.start_date.isoformat(),
        "duration_days": 5,
        "days_to_close": COURSE_DAYS_AHEAD + 5,
    }
    swedish = by_vacancy(results, world.swedish)
    assert swedish["missing_languages"] == [{"code": "sv", "level": "B1"}]


def test_limit_is_validated(login, world):
    coach = login("rovaniemi.coach")
    for bad in (0, 101, "many"):
        response = coach.get(matches_url(world.helmi, limit=bad))
        assert response.status_code == 422
        [error] = response.json()["detail"]
        assert error["loc"] == ["query", "limit"]
        assert error["msg"]
    assert coach.get(candidates_url(world.fitting, limit=0)).status_code == 422
    assert coach.get(matches_url(world.helmi, limit=100)).status_code == 200


def test_limit_cuts_the_list(login, world):
    coach = login("rovaniemi.coach")
    assert len(coach.get(matches_url(world.helmi, near="true")).json()) == 2
    assert len(coach.get(matches_url(world.helmi, near="true", limit=1)).json()) == 1


def test_outsider_gets_404(login, world):
    response = login("kemi.coordinator").get(matches_url(world.helmi))
    assert response.status_code == 404
    assert response.json()["detail"]
    assert login("ely.analyst").get(candidates_url(world.fitting)).status_code == 404
    assert not AuditEvent.objects.for_object(world.helmi).exists()


def test_basic_consent_is_not_enough(login, world):
    coach = login("rovaniemi.coach")
    assert coach.get(matches_url(world.kemi_basic)).status_code == 404
    assert coach.get(matches_url(world.kemi_consented)).status_code == 200


def test_reading_matches_is_audited(login, world, user):
    login("rovaniemi.coach").get(matches_url(world.helmi))
    event = AuditEvent.objects.for_object(world.helmi).get(action=AuditAction.VIEW)
    assert event.actor == user("rovaniemi.coach")
    assert event.detail == {"scope": "full", "page": "matches"}


def test_candidates_are_only_visible_people(login, world):
    results = login("rovaniemi.coach").get(candidates_url(world.fitting, limit=100)).json()
    listed = {r["client"]["public_id"] for r in results}
    assert {str(world.helmi.public_id), str(world.kemi_consented.public_id)} <= listed
    assert str(world.kemi_hidden.public_id) not in listed
    assert str(world.kemi_basic.public_id) not in listed
    helmi = next(r for r in results if r["client"]["public_id"] == str(world.helmi.public_id))
    assert helmi["client"]["first_name"] == "Helmi"
    assert helmi["client"]["municipality"] == {"code": "698", "name": "Rovaniemi"}
    assert {m["uri"] for m in helmi["met"]} == {JEWELLERY_BROADER, OPERATE_FORKLIFT}
    assert [g["uri"] for g in helmi["gaps"]] == [LEAD_CREATIVE_DEPARTMENT]
    assert "routes" not in helmi["gaps"][0]


def test_near_candidates_lack_the_licence(login, world):
    results = login("rovaniemi.coach").get(candidates_url(world.guard, near="true")).json()
    listed = {r["client"]["public_id"] for r in results}
    assert str(world.helmi.public_id) in listed
    assert str(world.kemi_hidden.public_id) not in listed
    assert all(r["near"] for r in results)
    helmi = next(r for r in results if r["client"]["public_id"] == str(world.helmi.public_id))
    assert [g["uri"] for g in helmi["gaps"] if g["mandatory"]] == [GUARD_CARD]


def test_a_candidate_list_is_audited_once_on_the_vacancy(login, world, user):
    results = login("rovaniemi.coach").get(candidates_url(world.fitting)).json()
    [event] = AuditEvent.objects.for_object(world.fitting).filter(action=AuditAction.VIEW)
    assert event.actor == user("rovaniemi.coach")
    assert event.detail["page"] == "candidates"
    assert event.detail["clients"] == [r["client"]["public_id"] for r in results]
