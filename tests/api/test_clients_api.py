"""GET /api/v1/clients and GET /api/v1/clients/{public_id}: the team's job seekers, each
within the caller's scope; 404 outside the team; every read of a record audited."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kohtaamo.accounts.models import ApiToken
from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients.consents import withdraw_consent
from kohtaamo.clients.enums import ConsentScope
from kohtaamo.taxonomy.models import Concept
from tests.clients.factories import ClientCompetenceFactory, ClientFactory, ConsentFactory
from tests.organisations.factories import MembershipFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/clients"
NOTE = "Vain täydellä suostumuksella"


@pytest.fixture
def seeker(rovaniemi):
    client = ClientFactory(
        organisation=rovaniemi, first_name="Rami", last_name="Rajapinta", birth_year=1990
    )
    client.note = NOTE
    client.save()
    client.languages.create(code="fi", level="native")
    skill = Concept.objects.filter(kind="skill").order_by("uri").first()
    ClientCompetenceFactory(client=client, uri=skill.uri, level=4, source="certificate")
    return client


def detail_url(client) -> str:
    return f"{URL}/{client.public_id}"


def test_anonymous_gets_401(client, seeker):
    assert client.get(URL).status_code == 401
    assert client.get(detail_url(seeker)).status_code == 401


def test_the_owner_reads_everything(login, seeker, rovaniemi):
    data = login("rovaniemi.coordinator").get(detail_url(seeker)).json()
    assert data["scope"] == "full"
    assert data["note"] == NOTE
    assert data["birth_year"] == 1990
    assert data["languages"] == [{"code": "fi", "level": "native"}]
    [competence] = data["competences"]
    assert set(competence) == {"uri", "kind", "level", "source", "confirmed", "expires_on", "label"}
    assert competence["level"] == 4 and competence["source"] == "certificate"
    assert data["team"] == [
        {
            "organisation": {"public_id": str(rovaniemi.public_id), "name": rovaniemi.name},
            "scope": "full",
            "owner": True,
            "valid_until": None,
        }
    ]


@pytest.mark.parametrize(
    "username", ["kemi.coordinator", "rovaniemi.company", "ely.analyst", "lappia.counsellor"]
)
def test_outside_the_team_is_404(login, seeker, username):
    browser = login(username)
    assert browser.get(detail_url(seeker)).status_code == 404
    assert browser.get(URL, {"q": "Rajapinta"}).json()["count"] == 0


def test_an_unknown_id_is_404(login):
    assert login("rovaniemi.coordinator").get(f"{URL}/{uuid.uuid4()}").status_code == 404


def test_basic_scope_has_no_competences_and_no_note(login, seeker, kemi):
    ConsentFactory(client=seeker, organisation=kemi, scope=ConsentScope.BASIC)
    data = login("kemi.coordinator").get(detail_url(seeker)).json()
    assert data["scope"] == "basic"
    assert data["email"] == seeker.email
    assert data["competences"] is None and data["work_history"] is None
    assert data["note"] is None and data["birth_year"] is None
    assert data["age_group"]
    assert data["target_groups"] is None


def test_competences_scope_has_competences_but_no_note(login, seeker, kemi):
    ConsentFactory(client=seeker, organisation=kemi, scope=ConsentScope.COMPETENCES)
    data = login("kemi.coordinator").get(detail_url(seeker)).json()
    assert data["scope"] == "competences"
    assert len(data["competences"]) == 1
    assert data["note"] is None
    assert [m["scope"] for m in data["team"]] == ["full", "competences"]


def test_after_withdrawal_the_api_answers_404(login, user, seeker, kemi):
    consent = ConsentFactory(client=seeker, organisation=kemi, scope=ConsentScope.FULL)
    browser = login("kemi.coordinator")
    assert browser.get(detail_url(seeker)).json()["note"] == NOTE
    withdraw_consent(actor=user("rovaniemi.coordinator"), consent=consent)
    assert browser.get(detail_url(seeker)).status_code == 404


def test_every_read_by_another_organisation_is_audited(login, seeker, kemi):
    ConsentFactory(client=seeker, organisation=kemi, scope=ConsentScope.COMPETENCES)
    views = AuditEvent.objects.filter(action=AuditAction.VIEW, object_id=str(seeker.public_id))
    before = views.count()
    browser = login("kemi.coordinator")
    browser.get(detail_url(seeker))
    browser.get(detail_url(seeker))
    assert views.count() == before + 2
    event = views.latest("pk")
    assert event.organisation == kemi
    assert event.detail == {"scope": "competences"}


def test_a_bearer_token_works_and_is_audited_as_its_user(client, user, seeker):
    _token, secret = ApiToken.issue(user=user("rovaniemi.admin"), name="test")
    response = client.get(detail_url(seeker), headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    assert AuditEvent.objects.latest("pk").actor.username == "rovaniemi.admin"


def test_list_has_filters_paging_and_scopes(login, user, seeker, rovaniemi, kemi):
    ClientFactory(organisation=rovaniemi, last_name="Rajapintanen", status="employed")
    ConsentFactory(client=seeker, organisation=kemi, scope=ConsentScope.BASIC)
    browser = login("rovaniemi.coordinator")
    data = browser.get(URL, {"q": "Rajapinta", "page_size": 1}).json()
    assert data["count"] == 2
    [item] = data["results"]
    assert item["last_name"] == "Rajapinta" and item["scope"] == "full"
    assert item["target_groups"] == []
    assert browser.get(URL, {"q": "Rajapinta", "status": "employed"}).json()["count"] == 1
    assert browser.get(URL, {"q": "Rajapinta", "page": 9}).json()["results"] == []
    partner = login("kemi.coordinator").get(URL, {"q": "Rajapinta"}).json()
    assert [(r["last_name"], r["scope"], r["target_groups"]) for r in partner["results"]] == [
        ("Rajapinta", "basic", None)
    ]


def test_bad_filters_answer_422(login):
    browser = login("rovaniemi.coordinator")
    assert browser.get(URL, {"target_group": "pensioners"}).status_code == 422
    assert browser.get(URL, {"page_size": 1000}).status_code == 422


def test_the_list_queries_do_not_grow(client, django_assert_num_queries):
    membership = MembershipFactory()
    client.force_login(membership.user)
    for _n in range(5):
        ClientFactory(organisation=membership.organisation)
    client.get(URL)
    with CaptureQueriesContext(connection) as captured:
        client.get(URL)
    for _n in range(60):
        ClientFactory(organisation=membership.organisation)
    with django_assert_num_queries(len(captured)):
        data = client.get(URL).json()
    assert len(data["results"]) == 50


def test_the_schema_documents_the_scopes(login):
    schema = login("rovaniemi.coordinator").get("/api/openapi.json").json()
    assert "/api/v1/clients/{public_id}" in schema["paths"]
    detail = schema["components"]["schemas"]["ClientDetailOut"]["properties"]
    assert "competences or full scope" in detail["competences"]["description"]
