"""GET /api/v1/clients/{id}/path: goals, steps with status and log; 404 outside the team;
reads audited."""

import pytest

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.paths import services
from tests.clients.factories import ClientFactory
from tests.paths.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(rovaniemi):
    return build_world(rovaniemi)


def url(client) -> str:
    return f"/api/v1/clients/{client.public_id}/path"


def test_anonymous_gets_401(client, world):
    assert client.get(url(world.seeker)).status_code == 401


def test_an_outsider_gets_404(login, world):
    response = login("kemi.coordinator").get(url(world.seeker))
    assert response.status_code == 404
    assert "detail" in response.json()


def test_the_path_lists_goals_and_steps_with_status_and_log(login, world, in_english):
    services.change_step_status(world.trial, "interrupted", reason="Sairausloma",
                                actor=world.coordinator)  # fmt: skip
    response = login("rovaniemi.coordinator").get(url(world.seeker))
    assert response.status_code == 200
    body = response.json()
    assert body["public_id"] == str(world.path.public_id)
    assert body["client"] == str(world.seeker.public_id)
    [goal] = body["goals"]
    assert goal["title"] == "Työ ravintola-alalta" and goal["target_date"] == "2027-06-01"
    [step] = goal["steps"]
    assert step["public_id"] == str(world.trial.public_id)
    assert step["kind"] == "service"
    assert step["service"] == {"code": "work_trial", "name": "Work trial"}
    assert (step["status"], step["status_reason"]) == ("interrupted", "Sairausloma")
    assert step["eligible"] is True
    assert [(e["old_status"], e["new_status"], e["reason"]) for e in step["log"]] == [
        ("", "planned", ""),
        ("planned", "interrupted", "Sairausloma"),
    ]
    assert body["other_steps"] == []
    viewed = AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_id=str(world.seeker.public_id)
    ).last()
    assert viewed.detail == {"scope": "full", "page": "path"}


def test_a_person_without_a_path_has_an_empty_plan(login, rovaniemi):
    seeker = ClientFactory(organisation=rovaniemi)
    body = login("rovaniemi.coordinator").get(url(seeker)).json()
    assert body["public_id"] is None and body["goals"] == [] and body["other_steps"] == []


def test_the_api_is_documented(login):
    schema = login("rovaniemi.coordinator").get("/api/openapi.json").json()
    assert "/api/v1/clients/{public_id}/path" in schema["paths"]
