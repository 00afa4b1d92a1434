"""The demo's matchmaking events: the held Rovaniemi speed dating with its schedule and
outcomes, the events to come, and that loading them again changes nothing."""

from datetime import date

import pytest

from kohtaamo.demo.events import (
    DECEMBER,
    HELD,
    KOLARI_KEY,
    PLANS,
    WEBINAR,
    event_day,
    load_events_demo,
)
from kohtaamo.demo.keys import public_id
from kohtaamo.events import report, schedules, scheduling
from kohtaamo.events.enums import Outcome, RegistrationStatus, WishKind
from kohtaamo.events.models import Event, EventEmployer, Interview, Registration, Wish
from kohtaamo.organisations.models import Organisation
from kohtaamo.paths.models import Referral

pytestmark = pytest.mark.django_db


def event(key):
    return Event.objects.get(public_id=public_id("event", key))


def organisations():
    return {o.name: o for o in Organisation.objects.all()}


def stored_schedule(an_event):
    return scheduling.Schedule(
        tuple(
            scheduling.Interview(str(i.registration_id), str(i.event_employer_id), i.slot)
            for i in an_event.interviews.all()
        ),
        0.0, 0.0, 0.0, (), (), 0.0,
    )  # fmt: skip


def snapshot():
    """Who takes part, with what wishes, and how many of each outcome. (The interviews
    themselves may differ between builds: the optimiser breaks ties between equally good
    placements by the order of the database keys, which a new build changes.)"""
    events = Event.objects.filter(public_id__in=[public_id("event", k) for k in (HELD, DECEMBER)])
    interviews = Interview.objects.filter(event__in=events)
    return (
        sorted(Registration.objects.filter(event__in=events).values_list("public_id", "status")),
        sorted(EventEmployer.objects.filter(event__in=events).values_list("public_id", "tables")),
        sorted(
            Wish.objects.filter(event__in=events).values_list("registration__public_id", "kind")
        ),
        {o: interviews.filter(outcome=o).count() for o in (Outcome.HIRED, Outcome.WORK_TRIAL)},
    )


def test_the_held_event_is_as_the_issue_tells():
    held = event(HELD)
    assert held.title == "Duunitreffit: matkailu, ravintolat ja palvelut"
    assert held.date == date(2026, 11, 12) and held.start_time.hour == 13
    assert (held.slot_minutes, held.slot_count, held.breaks) == (10, 12, [7])
    assert held.place == "Rovaniemen pääkirjasto, Jorma Eton tie 6"
    assert held.organisation.name == "Rovaniemen kaupungin työllisyyspalvelut"
    assert held.project.code == "S30634"
    assert [o.kind for o in held.co_organisers.all()] == ["project"]
    participations = held.employers.all()
    assert 7 <= participations.count() <= 10
    assert {p.tables for p in participations} == {1, 2}
    assert all(p.vacancies.exists() for p in participations)
    registrations = held.registrations
    assert 38 <= registrations.active().count() <= 40
    assert registrations.filter(status=RegistrationStatus.CANCELLED).count() == 2
    assert registrations.filter(share_competences=False).exists()
    assert held.wishes.filter(kind=WishKind.MUST_MEET).exists()
    assert held.wishes.filter(kind=WishKind.MUST_NOT_MEET).exists()


def test_the_held_event_was_scheduled_replanned_and_breaks_no_rule():
    held = event(HELD)
    first, latest = held.schedule_runs.order_by("created_at", "id")
    assert (first.kind, latest.kind) == ("schedule", "replan")
    assert first.gap == pytest.approx(0, abs=1e-6)  # proven optimal
    assert latest.kept > 0 and latest.gap < 0.05 and not latest.seekers_without_interview
    interviews = held.interviews.all()
    assert interviews.count() >= 60
    assert not interviews.filter(registration__status=RegistrationStatus.CANCELLED).exists()
    assert not interviews.filter(slot=6).exists()  # the break, slot 7
    problem = schedules.problem(schedules.load(held))
    assert scheduling.violations(problem, stored_schedule(held)) == []
    for wish in held.wishes.filter(kind=WishKind.MUST_NOT_MEET):
        assert not interviews.filter(
            registration=wish.registration, event_employer=wish.event_employer
        ).exists()


