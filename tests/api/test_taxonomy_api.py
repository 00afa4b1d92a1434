import pytest
from django.core.management import call_command

from kohtaamo.accounts.models import ApiToken, User

pytestmark = pytest.mark.django_db
URL = "/api/v1/taxonomy/search"


def test_anonymous_gets_401_with_a_json_reason(client):
    response = client.get(URL, {"q": "trukki"})
    assert response.status_code == 401
    assert "Authentication required" in response.json()["detail"]


def test_session_login_works(login):
    response = login("kemi.coordinator").get(URL, {"q": "trukki", "lang": "fi"})
    assert response.status_code == 200
    results = response.json()["results"]
    assert {"uri", "kind", "label", "score"} <= set(results[0])
    uris = [r["uri"] for r in results[:3]]
    assert "urn:kohtaamo:licence:trukkikortti" in uris
    assert "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da" in uris


@pytest.fixture
def token():
    _, raw = ApiToken.issue(user=User.objects.get(username="ely.analyst"), name="test")
    return raw


def test_bearer_token_works_and_records_its_use(client, token):
    response = client.get(
        URL, {"q": "hygieniapassin", "lang": "fi"}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200
    assert response.json()["results"][0]["uri"] == "urn:kohtaamo:licence:hygieniapassi"
    assert ApiToken.objects.get(name="test").last_used_at is not None


def test_revoked_token_is_refused(client, token):
    from django.utils import timezone

    ApiToken.objects.filter(name="test").update(revoked_at=timezone.now())
    response = client.get(URL, {"q": "trukki"}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def test_token_of_a_deactivated_user_is_refused(client, token):
    User.objects.filter(username="ely.analyst").update(is_active=False)
    response = client.get(URL, {"q": "trukki"}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def test_only_the_hash_of_a_token_is_stored(token):
    assert not ApiToken.objects.filter(token_hash=token).exists()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "trukki", "lang": "de"}, "lang"),
        ({"q": "trukki", "kind": "planet"}, "kind"),
        ({}, "q"),
        ({"q": "x", "limit": 0}, "limit"),
    ],
)
def test_malformed_query_says_what_is_wrong_and_where(login, params, field):
    response = login("kemi.coordinator").get(URL, params)
    assert response.status_code == 422
    locations = [error["loc"] for error in response.json()["detail"]]
    assert ["query", field] in locations


def test_kind_filter(login):
    response = login("kemi.coordinator").get(
        URL, {"q": "siivooja", "lang": "fi", "kind": "occupation"}
    )
    kinds = {r["kind"] for r in response.json()["results"]}
    assert kinds == {"occupation"}


def test_openapi_schema_documents_the_search(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/v1/taxonomy/search" in schema["paths"]
    assert client.get("/api/docs").status_code == 200


def test_issue_api_token_command_prints_the_token_once(capsys):
    call_command("issue_api_token", "kemi.coordinator", name="cli-test")
    out = capsys.readouterr().out
    assert "kht_" in out
    assert ApiToken.objects.filter(name="cli-test", user__username="kemi.coordinator").exists()
