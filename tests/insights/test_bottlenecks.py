"""Competence bottlenecks in the product: stored after the matching, protected, shown on the
page and in the CSV to staff only (no count of 1-4 people anywhere)."""

import csv
import io

import pytest
from django.urls import reverse

from kohtaamo.geo.areas import resolve_area
from kohtaamo.insights.bottlenecks import ALL, area_bottlenecks, store_bottlenecks
from kohtaamo.insights.cell_protection import Relation, derivable
from kohtaamo.insights.models import AreaBottleneck
from kohtaamo.taxonomy.models import Concept
from tests.clients.factories import ClientCompetenceFactory, ClientFactory
from tests.vacancies.factories import VacancyCompetenceFactory, VacancyFactory

pytestmark = pytest.mark.django_db

JEWELLERY = "http://data.europa.eu/esco/skill/03598f35-15f1-41fa-bd8a-313e74523307"
VIOLIN_PARTS = "http://data.europa.eu/esco/skill/c50d185a-718f-47c0-b566-09eaa59fae64"
TEACH_ASTRONOMY = "http://data.europa.eu/esco/skill/ca99ec2c-fbdf-4a60-87c9-1ed6835738bc"
VIOLIN_BOWS = "http://data.europa.eu/esco/skill/4cce32ef-6561-42c7-9322-bcfdac7231af"
VIOLIN_TYPES = "http://data.europa.eu/esco/skill/8de33d5a-007f-43d3-bdc6-34bf149ce5bb"
GASTRONOMY = "http://data.europa.eu/esco/skill/b856655a-ee98-481f-a5a3-b0abc45f6ad5"
COUNTS = ("people", "vacancies", "matches", "hires", "employers")


def _vacancy(requirements: list[tuple[str, bool]], group: str):
    occupation = Concept.objects.filter(kind="occupation", code__startswith=group).first()
    vacancy = VacancyFactory(occupation=occupation)
    for uri, mandatory in requirements:
        VacancyCompetenceFactory(
            vacancy=vacancy,
            uri=uri,
            kind="skill",
            essential=True,
            importance=3,
            mandatory=mandatory,
        )
    return vacancy


@pytest.fixture
def instrument_makers(rovaniemi):
    """Six job seekers in Rovaniemi who make jewellery and violin parts; a vacancy that also
    asks for teaching astronomy (mandatory: one gap), another for three more skills."""
    for _ in range(6):
        person = ClientFactory(organisation=rovaniemi)
        for uri in (JEWELLERY, VIOLIN_PARTS):
            ClientCompetenceFactory(client=person, uri=uri, level=5, source="certificate")
    _vacancy([(JEWELLERY, False), (VIOLIN_PARTS, False), (TEACH_ASTRONOMY, True)], "2")
    _vacancy(
        [(JEWELLERY, False), (VIOLIN_BOWS, False), (VIOLIN_TYPES, False), (GASTRONOMY, False)],
        "7",
    )
    store_bottlenecks()


def _row(area: str, occupation: str, uri: str) -> AreaBottleneck:
    return AreaBottleneck.objects.get(area=area, occupation=occupation, uri=uri)


def test_a_gap_of_one_requirement_is_counted_in_the_area_and_the_occupation_group(
    instrument_makers,
):
    for area in ("SK191", "MK19"):
        for group in (ALL, "2"):
            row = _row(area, group, TEACH_ASTRONOMY)
            assert (row.people, row.vacancies, row.suppressed) == (6, None, False)


def test_three_missing_requirements_are_not_a_bottleneck(instrument_makers):
    assert not AreaBottleneck.objects.filter(uri__in=[VIOLIN_BOWS, VIOLIN_TYPES, GASTRONOMY])


def test_no_stored_count_is_1_to_4_and_hidden_rows_have_no_counts():
    store_bottlenecks()
    assert AreaBottleneck.objects.exists()
    for row in AreaBottleneck.objects.all():
        assert row.people is None or row.people >= 5
        assert row.vacancies is None or row.vacancies == 0 or row.vacancies >= 5
        if row.suppressed:
            assert (row.people, row.vacancies) == (None, None)


