"""The issue's must-show: no aggregate endpoint returns a count between 1 and 4.

Every aggregate the API and the CSV exports give — the situation picture of the region, its
sub-regions and municipalities (public statistics: their small occupation groups and small
municipalities too), the bottlenecks and future needs, the training impact, the scenarios'
results, the EU social fund indicators, the monitoring and the event reports — is read as the
ELY centre's analyst and as a municipal coordinator, and every count in it must be 0, at least
5, or hidden. The walker looks at every integer of the JSON, so a new count field is checked
without being named here; the few integers that are not counts of people are named with why.
"""

from __future__ import annotations

import csv
import io

import pytest

from kohtaamo.demo.scenarios import CLOSURE_KEY, INVESTMENT_KEY, scenario_id
from kohtaamo.esf.models import Project
from kohtaamo.events.models import Event
from kohtaamo.geo.models import Municipality, SubRegion

pytestmark = pytest.mark.django_db

# JSON keys whose integers are not counts of people or vacancies.
NOT_COUNTS = {
    "duration_days",  # a course's length
    "days_to_close",  # days until a course gives its certificate
    "cost_eur",
    "radius_km",
    "minimum",  # the suppression threshold itself (5)
    "minimum_count",
    "level",  # ISCO level asked for
    "limit",
    "page",
    "count",  # pagination of the events list: how many events (not people)
    "slots",
    "slot_minutes",
    "breaks",
    "min_interviews",
    "max_interviews",
    "months",  # calendar month numbers (1-12) of seasonal employers
    "gap_months",
    "month",
    "year",
    "quarter",
    "seasonal_vacancies",  # one named employer's own seasonal vacancies (employer data)
}
# The scenario's own input: the workers a user entered (e.g. 3 welders laid off) is not a
# statistic about anyone; everything computed from it is an estimate rounded to 5.
INPUTS = {("occupations", "count"), ("occupations", "workers")}

CSV_COUNT_COLUMNS = {
    "unemployed",
    "vacancies",
    "unemployed_mean",
    "vacancies_mean",
    "people",
    "matches",
    "hires",
    "employers",
    "count",
    "total",
    "women",
    "men",
    "other",
    "other_or_not_told",
    "under_30",
    "age_30_54",
    "30_54",
    "over_54",
}


def small_counts(value, path: tuple[str, ...] = ()) -> list[str]:
    """Every integer 1-4 in a JSON value that is not named as something else, with its path."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in NOT_COUNTS and (path[-1:] + (key,)) not in INPUTS:
                found += small_counts(item, (*path, key))
    elif isinstance(value, list):
        for item in value:
            found += small_counts(item, path)
    elif is_count(value, path[-1] if path else "") and 0 < value < 5:
        found.append(f"{'.'.join(path)} = {value}")
    return found


def is_count(value, key: str) -> bool:
    """Integers are counts; of the decimals, means and estimates of counts are (a ratio such as
    tension or a share is not)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, float) and ("mean" in key or "estimate" in key)


def small_csv_counts(text: str) -> list[str]:
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows, "an empty export proves nothing"
    found = []
    for line, row in enumerate(rows, start=2):
        for column in CSV_COUNT_COLUMNS & set(row):
            cell = (row[column] or "").strip()
            try:
                number = float(cell)
            except ValueError:
                continue  # empty (hidden) or "*"
            if 0 < number < 5:
                found.append(f"line {line} {column} = {cell}")
    return found


def region_codes() -> list[str]:
    """Lapland and its sub-regions."""
    subs = SubRegion.objects.filter(region__code="19").values_list("code", flat=True)
    return ["MK19", *("SK" + code for code in subs)]


def area_codes() -> list[str]:
    """Lapland, its sub-regions and its municipalities."""
    towns = Municipality.objects.filter(region__code="19").values_list("code", flat=True)
    return [*region_codes(), *("KU" + code for code in towns)]


def api_urls() -> list[str]:
    urls = []
    for code in area_codes():
        urls.append(f"/api/v1/regions/{code}/situation")
    for level in (2, 3, 4):
        urls.append(f"/api/v1/regions/MK19/situation?level={level}")
    urls += ["/api/v1/regions/MK19/situation?group=5", "/api/v1/regions/MK19/situation?group=522"]
    for code in region_codes():  # the region and its sub-regions
        urls += [
            f"/api/v1/regions/{code}/bottlenecks",
            f"/api/v1/regions/{code}/training-impact",
            f"/api/v1/regions/{code}/employer-pairs",
        ]
    urls += [f"/api/v1/regions/MK19/bottlenecks?occupation={group}" for group in range(10)]
    urls += [
        "/api/v1/scenarios",
        f"/api/v1/scenarios/{scenario_id(CLOSURE_KEY)}/result",
        f"/api/v1/scenarios/{scenario_id(INVESTMENT_KEY)}/result",
        "/api/v1/events",
    ]
    urls += [f"/api/v1/projects/{p.public_id}/indicators" for p in Project.objects.all()]
    return urls


def csv_urls() -> list[str]:
    urls = [f"/regions/{code}/situation.csv" for code in area_codes()]
    urls += ["/regions/MK19/situation.csv?group=5", "/regions/MK19/situation.csv?group=522"]
    urls += [f"/regions/{code}/bottlenecks.csv" for code in region_codes()]
    urls += ["/monitoring.csv"]
    urls += [f"/projects/{p.public_id}/indicators.csv" for p in Project.objects.all()]
    urls += [f"/events/{e.public_id}/report.csv" for e in Event.objects.filter(published=True)]
    return urls


@pytest.mark.parametrize("username", ["ely.analyst", "kemi.coordinator"])
def test_no_aggregate_endpoint_of_the_api_returns_a_count_between_1_and_4(login, username):
    client = login(username)
    read, leaks = 0, {}
    for url in api_urls():
        response = client.get(url)
        if response.status_code == 404:
            continue  # not this user's (e.g. another organisation's project)
        assert response.status_code == 200, url
        read += 1
        if found := small_counts(response.json()):
            leaks[url] = found[:5]
    assert not leaks, leaks
    assert read >= 40  # the walk really read the endpoints


@pytest.mark.parametrize("username", ["ely.analyst", "kemi.coordinator"])
def test_no_aggregate_export_has_a_count_between_1_and_4(login, username):
    client = login(username)
    read, leaks = 0, {}
    for url in csv_urls():
        response = client.get(url)
        if response.status_code == 404:
            continue
        assert response.status_code == 200, url
        read += 1
        if found := small_csv_counts(response.content.decode("utf-8")):
            leaks[url] = found[:5]
    assert not leaks, leaks
    assert read >= 25


def test_the_walker_finds_a_small_count_wherever_it_is():
    """The walker itself: a count of 3 anywhere is found, named inputs and non-counts are not."""
    assert small_counts({"a": [{"people": 3}], "b": {"c": {"vacancies": 0, "hires": 7}}}) == [
        "a.people = 3"
    ]
    assert small_counts({"occupations": [{"count": 3}], "courses": [{"duration_days": 2}]}) == []
    assert small_counts({"workers_estimate": 2.0, "tension": 2.0}) == ["workers_estimate = 2.0"]
    assert small_csv_counts("area,people,tension\nMK19,4,0.3\nSK191,,\n") == ["line 2 people = 4"]
