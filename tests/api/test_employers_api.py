"""GET/POST /api/v1/employers and GET /api/v1/employers/{public_id}."""

import uuid

import pytest

from kohtaamo.accounts.models import ApiToken, User
from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.employers.models import Employer
from kohtaamo.organisations.enums import Role
from kohtaamo.organisations.models import Organisation
from tests.employers.factories import ContactPersonFactory, EmployerFactory, business_id_for
from tests.organisations.factories import MembershipFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/employers"
FRESH_ID = business_id_for(99_301)
ROVANIEMI = "Rovaniemen kaupungin työllisyyspalvelut"
KEMI = "Kemin kaupunki"


def org(name):
    return Organisation.objects.get(name=name)


@pytest.fixture
def ours():
    employer = EmployerFactory(partners=[org(ROVANIEMI)], name="Rajapinnan Testi Oy")
    ContactPersonFactory(employer=employer, name="Aino Aho")
    return employer


def post(client, **body):
    return client.post(URL, {"business_id": FRESH_ID, "name": "Uusi Rajapinta Oy"} | body,
                       content_type="application/json")  # fmt: skip


def test_anonymous_gets_401(client, ours):
    assert client.get(URL).status_code == 401
    assert client.get(f"{URL}/{ours.public_id}").status_code == 401
    assert post(client).status_code == 401


def test_list_has_visible_employers_with_filters_and_paging(login, ours):
    EmployerFactory(partners=[org(KEMI)], name="Rajapinnan Testi Kemi Oy")
    client = login("rovaniemi.company")
    data = client.get(URL, {"q": "Rajapinnan Testi", "page_size": 1}).json()
    assert data["count"] == 1
    [item] = data["results"]
    assert item["public_id"] == str(ours.public_id)
    assert item["municipality"] == {"code": "698", "name": "Rovaniemi"}
    assert item["industry_section"] == "I"
    assert item["organisations"][0]["name"] == ROVANIEMI
    assert "contacts" not in item
    assert client.get(URL, {"q": "Rajapinnan", "municipality": "240"}).json()["count"] == 0


def test_detail_has_contacts_and_reading_them_is_audited(login, ours):
    response = login("rovaniemi.company").get(f"{URL}/{ours.public_id}")
    assert response.status_code == 200
    assert [c["name"] for c in response.json()["contacts"]] == ["Aino Aho"]
    assert AuditEvent.objects.for_object(ours).get().action == AuditAction.VIEW


def test_company_coordinator_of_another_organisation_gets_404(login, ours):
    response = login("kemi.company").get(f"{URL}/{ours.public_id}")
    assert response.status_code == 404
    assert response.json() == {"detail": "No such employer"}


def test_analyst_gets_404_and_an_empty_list(login, ours):
    client = login("ely.analyst")
    assert client.get(f"{URL}/{ours.public_id}").status_code == 404
    assert client.get(URL).json()["count"] == 0


def test_unknown_id_gets_404(login):
    assert login("rovaniemi.company").get(f"{URL}/{uuid.uuid4()}").status_code == 404


def test_post_creates_in_the_callers_only_organisation(login):
    response = post(
        login("rovaniemi.company"),
        municipality="Kolari",
        industry="5510",
        peak_months=[12, 1],
        contacts=[{"name": "Bo Berg", "email": "bo@example.fi"}],
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["business_id"] == FRESH_ID
    assert data["industry"] == "55.10"
    assert data["municipality"]["code"] == "273"
    assert data["peak_months"] == [1, 12]
    assert [o["name"] for o in data["organisations"]] == [ROVANIEMI]
    assert data["contacts"][0]["is_primary"]


def test_a_bad_business_id_answers_400_naming_the_field(login):
    response = post(login("rovaniemi.company"), business_id="0210427-5")
    assert response.status_code == 400
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "business_id"]
    assert "0210427-5" in error["msg"]
    assert not Employer.objects.filter(name="Uusi Rajapinta Oy").exists()


def test_a_duplicate_business_id_answers_400(login, ours):
    response = post(login("rovaniemi.company"), business_id=ours.business_id)
    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["body", "business_id"]


def test_every_bad_field_is_named(login):
    response = post(
        login("rovaniemi.company"), industry="55.99", municipality="Atlantis", size_class="huge"
    )
    assert response.status_code == 400
    locs = {tuple(e["loc"]) for e in response.json()["detail"]}
    assert locs == {("body", "industry"), ("body", "municipality"), ("body", "size_class")}


def test_a_bad_contact_undoes_the_employer(login):
    response = post(login("rovaniemi.company"), contacts=[{"name": "X", "email": "nope"}])
    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["body", "contacts", 0, "email"]
    assert not Employer.objects.filter(business_id=FRESH_ID).exists()


def test_several_organisations_require_the_organisation_field(login):
    client = login("rovaniemi.coordinator")  # Rovaniemi and the project
    response = post(client)
    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["body", "organisation"]
    response = post(client, organisation=str(org(ROVANIEMI).public_id))
    assert response.status_code == 201
    assert response.json()["organisations"][0]["name"] == ROVANIEMI


def test_an_organisation_the_caller_does_not_work_for_is_refused(login):
    response = post(login("rovaniemi.company"), organisation=str(org(KEMI).public_id))
    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["body", "organisation"]


def test_analyst_cannot_create(login):
    assert post(login("ely.analyst")).status_code == 403


def test_bearer_token_works(client):
    membership = MembershipFactory(organisation=org(KEMI), role=Role.COMPANY_COORDINATOR)
    _, raw = ApiToken.issue(user=User.objects.get(pk=membership.user.pk), name="test")
    response = client.post(
        URL,
        {"business_id": FRESH_ID, "name": "Token Oy"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 201
    assert response.json()["organisations"][0]["name"] == KEMI


def test_the_schema_documents_the_endpoints(login):
    schema = login("rovaniemi.company").get("/api/openapi.json").json()
    assert {"/api/v1/employers", "/api/v1/employers/{public_id}"} <= set(schema["paths"])
    body = schema["components"]["schemas"]["EmployerIn"]["properties"]
    assert "check digit" in body["business_id"]["description"]
