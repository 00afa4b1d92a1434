"""GET /api/v1/clients/{public_id}/seasonal-pairs and /api/v1/regions/{code}/employer-pairs:
a job seeker's two seasonal jobs (competences scope, audited) and the employers of an area who
could share a worker (staff only, small counts suppressed)."""

import pytest

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients.enums import ConsentScope
from tests.clients.factories import ConsentFactory

from .seasonal_world import LEAD_CREATIVE_DEPARTMENT, build_employer_world, build_seasonal_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(rovaniemi):
    return build_seasonal_world(rovaniemi)


def pairs_url(client) -> str:
    return f"/api/v1/clients/{client.public_id}/seasonal-pairs"


def test_anonymous_gets_401(client, world):
    assert client.get(pairs_url(world.sirpa)).status_code == 401
    assert client.get("/api/v1/regions/19/employer-pairs").status_code == 401


def test_outsider_gets_404(login, world):
    response = login("kemi.coordinator").get(pairs_url(world.sirpa))
    assert response.status_code == 404 and "detail" in response.json()


def test_basic_consent_is_not_enough(login, world, kemi):
    ConsentFactory(client=world.sirpa, organisation=kemi, scope=ConsentScope.BASIC)
    assert login("kemi.coordinator").get(pairs_url(world.sirpa)).status_code == 404


def test_the_best_pair_is_the_winter_and_the_summer_season(login, world):
    data = login("rovaniemi.coach").get(pairs_url(world.sirpa)).json()
    best = data[0]
    assert best["first"]["public_id"] == str(world.winter.public_id)
    assert best["second"]["public_id"] == str(world.summer.public_id)
    assert best["months_covered"] == 8
    assert best["months"] == [1, 2, 3, 4, 6, 7, 8, 12]
    assert best["gap_months"] == [5, 9, 10, 11]
    assert best["near"] is False
    first = best["first"]
    assert first["title"] == "Talvikauden koruseppä"
    assert first["start_date"] == "2026-11-30" and first["end_date"] == "2027-04-12"
    assert first["municipality"] == "698" and first["months"] == [1, 2, 3, 4, 12]
    assert 0 < first["score"] <= 1
    assert [g["uri"] for g in first["gaps"]] == [LEAD_CREATIVE_DEPARTMENT]
    assert first["url"] == world.winter.get_absolute_url()


def test_no_pair_holds_a_year_round_or_distant_job(login, world):
    data = login("rovaniemi.coach").get(pairs_url(world.sirpa)).json()
    paired = {p[side]["public_id"] for p in data for side in ("first", "second")}
    assert str(world.year_round.public_id) not in paired
    assert str(world.kemi_winter.public_id) not in paired


def test_the_limit_is_kept_and_checked(login, world):
    api = login("rovaniemi.coach")
    assert len(api.get(pairs_url(world.sirpa) + "?limit=1").json()) == 1
    assert api.get(pairs_url(world.sirpa) + "?limit=0").status_code == 422


def test_the_read_is_audited(login, world, user):
    login("rovaniemi.coach").get(pairs_url(world.sirpa))
    event = AuditEvent.objects.for_object(world.sirpa).get(action=AuditAction.VIEW)
    assert event.actor == user("rovaniemi.coach")
    assert event.detail == {"scope": "full", "page": "seasonal"}


def test_employer_pairs_with_small_counts_suppressed(login, rovaniemi):
    employers = build_employer_world(rovaniemi)
    data = login("kemi.company").get("/api/v1/regions/SK011/employer-pairs").json()
    assert data["area"] == "SK011" and data["name"] == "Helsinki"
    by_names = {(p["first"]["name"], p["second"]["name"]): p for p in data["results"]}
    cafe = by_names[(employers.hotel.name, employers.cafe.name)]
    assert cafe["shared_candidates"] == 5 and cafe["suppressed"] is False
    assert cafe["first"]["months"] == [1, 2, 3, 4, 12] and cafe["first"]["from_vacancies"]
    builder = by_names[(employers.hotel.name, employers.builder.name)]
    assert builder["shared_candidates"] is None and builder["suppressed"] is True


def test_region_codes_with_and_without_prefix(login):
    api = login("rovaniemi.coach")
    assert api.get("/api/v1/regions/19/employer-pairs").json()["area"] == "MK19"
    assert api.get("/api/v1/regions/MK19/employer-pairs").json()["area"] == "MK19"
    assert api.get("/api/v1/regions/191/employer-pairs").json()["area"] == "SK191"


def test_an_unknown_area_is_404_with_a_message(login):
    response = login("rovaniemi.coach").get("/api/v1/regions/MK99/employer-pairs")
    assert response.status_code == 404 and "MK99" in response.json()["detail"]


def test_a_job_seeker_gets_404_for_employer_pairs(login):
    assert login("demo.seeker").get("/api/v1/regions/19/employer-pairs").status_code == 404


def test_the_endpoints_are_documented(login):
    schema = login("rovaniemi.coach").get("/api/openapi.json").json()
    pairs = schema["paths"]["/api/v1/clients/{public_id}/seasonal-pairs"]["get"]
    assert "8 months" in pairs["description"]
    assert "/api/v1/regions/{code}/employer-pairs" in schema["paths"]
