"""GET /api/v1/regions/{code}/bottlenecks: staff only, never a count of 1-4."""

from urllib.parse import urlencode

import pytest

from kohtaamo.geo.areas import resolve_area
from kohtaamo.insights.bottlenecks import area_bottlenecks
from kohtaamo.insights.foresight import area_foresight

pytestmark = pytest.mark.django_db

COUNTS = {"people", "vacancies", "matches", "hires", "employers"}


def url(code: str, **query) -> str:
    path = f"/api/v1/regions/{code}/bottlenecks"
    return f"{path}?{urlencode(query)}" if query else path


def test_anonymous_gets_401(client):
    assert client.get(url("MK19")).status_code == 401


def test_a_job_seeker_gets_404(login):
    assert login("demo.seeker").get(url("MK19")).status_code == 404


@pytest.mark.parametrize("code", ["99", "KU698", "nothing"])
def test_an_unknown_area_gets_404(login, code):
    assert login("ely.analyst").get(url(code)).status_code == 404


@pytest.mark.parametrize("occupation", ["x", "55", "-1"])
def test_a_bad_occupation_group_gets_422_naming_it(login, occupation):
    response = login("ely.analyst").get(url("MK19", occupation=occupation))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "occupation"


def _counts(value, path=""):
    """Every (path, count) under a JSON value whose key names a count."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in COUNTS and isinstance(item, int):
                yield f"{path}.{key}", item
            yield from _counts(item, f"{path}.{key}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _counts(item, f"{path}[{n}]")


@pytest.mark.parametrize("code", ["19", "MK19", "SK191", "SK196"])
@pytest.mark.parametrize("occupation", ["", "5", "8"])
def test_no_count_is_1_to_4(login, code, occupation):
    response = login("ely.analyst").get(url(code, occupation=occupation))
    assert response.status_code == 200
    small = [(path, n) for path, n in _counts(response.json()) if 0 < n < 5]
    assert not small


def test_the_region_has_its_missing_competences_courses_and_future_needs(login):
    body = login("kemi.coordinator").get(url("MK19")).json()
    assert body["area"] == {"code": "19", "name": resolve_area("19").name}
    shown = [r for r in area_bottlenecks(resolve_area("MK19")).rows if not r.suppressed]
    assert [(m["uri"], m["people"]) for m in body["missing"] if not m["suppressed"]] == [
        (r.uri, r.people) for r in shown
    ]
    assert all(m["people"] is None for m in body["missing"] if m["suppressed"])
    assert body["courses"] and "public_id" in body["courses"][0]
    assert [h["horizon"] for h in body["future"]] == ["now", "6m", "1-3y"]
    foresight = area_foresight(resolve_area("MK19"))
    assert [h["hires"] for h in body["future"]] == [c.value for c in foresight.hire_totals[:3]]
    assert sum(h["hires"] for h in body["future"]) == foresight.hire_totals[3].value
    assert any(n["employers"] for h in body["future"] for n in h["needs"])