def test_the_held_event_has_outcomes_that_flowed_into_referrals():
    interviews = event(HELD).interviews.all()
    recorded = interviews.exclude(outcome="")
    assert recorded.count() > interviews.count() * 0.8
    counts = {o: recorded.filter(outcome=o).count() for o in Outcome.values}
    assert counts[Outcome.HIRED] == 3 and counts[Outcome.WORK_TRIAL] == 4
    assert counts[Outcome.NO_SHOW] >= 1 and counts[Outcome.NEXT_INTERVIEW] >= 5
    assert counts[Outcome.NOT_CHOSEN] > counts[Outcome.NEXT_INTERVIEW]
    hired = recorded.filter(outcome=Outcome.HIRED)
    assert len({i.registration_id for i in hired}) == 3
    assert all(i.referral.status == "hired" for i in hired)
    assert not recorded.filter(outcome=Outcome.NO_SHOW, referral__isnull=False).exists()
    referrals = Referral.objects.filter(event_interviews__event=event(HELD)).distinct()
    assert referrals.count() == recorded.exclude(outcome=Outcome.NO_SHOW).count()


def test_the_events_to_come():
    kolari = event(KOLARI_KEY)
    assert kolari.kind == "hybrid" and kolari.online_url and kolari.place
    assert kolari.organisation.name == "Kolarin kunta" and kolari.registration_open
    assert kolari.registrations.waiting().count() == 2
    assert kolari.registrations.active().count() == kolari.seeker_capacity
    december = event(DECEMBER)
    assert Event.objects.open_for_registration(date(2026, 11, 23)).filter(pk=december.pk).exists()
    own = december.registrations.get(client__user__username="demo.seeker")
    assert own.self_registered and own.share_competences
    assert own.interviews.exists()
    webinar = event(WEBINAR)
    assert webinar.kind == "webinar" and webinar.online_url and not webinar.interviews.exists()
    assert webinar.registrations.exists()


def test_loading_again_changes_nothing():
    before = list(Interview.objects.order_by("id").values_list("public_id", "slot", "table"))
    counts = load_events_demo(organisations=organisations())
    assert counts["events"] == 4 and counts["event_outcomes"] > 0
    assert list(Interview.objects.order_by("id").values_list("public_id", "slot", "table")) == (
        before
    )


def test_a_new_build_is_the_same():
    before = snapshot()
    Event.objects.filter(public_id__in=[public_id("event", k) for k in (HELD, DECEMBER)]).delete()
    load_events_demo(organisations=organisations())
    assert snapshot() == before


def test_the_report_of_the_held_event_suppresses_small_cells():
    built = report.build(event(HELD))
    assert report.check_protected(built) == []
    columns = [key for key, _label in report.OUTCOME_COLUMNS]
    cells = dict(zip(columns, built.outcomes.cells, strict=True))
    assert cells[Outcome.HIRED] is None and cells[Outcome.WORK_TRIAL] is None  # 3 and 4
    assert cells[Outcome.NOT_CHOSEN] >= 5
    registered = dict(
        zip([k for k, _l in report.PEOPLE_COLUMNS], built.people[0].cells, strict=True)
    )
    assert registered["total"] == 40
    csv_cells = [c for row in report.as_csv(built).splitlines() for c in row.split(",")[2:]]
    assert "*" in csv_cells
    assert not [c for c in csv_cells if c.isdigit() and 1 <= int(c) <= 4]


def test_a_coming_event_stays_to_come_whenever_the_demo_is_loaded():
    kolari = next(p for p in PLANS if p.key == KOLARI_KEY)  # 3.12.2026, ten days ahead
    assert event_day(kolari, today=date(2026, 11, 24)) == date(2026, 12, 3)
    assert event_day(kolari, today=date(2026, 12, 2)) == date(2026, 12, 3)
    assert event_day(kolari, today=date(2026, 12, 3)) == date(2026, 12, 13)  # its day has come
    assert event_day(kolari, today=date(2027, 3, 1)) == date(2027, 3, 11)
    held = next(p for p in PLANS if p.key == HELD)
    assert event_day(held, today=date(2027, 3, 1)) == date(2026, 11, 12)
