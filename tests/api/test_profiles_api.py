"""GET /api/v1/profiles/{isco_code_or_occupation_uri}."""

from urllib.parse import quote

import pytest

from kohtaamo.accounts.models import ApiToken, User
from tests.mappings.factories import EXCAVATOR_OPERATOR
from tests.organisations.factories import UserFactory
from tests.profiles.fixtures import (
    EXCAVATOR_KEY,
    OPERATE_EXCAVATOR,
    OPERATE_FORKLIFT,
    SAFETY_CARD,
    Evidence,
    make_evidence,
)

pytestmark = pytest.mark.django_db
URL = "/api/v1/profiles/"


@pytest.fixture
def evidence(db) -> Evidence:
    return make_evidence()


def test_anonymous_gets_401(client):
    assert client.get(URL + "8342").status_code == 401


def test_a_user_without_an_active_membership_gets_404(client):
    client.force_login(UserFactory())
    assert client.get(URL + "8342").status_code == 404


def test_isco_code_gives_the_group_profile(login, evidence):
    response = login("ely.analyst").get(URL + "8342")
    assert response.status_code == 200
    body = response.json()
    assert (body["key"], body["kind"], body["audience"]) == ("8342", "isco", "counsellor")
    assert body["counts"]["employers"] == 3
    assert "8342.1" in [o["code"] for o in body["occupations"]]
    first = body["competences"][0]
    assert first["uri"] == OPERATE_EXCAVATOR
    assert {"uri", "kind", "label", "weight", "employers", "esco_relation", "units"} <= set(first)
    relations = {c["uri"]: c["esco_relation"] for c in body["competences"]}
    assert relations[OPERATE_FORKLIFT] == "addition"
    assert body["esco_essentials_not_asked"]
    assert body["regional_picture"]["isco"] == "8342"


@pytest.mark.parametrize(
    "key", [quote(EXCAVATOR_OPERATOR, safe=""), EXCAVATOR_OPERATOR, EXCAVATOR_KEY]
)
def test_occupation_uri_encoded_or_not_or_its_uuid(login, evidence, key):
    response = login("redu.counsellor").get(URL + key)
    assert response.status_code == 200
    body = response.json()
    assert (body["key"], body["code"], body["uri"]) == (EXCAVATOR_KEY, "8342.3", EXCAVATOR_OPERATOR)
    assert body["counts"]["employers"] == 2


def test_licences_have_course_details_and_units(login, evidence):
    body = login("redu.counsellor").get(URL + EXCAVATOR_KEY).json()
    card = next(lic for lic in body["licences"] if lic["uri"] == SAFETY_CARD)
    assert card["course_days"] == 1.0
    assert "Infra-alan työmaalla toimiminen" in [u["name"] for u in card["units"]]
    assert all(isinstance(q, str) for u in card["units"] for q in u["qualifications"])


def test_seeker_audience_gives_the_top_of_the_profile(login, evidence):
    body = login("redu.counsellor").get(URL + "8342", {"audience": "seeker"}).json()
    assert body["audience"] == "seeker"
    assert all(c["kind"] == "skill" for c in body["competences"])
    assert body["esco_essentials_not_asked"] == []


def test_area_and_language(login, evidence):
    body = login("redu.counsellor").get(URL + "8342", {"area": "SK192", "lang": "en"}).json()
    assert body["area"] == {"code": "SK192", "name": "Kemi-Tornio"}
    assert body["counts"]["employers"] == 1
    assert body["title"] == "Earthmoving and related plant operators"


def test_unknown_key_is_404(login):
    response = login("redu.counsellor").get(URL + "9999")
    assert response.status_code == 404
    assert "9999" in response.json()["detail"]


@pytest.mark.parametrize(
    ("params", "field"),
    [({"audience": "boss"}, "audience"), ({"area": "Rovaniemi"}, "area"), ({"lang": "de"}, "lang")],
)
def test_bad_parameters_are_422_naming_the_field(login, params, field):
    response = login("redu.counsellor").get(URL + "8342", params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == field


def test_unknown_area_is_422_naming_the_area(login):
    response = login("redu.counsellor").get(URL + "8342", {"area": "KU999"})
    assert response.status_code == 422
    assert "area" in response.json()["detail"]


def test_bearer_token_works(client, evidence):
    _, raw = ApiToken.issue(user=User.objects.get(username="ely.analyst"), name="profiles")
    response = client.get(URL + "8342", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200


def test_the_endpoint_is_documented(login):
    schema = login("redu.counsellor").get("/api/openapi.json").json()
    paths = [path for path in schema["paths"] if path.startswith("/api/v1/profiles/")]
    assert paths == ["/api/v1/profiles/{key}"]
    parameters = {p["name"] for p in schema["paths"][paths[0]]["get"]["parameters"]}
    assert {"key", "audience", "area", "lang"} <= parameters
