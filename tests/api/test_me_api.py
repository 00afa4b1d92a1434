"""GET /api/v1/me and GET /api/v1/me/export: the job seeker's own data, and nobody else's."""

import pytest

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients.models import ClientLanguage
from tests.clients.factories import ClientCompetenceFactory, ClientFactory, ConsentFactory
from tests.organisations.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/me"
FORKLIFT = "urn:kohtaamo:licence:trukkikortti"


@pytest.fixture
def seeker(rovaniemi, kemi):
    person = ClientFactory(organisation=rovaniemi, user=UserFactory(), last_name="Rajapinta")
    ClientLanguage.objects.create(client=person, code="fi", level="native")
    ClientCompetenceFactory(
        client=person, uri=FORKLIFT, kind="licence", level=4, source="certificate"
    )
    ConsentFactory(client=person, organisation=kemi, scope="basic")
    return person


@pytest.fixture
def as_seeker(client, seeker):
    assert client.login(username=seeker.user.username, password="kohtaamo-test")
    return client


def test_anonymous_gets_401(client):
    assert client.get(URL).status_code == 401
    assert client.get(f"{URL}/export").status_code == 401


def test_a_login_without_a_job_seekers_record_gets_404(login):
    coordinator = login("rovaniemi.coordinator")
    assert coordinator.get(URL).status_code == 404
    assert coordinator.get(f"{URL}/export").status_code == 404


def test_me_has_the_callers_own_data(as_seeker, seeker, kemi):
    ClientFactory(user=UserFactory(), last_name="Toinen-Henkilö")
    response = as_seeker.get(URL)
    assert response.status_code == 200
    data = response.json()
    assert data["record"]["public_id"] == str(seeker.public_id)
    assert data["record"]["last_name"] == "Rajapinta"
    assert data["record"]["organisation"]["name"] == seeker.organisation.name
    assert data["languages"] == [{"code": "fi", "level": "native"}]
    [competence] = data["competences"]
    assert competence == {
        "uri": FORKLIFT,
        "kind": "licence",
        "level": 4,
        "source": "certificate",
        "confirmed": True,
        "expires_on": None,
        "label": competence["label"],
    }
    assert competence["label"] and competence["label"] != FORKLIFT
    assert data["wishes"]["commuting_radius_km"] == 30
    [consent] = data["consents"]
    assert (consent["organisation"]["name"], consent["scope"], consent["active"]) == (
        kemi.name,
        "basic",
        True,
    )
    assert "Toinen-Henkilö" not in response.content.decode()
    view = AuditEvent.objects.for_object(seeker).get(action=AuditAction.VIEW)
    assert view.detail == {"own_view": True, "page": "api"}


def test_export_has_everything_and_is_audited(as_seeker, seeker):
    response = as_seeker.get(f"{URL}/export")
    assert response.status_code == 200
    data = response.json()
    assert [c["uri"] for c in data["competences"]] == [FORKLIFT]
    assert len(data["consents"]) == 1
    assert data["work_history"] == []
    assert data["audit_trail"] == []  # factories audit nothing; the export's row comes after
    assert AuditEvent.objects.for_object(seeker).get(action=AuditAction.EXPORT).detail == {
        "own_view": True,
        "format": "api",
    }


def test_export_lists_earlier_views_by_organisation(as_seeker, seeker):
    as_seeker.get(URL)
    trail = as_seeker.get(f"{URL}/export").json()["audit_trail"]
    assert [(row["action"], row["by_you"]) for row in trail] == [("view", True)]
    assert trail[0]["organisation"] == seeker.organisation.name


def test_api_documents_the_endpoints(client):
    schema = client.get("/api/openapi.json").json()
    assert {"/api/v1/me", "/api/v1/me/export"} <= set(schema["paths"])
