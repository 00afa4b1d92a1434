"""GET/POST /api/v1/events and GET/POST /api/v1/events/{public_id}/schedule."""

import uuid

import pytest

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.demo.events import HELD
from kohtaamo.demo.keys import public_id
from kohtaamo.events import schedules, scheduling, services
from kohtaamo.events.models import Event
from tests.events.world import build_world

pytestmark = pytest.mark.django_db

URL = "/api/v1/events"
ROVANIEMI = "Rovaniemen kaupungin työllisyyspalvelut"


@pytest.fixture
def world(rovaniemi):
    return build_world(rovaniemi, seekers=8, employers=3)


def new_event(**fields):
    return {
        "title": "Rekrytointimessut",
        "kind": "fair",
        "date": "2027-02-04",
        "start_time": "10:00",
        "slot_minutes": 15,
        "slot_count": 6,
        "breaks": [4],
        "place": "Lappia-talo",
        "languages": ["fi"],
    } | fields


def post(client, url=URL, **body):
    return client.post(url, body, content_type="application/json")


def test_anonymous_gets_401(client, world):
    schedule = f"{URL}/{world.event.public_id}/schedule"
    assert client.get(URL).status_code == 401
    assert post(client, **new_event()).status_code == 401
    assert client.get(schedule).status_code == 401
    assert client.post(schedule).status_code == 401


def test_list_has_the_visible_events_with_counts(login, rovaniemi):
    world = build_world(rovaniemi, seekers=8, employers=3, capacity=6)
    day = world.event.date.isoformat()
    data = login("kemi.coordinator").get(URL, {"date_from": day, "date_to": day})
    [item] = [e for e in data.json()["results"] if e["public_id"] == str(world.event.public_id)]
    assert item["kind"] == "speed_dating"
    assert item["organiser"]["name"] == ROVANIEMI
    assert item["start"] == f"{day}T12:00:00+02:00"
    assert item["slots"] == 8 and item["breaks"] == [5]
    # Another organisation's coordinator: a count of 1-4 people is null.
    assert item["counts"] == {
        "employers": 3, "tables": 6, "registered": 6, "waiting": None, "interviews": 0,
    }  # fmt: skip
    assert "registrations" not in item
    data = login("rovaniemi.coordinator").get(URL, {"date_from": day, "date_to": day})
    [item] = [e for e in data.json()["results"] if e["public_id"] == str(world.event.public_id)]
    assert item["counts"]["waiting"] == 2  # the organisers see it exactly


def test_an_unpublished_event_is_listed_for_its_organisers_only(login, world):
    services.update_event(actor=world.coordinator, event=world.event, published=False)
    mine = login("rovaniemi.company").get(URL, {"own": True, "kind": "speed_dating"}).json()
    assert str(world.event.public_id) in {e["public_id"] for e in mine["results"]}
    theirs = login("kemi.coordinator").get(URL, {"kind": "speed_dating"}).json()
    assert str(world.event.public_id) not in {e["public_id"] for e in theirs["results"]}


def test_create_for_the_callers_organisation(login, rovaniemi):
    response = post(login("rovaniemi.company"), **new_event(municipality="698"))
    assert response.status_code == 201, response.json()
    data = response.json()
    event = Event.objects.get(public_id=data["public_id"])
    assert event.organisation == rovaniemi and not event.published
    assert data["counts"]["employers"] == 0 and data["municipality"] == "698"
    assert AuditEvent.objects.for_object(event).get().action == AuditAction.CREATE


def test_create_with_co_organiser_and_project(login, rovaniemi):
    project = Event._meta.get_field("project").related_model.objects.get(code="S30634")
    body = new_event(
        organisation=str(rovaniemi.public_id),
        co_organisers=[str(project.organisation.public_id)],
        project="S30634",
    )
    response = post(login("rovaniemi.coordinator"), **body)
    assert response.status_code == 201, response.json()
    assert response.json()["project"] == "S30634"
    assert [o["name"] for o in response.json()["co_organisers"]] == [project.organisation.name]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"place": ""}, "place"),
        ({"kind": "webinar", "place": ""}, "online_url"),
        ({"breaks": [9]}, "breaks"),
        ({"languages": ["xx"]}, "languages"),
        ({"municipality": "999"}, "municipality"),
        ({"project": "NOPE"}, "project"),
        ({"min_interviews": 4, "max_interviews": 2}, "__all__"),
    ],
)
def test_bad_input_answers_422_naming_the_field(login, fields, field):
    response = post(login("rovaniemi.company"), **new_event(**fields))
    assert response.status_code == 422
    assert ["body", field] in [e["loc"] for e in response.json()["detail"]]


def test_schema_errors_are_422_too(login):
    response = post(login("rovaniemi.company"), **new_event(kind="party"))
    assert response.status_code == 422


def test_who_cannot_organise_gets_422_naming_organisation(login):
    for username in ("ely.analyst", "demo.seeker"):
        response = post(login(username), **new_event())
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", "organisation"]
    assert not Event.objects.filter(title="Rekrytointimessut").exists()


