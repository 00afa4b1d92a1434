"""The event's report: hand counts, and no count of 1-4 people ever shown (page and CSV)."""

import csv
import io
import re

import pytest
from django.urls import reverse

from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients.models import Client
from kohtaamo.events import report, schedules
from kohtaamo.events.models import Event, Interview
from tests.events.world import build_world

# Suppression (pure) --------------------------------------------------------------------------


def test_small_cells_and_the_smallest_other_cell_are_hidden():
    total, (genders, ages) = report.protect_row(12, [[6, 5, 1], [7, 5, 0]])
    assert total == 12
    assert genders == [6, None, None]  # 1 hidden, then 5 so that 12 - 6 does not reveal it
    assert ages == [7, 5, 0]


def test_a_small_total_hides_every_non_zero_cell():
    assert report.protect_row(3, [[2, 1, 0]]) == (None, [[None, None, 0]])


def test_zero_is_shown():
    assert report.protect_row(0, [[0, 0]]) == (0, [[0, 0]])
    assert report.single(0) == 0
    assert report.single(4) is None
    assert report.single(5) == 5


# Hand counts ---------------------------------------------------------------------------------


@pytest.fixture
def world(rovaniemi):
    world = build_world(rovaniemi, seekers=12, employers=4)
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    return world


def _set_people(world, rows):
    """rows: (gender, birth year) per registration, in order."""
    assert len(world.registrations) == len(rows)
    for registration, (gender, year) in zip(world.registrations, rows, strict=True):
        Client.objects.filter(pk=registration.client_id).update(gender=gender, birth_year=year)


@pytest.mark.django_db
def test_registered_by_gender_and_age_by_hand(world):
    people = [("female", 2000)] * 6 + [("male", 2000)] + [("male", 1980)] * 4 + [("other", 1980)]
    _set_people(world, people)
    registered = report.build(world.event).people[0]
    assert registered.key == "registered"
    # total, women, men, other | under 30, 30-54, over 54
    assert registered.cells == [12, 6, None, None, 7, 5, 0]


@pytest.mark.django_db
def test_outcomes_against_interviews_held_by_hand(world):
    interviews = list(Interview.objects.filter(event=world.event).order_by("id"))
    n = len(interviews)
    assert n >= 14
    outcomes = ["no_show"] * 2 + ["next_interview"] * 5 + ["hired"] + ["not_chosen"] * (n - 8)
    for interview, outcome in zip(interviews, outcomes, strict=True):
        Interview.objects.filter(pk=interview.pk).update(outcome=outcome)
    built = report.build(world.event)
    # held, next interview, work trial, hired, not chosen, not recorded
    assert built.outcomes.cells == [n - 2, None, 0, None, n - 8, 0]
    assert built.no_shows is None
    assert built.employers == 4
    assert not report.check_protected(built)


@pytest.mark.django_db
def test_attended_counts_people_with_an_interview_they_came_to(world):
    _set_people(world, [("female", 1960)] * 12)
    with_interviews = {i.registration_id for i in Interview.objects.filter(event=world.event)}
    came = len(with_interviews)
    attended = report.build(world.event).people[1]
    assert attended.cells == [came, came, 0, 0, 0, 0, came]
    # All interviews of six people marked no-show: they did not attend.
    absent = sorted(with_interviews)[:6]
    Interview.objects.filter(registration_id__in=absent).update(outcome="no_show")
    attended = report.build(world.event).people[1]
    assert attended.cells[0] == came - 6


# Page and CSV --------------------------------------------------------------------------------


def _numbers_on_page(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<td class="esf-number">(\d+)</td>', html)]


def _numbers_in_csv(content: bytes) -> list[int]:
    """Counts about people (the number of employers is about organisations)."""
    rows = csv.reader(io.StringIO(content.decode("utf-8-sig")))
    people = [row for row in rows if row and row[0] != "employers"]
    return [int(v) for row in people for v in row[2:] if v.isdigit()]


@pytest.mark.django_db
def test_no_cell_of_one_to_four_on_the_page_or_in_the_csv(rovaniemi, login):
    world = build_world(rovaniemi, seekers=6, employers=2)
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    first = Interview.objects.filter(event=world.event).order_by("id").first()
    Interview.objects.filter(pk=first.pk).update(outcome="hired")
    client = login("rovaniemi.coordinator")
    page = client.get(reverse("www:event_report", kwargs={"public_id": world.event.public_id}))
    assert page.status_code == 200
    numbers = _numbers_on_page(page.content.decode())
    assert numbers and not [n for n in numbers if 1 <= n <= 4]
    assert 'id="report-suppressed"' in page.content.decode()
    url = reverse("www:event_report_csv", kwargs={"public_id": world.event.public_id})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = response.content
    assert b"*" in content
    numbers = _numbers_in_csv(content)
    assert not [n for n in numbers if 1 <= n <= 4]


@pytest.mark.django_db
def test_csv_export_is_audited(world, login):
    url = reverse("www:event_report_csv", kwargs={"public_id": world.event.public_id})
    login("rovaniemi.coordinator").get(url)
    row = AuditEvent.objects.filter(object_type="events.event", action="export").last()
    assert row.object_id == str(world.event.public_id)


# Who sees it ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_is_sent_to_log_in(world, client):
    url = reverse("www:event_report", kwargs={"public_id": world.event.public_id})
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["event_report", "event_report_csv"])
def test_outsider_gets_404(world, login, page):
    url = reverse(f"www:{page}", kwargs={"public_id": world.event.public_id})
    assert login("kemi.coordinator").get(url).status_code == 404


@pytest.mark.django_db
def test_regional_analyst_sees_the_report_but_not_the_follow_up(world, login):
    client = login("ely.analyst")
    kwargs = {"public_id": world.event.public_id}
    assert client.get(reverse("www:event_report", kwargs=kwargs)).status_code == 200
    assert client.get(reverse("www:event_followup", kwargs=kwargs)).status_code == 404


@pytest.mark.django_db
def test_analyst_does_not_see_an_unpublished_event(world, login):
    Event.objects.filter(pk=world.event.pk).update(published=False)
    url = reverse("www:event_report", kwargs={"public_id": world.event.public_id})
    assert login("ely.analyst").get(url).status_code == 404


@pytest.mark.django_db
def test_report_names_nobody(world, login):
    page = login("rovaniemi.coordinator").get(
        reverse("www:event_report", kwargs={"public_id": world.event.public_id})
    )
    html = page.content.decode()
    assert not [r for r in world.registrations if r.client.last_name in html]