def test_no_hidden_count_can_be_worked_out_from_the_region_and_its_sub_regions():
    """The people stored per competence: the region's row is the sum of its sub-regions'
    (each person lives in one), so with the hidden ones unknown, none follows."""
    store_bottlenecks()
    for uri, group in set(AreaBottleneck.objects.values_list("uri", "occupation")):
        rows = {r.area: r for r in AreaBottleneck.objects.filter(uri=uri, occupation=group)}
        subs = sorted(a for a in rows if a.startswith("SK"))
        counts = {a: r.people or 99 for a, r in rows.items()}  # hidden: any non-zero value
        counts.setdefault("MK19", 99)
        hidden = {a for a, r in rows.items() if r.suppressed}
        assert not derivable(counts, [Relation("MK19", tuple(subs))], hidden), (uri, group)


def test_the_demo_region_has_shown_bottlenecks():
    found = area_bottlenecks(resolve_area("MK19"))
    shown = [row for row in found.rows if not row.suppressed]
    assert shown and all(row.people >= 5 for row in shown)
    assert found.computed_at is not None


# Pages -----------------------------------------------------------------------------------------


def _url(code: str, name: str = "www:bottlenecks") -> str:
    return reverse(name, kwargs={"code": code})


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(_url("MK19"))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("name", ["www:bottlenecks", "www:bottlenecks_csv"])
def test_a_job_seekers_own_login_never_sees_the_page(login, name):
    """The job seeker's own pages take them home (302); were they let through, 404."""
    response = login("demo.seeker").get(_url("MK19", name))
    assert response.status_code in (302, 404)
    assert response.status_code == 404 or "/regions/" not in response["Location"]


@pytest.mark.parametrize("code", ["MK99", "KU698", "x"])
def test_an_unknown_area_is_404(login, code):
    assert login("rovaniemi.coordinator").get(_url(code)).status_code == 404


@pytest.mark.parametrize("username", ["ely.analyst", "kemi.coordinator"])
def test_staff_see_the_regions_bottlenecks_courses_and_future_needs(login, username, in_english):
    response = login(username).get(_url("MK19"))
    assert response.status_code == 200
    page = response.content.decode()
    shown = [r for r in area_bottlenecks(resolve_area("MK19")).rows if not r.suppressed]
    assert f'data-uri="{shown[0].uri}"' in page
    for heading in ("Competences most often missing", "Planned hires by occupation"):
        assert heading in page
    assert reverse("www:region_training", kwargs={"code": "19"}) in page
    assert '<figure class="chart-figure" id="bottlenecks-chart">' in page
    assert f"{shown[0].label}: {shown[0].people} people" in page  # the chart's summary


def test_the_occupation_filter_shows_that_groups_rows(login, instrument_makers):
    response = login("rovaniemi.coordinator").get(_url("SK191") + "?occupation=2")
    assert response.status_code == 200
    assert response.context["occupation"] == "2"
    assert f'data-uri="{TEACH_ASTRONOMY}"' in response.content.decode()
    other = login("rovaniemi.coordinator").get(_url("SK191") + "?occupation=7")
    assert f'data-uri="{TEACH_ASTRONOMY}"' not in other.content.decode()


def test_an_unknown_occupation_group_means_all(login):
    response = login("rovaniemi.coordinator").get(_url("MK19") + "?occupation=x")
    assert response.status_code == 200 and response.context["occupation"] == ALL


def _csv(client, code: str) -> list[dict]:
    response = client.get(_url(code, "www:bottlenecks_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("code", ["MK19", "SK191", "SK192"])
def test_the_csv_has_no_count_of_1_to_4(login, code):
    rows = _csv(login("ely.analyst"), code)
    assert {r["section"] for r in rows} >= {"bottleneck", "planned_hires", "competence_needs"}
    for row in rows:
        for column in COUNTS:
            assert not (row[column] and 0 < int(row[column]) < 5), row
        if row["suppressed"] == "true":
            assert not any(row[column] for column in COUNTS), row


def test_the_csv_has_the_pages_bottlenecks_and_the_planned_hires_total(login):
    rows = _csv(login("ely.analyst"), "MK19")
    shown = [r for r in area_bottlenecks(resolve_area("MK19")).rows if not r.suppressed]
    assert {
        (r["uri"], int(r["people"]))
        for r in rows
        if r["section"] == "bottleneck" and r["occupation"] == "" and r["people"]
    } == {(r.uri, r.people) for r in shown}
    [total] = [
        r for r in rows if r["section"] == "planned_hires" and r["label"] == r["horizon"] == "total"
    ]
    assert int(total["hires"]) > 100
