"""GET/POST /api/v1/scenarios and GET /api/v1/scenarios/{public_id}/result."""

import pytest

from kohtaamo.demo.scenarios import CLOSURE_KEY, INVESTMENT_KEY, WAREHOUSE, scenario_id
from kohtaamo.insights.models import Scenario
from kohtaamo.organisations.models import Organisation

pytestmark = pytest.mark.django_db

URL = "/api/v1/scenarios"
CLOSURE = scenario_id(CLOSURE_KEY)
INVESTMENT = scenario_id(INVESTMENT_KEY)


def body(**fields):
    return {
        "kind": "investment",
        "title": "Akkumateriaalitehdas",
        "municipality": "240",
        "date": "2028-01-15",
        "occupations": [{"uri": WAREHOUSE, "count": 30}],
    } | fields


def post(client, data):
    return client.post(URL, data, content_type="application/json")


def errors(response) -> set[str]:
    return {item["loc"][-1] for item in response.json()["detail"]}


def test_anonymous_gets_401(client):
    assert client.get(URL).status_code == 401
    assert client.get(f"{URL}/{CLOSURE}/result").status_code == 401
    assert post(client, body()).status_code == 401


def test_the_list_has_own_and_shared_scenarios(login):
    data = login("rovaniemi.coach").get(URL).json()
    found = {item["public_id"]: item for item in data}
    assert {str(CLOSURE), str(INVESTMENT)} <= found.keys()
    closure = found[str(CLOSURE)]
    assert closure["kind"] == "closure" and closure["municipality"] == "240"
    assert closure["organisation"]["name"] == "Kemin kaupunki"
    assert sum(o["count"] for o in closure["occupations"]) == 150


def test_outsiders_see_nothing(login):
    client = login("kolari.coordinator")
    assert str(CLOSURE) not in {item["public_id"] for item in client.get(URL).json()}
    assert client.get(f"{URL}/{CLOSURE}/result").status_code == 404
    assert client.get(f"{URL}/{CLOSURE}").status_code == 404
    assert login("demo.seeker").get(URL).json() == []


def test_a_shared_organisation_reads_the_result(login):
    response = login("ely.analyst").get(f"{URL}/{CLOSURE}/result")
    assert response.status_code == 200
    result = response.json()["result"]
    assert result["kind"] == "closure" and len(result["reemployed_estimate"]) == 12
    assert all("label" in row for row in result["occupations"])


def test_the_result_is_computed_when_missing(login):
    Scenario.objects.filter(public_id=INVESTMENT).update(result=None, computed_at=None)
    response = login("kemi.coordinator").get(f"{URL}/{INVESTMENT}/result")
    assert response.status_code == 200
    assert response.json()["result"]["kind"] == "investment"
    assert Scenario.objects.get(public_id=INVESTMENT).result is not None


def test_a_member_creates_a_scenario(login):
    ely = Organisation.objects.get(name="Lapin ELY-keskus")
    response = post(login("kemi.coordinator"), body(shared_with=[str(ely.public_id)]))
    assert response.status_code == 201
    data = response.json()
    scenario = Scenario.objects.get(public_id=data["scenario"])
    assert scenario.organisation.name == "Kemin kaupunki"
    assert list(scenario.shared_with.all()) == [ely]
    assert data["result"]["workers"] == 30
    assert data["result"]["occupations"][0]["label"] == "warehouse worker"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"occupations": [{"uri": "http://example.org/not-esco", "count": 5}]}, "occupations"),
        ({"municipality": "999"}, "municipality"),
        ({"municipality": "Kemi"}, "municipality"),
        ({"date": "2028-02-30"}, "date"),
        ({"occupations": [{"uri": WAREHOUSE, "count": 0}]}, "count"),
        ({"shared_with": ["00000000-0000-0000-0000-000000000000"]}, "shared_with"),
        ({"title": " "}, "title"),
    ],
)
def test_bad_input_is_422_naming_the_field(login, fields, field):
    response = post(login("kemi.coordinator"), body(**fields))
    assert response.status_code == 422
    assert field in errors(response)


def test_a_member_of_several_organisations_names_one(login):
    client = login("rovaniemi.coordinator")
    response = post(client, body())
    assert response.status_code == 422 and "organisation" in errors(response)
    own = Organisation.objects.get(name="Rovaniemen kaupungin työllisyyspalvelut")
    assert post(client, body(organisation=str(own.public_id))).status_code == 201
