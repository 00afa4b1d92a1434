"""The event's report: hand counts, and no count of 1-4 people ever shown (page and CSV)."""

import csv
import io
import re

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients.models import Client
from kohtaamo.events import report, schedules
from kohtaamo.events.models import Event, Interview
from tests.events.world import build_world

# Suppression (pure) --------------------------------------------------------------------------

PEOPLE = ("total", "women", "men", "other", "under_30", "30_54", "over_54")
OUTCOMES = ("next_interview", "work_trial", "hired", "not_chosen", "not_recorded")


def _counts(registered, attended, interviews):
    """Cells as `report.build` counts them: two people rows, their difference, interviews."""
    counts = {("registered", k): v for k, v in zip(PEOPLE, registered, strict=True)}
    counts |= {("attended", k): v for k, v in zip(PEOPLE, attended, strict=True)}
    counts |= {
        ("not_attended", k): r - a for k, r, a in zip(PEOPLE, registered, attended, strict=True)
    }
    no_show, *outcomes = interviews
    held = sum(outcomes)
    counts |= {("interviews", "total"): held + no_show, ("interviews", "held"): held}
    counts |= {("interviews", "no_show"): no_show}
    counts |= {("interviews", k): v for k, v in zip(OUTCOMES, outcomes, strict=True)}
    return counts


def _protected(counts) -> report.EventReport:
    built = report.EventReport(event=None, counts=counts, hidden=report.protect(counts))
    assert report.check_protected(built) == []
    return built


def test_one_person_who_did_not_come_cannot_be_worked_out_from_the_two_rows():
    # 40 registered, 39 came: the one who did not come is a woman over 54.
    counts = _counts([40, 27, 13, 0, 8, 22, 10], [39, 26, 13, 0, 8, 22, 9], [3, 13, 4, 3, 55, 7])
    hidden = _protected(counts).hidden
    for column in ("total", "women", "over_54"):
        assert {("registered", column), ("attended", column)} & hidden, column
    assert ("interviews", "no_show") in hidden and ("interviews", "hired") in hidden
    assert ("registered", "total") not in hidden  # the headline figure stays
    assert ("interviews", "total") not in hidden  # also public in the API's event list


def test_a_small_event_hides_every_small_cell_and_what_would_reveal_it():
    counts = _counts([12, 6, 5, 1, 7, 5, 0], [12, 6, 5, 1, 7, 5, 0], [0, 5, 0, 1, 10, 0])
    built = _protected(counts)
    assert ("registered", "other") in built.hidden and ("attended", "other") in built.hidden
    assert ("registered", "total") not in built.hidden


def test_zero_is_shown_and_nothing_is_hidden_without_cause():
    counts = _counts([0] * 7, [0] * 7, [0] * 6)
    assert report.protect(counts) == set(report.UNPUBLISHED)
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
    # all, held, next interview, work trial, hired, not chosen, not recorded
    hand = [n, n - 2, 5, 0, 1, n - 8, 0]
    assert [built.counts["interviews", k] for k, _label in report.OUTCOME_COLUMNS] == hand
    shown = built.outcomes.cells
    pairs = zip(hand, shown, strict=True)
    assert [c for c in shown if c is not None] == [h for h, c in pairs if c is not None]
    assert shown[4] is None and built.no_shows is None  # 1 hire, 2 no-shows
    assert shown[0] == n  # the number of interviews stays
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
    built = report.build(world.event)
    assert built.counts["attended", "total"] == came - 6
    assert built.counts["not_attended", "total"] == 12 - came + 6
    assert not report.check_protected(built)


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


person = st.tuples(st.sampled_from(PEOPLE[1:4]), st.sampled_from(PEOPLE[4:]), st.booleans())


@settings(max_examples=60, deadline=None)
@given(
    people=st.lists(person, max_size=30),
    interviews=st.lists(st.integers(0, 12), min_size=6, max_size=6),
)
def test_no_small_count_is_shown_or_derivable_whatever_the_event(people, interviews):
    registered = [len(people)] + [sum(1 for p in people if k in p[:2]) for k in PEOPLE[1:]]
    came = [p for p in people if p[2]]
    attended = [len(came)] + [sum(1 for p in came if k in p[:2]) for k in PEOPLE[1:]]
    built = _protected(_counts(registered, attended, interviews))  # checks derivability
    shown = [v for cell, v in built.counts.items() if cell not in built.hidden]
    assert not [v for v in shown if 1 <= v <= 4]