def test_coordinator_of_several_organisations_names_one(login):
    response = post(login("rovaniemi.coordinator"), **new_event())
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "organisation"]


def test_schedule_runs_the_optimiser_and_breaks_no_rule(login, world):
    response = login("rovaniemi.coordinator").post(f"{URL}/{world.event.public_id}/schedule")
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["kind"] == "schedule" and data["gap"] == pytest.approx(0, abs=1e-6)
    assert data["objective"] == pytest.approx(sum(i["fit"] for i in data["interviews"]), 1e-3)
    interviews = data["interviews"]
    assert interviews and {i["slot"] for i in interviews} <= set(range(1, 9)) - {5}
    registrations = {str(r.public_id): r for r in world.registrations}
    assert {i["seeker"] for i in interviews} <= set(registrations)
    first = interviews[0]
    assert first["seeker_name"] and first["employer_name"] and 1 <= first["table"] <= 2
    assert first["starts_at"].startswith(f"{world.event.date.isoformat()}T")
    # The stored rows give the same schedule, which breaks none of the rules.
    data_ = schedules.load(world.event)
    stored = tuple(
        scheduling.Interview(str(i.registration_id), str(i.event_employer_id), i.slot)
        for i in world.event.interviews.all()
    )
    assert len(stored) == len(interviews)
    plan = scheduling.Schedule(stored, 0.0, 0.0, 0.0, (), (), 0.0)
    assert scheduling.violations(schedules.problem(data_), plan) == []


def test_replan_keeps_the_unaffected_interviews(login, world):
    client = login("rovaniemi.coordinator")
    before = client.post(f"{URL}/{world.event.public_id}/schedule").json()["interviews"]
    gone = before[0]["seeker"]
    [registration] = [r for r in world.registrations if str(r.public_id) == gone]
    services.cancel_registration(actor=world.coordinator, registration=registration)
    response = client.post(f"{URL}/{world.event.public_id}/schedule?replan=true")
    assert response.status_code == 200
    data = response.json()
    assert data["kind"] == "replan"

    def key(i):
        return (i["seeker"], i["employer"], i["slot"], i["table"])

    unaffected = {key(i) for i in before if i["seeker"] != gone}
    assert unaffected <= {key(i) for i in data["interviews"]}
    assert data["kept"] == len(unaffected)
    assert gone not in {i["seeker"] for i in data["interviews"]}


def test_get_gives_the_stored_schedule_and_is_audited(login, world):
    client = login("rovaniemi.company")
    empty = client.get(f"{URL}/{world.event.public_id}/schedule").json()
    assert empty["interviews"] == [] and empty["objective"] is None
    posted = client.post(f"{URL}/{world.event.public_id}/schedule").json()
    views = AuditEvent.objects.for_object(world.event).filter(action=AuditAction.VIEW)
    before = views.count()
    got = client.get(f"{URL}/{world.event.public_id}/schedule").json()
    assert got == posted
    assert views.count() == before + 1
    audited = views.order_by("-id").first().detail["clients"]
    assert set(audited) == {str(r.client.public_id) for r in world.registrations} & set(audited)
    assert audited


@pytest.mark.parametrize("username", ["kemi.coordinator", "ely.analyst", "demo.seeker"])
def test_outsiders_get_404_for_a_schedule_even_of_a_published_event(login, world, username):
    client = login(username)
    url = f"{URL}/{world.event.public_id}/schedule"
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not world.event.interviews.exists()


def test_unknown_event_gets_404(login):
    assert login("rovaniemi.coordinator").get(f"{URL}/{uuid.uuid4()}/schedule").status_code == 404


def test_an_event_without_interviews_answers_422(login, rovaniemi, world):
    services.update_event(actor=world.coordinator, event=world.event, kind="info_session")
    response = login("rovaniemi.coordinator").post(f"{URL}/{world.event.public_id}/schedule")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "kind"]


def test_the_endpoints_are_documented(login):
    schema = login("rovaniemi.coordinator").get("/api/openapi.json").json()
    paths = schema["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/events"])
    assert {"get", "post"} <= set(paths["/api/v1/events/{public_id}/schedule"])
    assert "replan" in paths["/api/v1/events/{public_id}/schedule"]["post"]["description"]


def test_the_demo_event_held_has_its_schedule_with_outcomes(login):
    held = Event.objects.get(public_id=public_id("event", HELD))
    client = login("rovaniemi.coordinator")
    data = client.get(f"{URL}/{held.public_id}/schedule").json()
    assert data["kind"] == "replan" and len(data["interviews"]) == held.interviews.count()
    assert {"hired", "work_trial", "not_chosen", "no_show"} <= {
        i["outcome"] for i in data["interviews"]
    }
    assert 7 not in {i["slot"] for i in data["interviews"]}  # the break
    # Outcomes are recorded: only a re-plan may change the schedule now.
    response = client.post(f"{URL}/{held.public_id}/schedule")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "schedule"]
