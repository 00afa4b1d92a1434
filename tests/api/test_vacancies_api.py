"""The vacancies API: visibility, creation with competences, the platform's job-ad import."""

import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kohtaamo.accounts.models import ApiToken, User
from kohtaamo.api.urls import api
from kohtaamo.organisations.models import Organisation
from kohtaamo.vacancies.models import Vacancy
from tests.employers.factories import EmployerFactory
from tests.mappings.factories import EXCAVATOR_OPERATOR
from tests.vacancies.factories import (
    LISTEN_ACTIVELY,
    NURSE,
    OPERATE_FORKLIFT,
    SAFETY_CARD,
    VacancyCompetenceFactory,
    VacancyFactory,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/vacancies"
SAMPLE = Path(__file__).parents[1] / "vacancies" / "data" / "testTMTResponse.json"
UNKNOWN_SKILL = "http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000"


@pytest.fixture
def rovaniemi():
    return Organisation.objects.get(name="Rovaniemen kaupungin työllisyyspalvelut")


@pytest.fixture
def employer(rovaniemi):
    return EmployerFactory(partners=[rovaniemi])


@pytest.fixture
def company(login):
    return login("rovaniemi.company")


def post_json(client, url, body, **kwargs):
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.post(url, data, content_type="application/json", **kwargs)


def test_anonymous_gets_401_everywhere(client):
    assert client.get(URL).status_code == 401
    assert client.get(f"{URL}/{VacancyFactory().public_id}").status_code == 401
    assert post_json(client, URL, {}).status_code == 401
    assert post_json(client, f"{URL}/import", SAMPLE.read_bytes()).status_code == 401


def test_open_vacancies_are_visible_to_every_working_role(login, employer):
    open_one = VacancyFactory(employer=employer)
    response = login("kemi.company").get(URL, {"employer": employer.public_id})
    assert [v["public_id"] for v in response.json()["results"]] == [str(open_one.public_id)]


def test_drafts_only_to_the_employers_organisations(login, employer):
    draft = VacancyFactory(employer=employer, draft=True)
    assert login("kemi.company").get(f"{URL}/{draft.public_id}").status_code == 404
    listed = login("kemi.company").get(URL, {"employer": employer.public_id}).json()
    assert listed["count"] == 0
    response = login("rovaniemi.company").get(f"{URL}/{draft.public_id}")
    assert response.status_code == 200
    assert response.json()["status"] == "draft"


def test_an_analyst_sees_no_vacancy_records(login, employer):
    vacancy = VacancyFactory(employer=employer)
    client = login("ely.analyst")
    assert client.get(URL).json() == {"count": 0, "page": 1, "page_size": 50, "results": []}
    assert client.get(f"{URL}/{vacancy.public_id}").status_code == 404


def test_a_bearer_token_works(client, employer):
    vacancy = VacancyFactory(employer=employer)
    _, raw = ApiToken.issue(user=User.objects.get(username="kemi.company"), name="t")
    response = client.get(f"{URL}/{vacancy.public_id}", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200


def test_the_list_filters_and_pages_with_few_queries(company, employer):
    for _ in range(3):
        vacancy = VacancyFactory(employer=employer)
        VacancyCompetenceFactory(vacancy=vacancy, uri=OPERATE_FORKLIFT)
        VacancyCompetenceFactory(vacancy=vacancy, uri=LISTEN_ACTIVELY)
    VacancyFactory(employer=employer, closed=True)
    mine = {"employer": employer.public_id, "page_size": 2}
    with CaptureQueriesContext(connection) as queries:
        body = company.get(URL, {**mine, "status": "open", "municipality": "698"}).json()
    assert (body["count"], len(body["results"])) == (3, 2)
    assert len(queries) <= 10
    assert len(company.get(URL, {**mine, "page": 2, "status": "open"}).json()["results"]) == 1
    assert company.get(URL, {**mine, "municipality": "240"}).json()["count"] == 0


def test_the_detail_has_competences_with_labels(company, employer):
    vacancy = VacancyFactory(employer=employer)
    VacancyCompetenceFactory(
        vacancy=vacancy, uri=SAFETY_CARD, kind="licence", mandatory=True, importance=3
    )
    body = company.get(f"{URL}/{vacancy.public_id}", {"lang": "en"}).json()
    assert body["employer"] == {"public_id": str(employer.public_id), "name": employer.name}
    assert body["competences"] == [
        {
            "uri": SAFETY_CARD,
            "kind": "licence",
            "essential": True,
            "importance": 3,
            "mandatory": True,
            "label": "Occupational safety card",
        }
    ]
    assert body["municipality"] == "698"


def test_create_with_competences(company, employer):
    response = post_json(
        company,
        URL,
        {
            "employer": str(employer.public_id),
            "title": "Kaivinkoneenkuljettaja",
            "occupation_uri": EXCAVATOR_OPERATOR,
            "municipality": "698",
            "languages": [{"code": "sv", "level": "", "mandatory": False}],
            "competences": [
                {"uri": SAFETY_CARD, "mandatory": True, "importance": 3},
                {"uri": OPERATE_FORKLIFT, "essential": False, "importance": 1},
            ],
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["occupation_uri"] == EXCAVATOR_OPERATOR
    assert body["occupation_label"] == "kaivinkoneenkuljettaja"
    assert [(c["uri"], c["kind"]) for c in body["competences"]] == [
        (SAFETY_CARD, "licence"),
        (OPERATE_FORKLIFT, "skill"),
    ]
    assert Vacancy.objects.get(public_id=body["public_id"]).source == "manual"


def test_create_with_an_unknown_uri_is_a_400_naming_it(company, employer):
    response = post_json(
        company,
        URL,
        {
            "employer": str(employer.public_id),
            "title": "X",
            "competences": [{"uri": OPERATE_FORKLIFT}, {"uri": UNKNOWN_SKILL}],
        },
    )
    assert response.status_code == 400
    assert "competences[1]" in response.json()["detail"]
    assert UNKNOWN_SKILL in response.json()["detail"]
    assert not Vacancy.objects.filter(employer=employer).exists()


def test_create_for_an_employer_of_another_organisation_is_a_400(login, employer):
    response = post_json(
        login("kemi.company"), URL, {"employer": str(employer.public_id), "title": "X"}
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("employer")


def test_create_with_bad_dates_names_the_field(company, employer):
    body = {
        "employer": str(employer.public_id),
        "title": "X",
        "start_date": "2025-06-01",
        "end_date": "2025-05-01",
    }
    response = post_json(company, URL, body)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("end_date")


def test_the_sample_imports_through_the_api(company):
    response = post_json(company, f"{URL}/import", SAMPLE.read_bytes())

    assert response.status_code == 201
    body = response.json()
    [vacancy] = body["created"]
    assert vacancy["occupation_uri"] == NURSE
    assert [c["uri"] for c in vacancy["competences"]] == [LISTEN_ACTIVELY]
    assert vacancy["source"] == "tmt"
    assert any("AAAABBBB-4" in warning for warning in body["warnings"])


def test_a_single_ad_imports_and_a_reimport_updates(company):
    ad = json.loads(SAMPLE.read_text(encoding="utf-8"))["ilmoitukset"][0]
    first = post_json(company, f"{URL}/import", ad).json()["created"][0]
    again = post_json(company, f"{URL}/import", ad).json()
    assert again["created"] == []
    assert again["updated"][0]["public_id"] == first["public_id"]
    assert Vacancy.objects.filter(external_id=ad["ilmoituksenID"]).count() == 1


def test_the_import_with_an_unknown_skill_is_a_400_naming_the_path(company):
    response_json = json.loads(SAMPLE.read_text(encoding="utf-8"))
    skills = response_json["ilmoitukset"][0]["osaamisvaatimukset"]["osaamiset"]
    skills += [
        {"luokittelunNimi": "ESCO", "luokiteltuArvo": OPERATE_FORKLIFT},
        {"luokittelunNimi": "ESCO", "luokiteltuArvo": UNKNOWN_SKILL},
    ]
    response = post_json(company, f"{URL}/import", response_json)
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "path": "ilmoitukset[0].osaamisvaatimukset.osaamiset[2]",
            "message": f"unknown ESCO skill {UNKNOWN_SKILL}",
        }
    ]
    assert not Vacancy.objects.filter(source="tmt").exists()


@pytest.mark.parametrize("body", [b'{"ilmoitukset": [', b"\xff\xfe", b'{"foo": 1}'])
def test_malformed_json_is_a_400(company, body):
    response = post_json(company, f"{URL}/import", body)
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "$"


def test_an_analyst_cannot_import(login):
    response = post_json(login("ely.analyst"), f"{URL}/import", SAMPLE.read_bytes())
    assert response.status_code == 403
    assert not Vacancy.objects.filter(source="tmt").exists()


def test_the_openapi_documents_the_import():
    schema = api.get_openapi_schema()
    operation = schema["paths"]["/api/v1/vacancies/import"]["post"]
    assert "ilmoitukset" in json.dumps(operation["requestBody"])
    assert "unknown ESCO skill" in operation["description"]
    assert "VacancyOut" in schema["components"]["schemas"]
