"""Printouts, screens and calendar files of an event: what each reader sees, and who may."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients.models import ClientLanguage
from kohtaamo.events import printouts, schedules
from kohtaamo.events.models import Interview
from tests.events.world import build_world

pytestmark = pytest.mark.django_db
HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.fixture
def world(rovaniemi):
    world = build_world(rovaniemi, seekers=8, employers=3)
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    return world


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _scheduled(world):
    return [r for r in world.registrations if r.interviews.exists()]


def _url(name: str, world, **kwargs) -> str:
    return reverse(f"www:{name}", kwargs={"public_id": world.event.public_id, **kwargs})


def _seeker_url(name, world, registration):
    return _url(name, world, registration_id=registration.public_id)


def _employer_url(name, world, participation):
    return _url(name, world, participation_id=participation.public_id)


def _slot_start(world, slot: int) -> datetime:
    first = datetime.combine(world.event.date, world.event.start_time, tzinfo=HELSINKI)
    return first + timedelta(minutes=world.event.slot_minutes * slot)


# The one-line why ------------------------------------------------------------------------------


def test_why_line_counts_essential_requirements_and_names_the_first_met(in_english):
    why = {"met": ["a", "b", "c"], "met_count": 6, "essential_met": 5, "essential": 7}
    labels = {"a": "customer service", "b": "hygiene passport", "c": "Finnish"}
    assert printouts.why_line(why, labels) == (
        "Meets 5 of 7 essential requirements: customer service, hygiene passport, Finnish"
    )


def test_why_line_without_essential_requirements_counts_all_met(in_english):
    why = {"met": ["a"], "met_count": 1, "essential_met": 0, "essential": 0}
    assert printouts.why_line(why, {"a": "cleaning"}) == "Meets 1 requirement: cleaning"
    assert printouts.why_line({}, {}) == "Fits the employer's vacancies"


# Services --------------------------------------------------------------------------------------


def test_seeker_schedule_lists_own_interviews_in_time_order_with_table_and_why(world):
    registration = _scheduled(world)[0]
    schedule = printouts.seeker_schedule(registration)
    stored = list(registration.interviews.order_by("slot"))
    assert [line.interview.pk for line in schedule.interviews] == [i.pk for i in stored]
    for line in schedule.interviews:
        participation = line.interview.event_employer
        assert participation.table_label in line.place
        assert line.employer_name == str(participation.employer)
        assert line.why
        assert line.starts_at == _slot_start(world, line.interview.slot)


def test_competence_summary_shows_only_the_name_without_consent(world):
    interview = Interview.objects.filter(event=world.event).first()
    registration, participation = interview.registration, interview.event_employer
    registration.share_competences = False
    registration.save()
    summary = printouts.competence_summary(registration, participation)
    assert summary.name == str(registration.client)
    assert (summary.shared, summary.met, summary.licences, summary.languages) == (
        False,
        [],
        [],
        [],
    )


def test_competence_summary_with_consent_names_requirements_met_and_languages(world, in_english):
    interview = Interview.objects.filter(event=world.event).order_by("-fit").first()
    registration = interview.registration
    ClientLanguage.objects.update_or_create(
        client=registration.client, code="sv", defaults={"level": "B2"}
    )
    summary = printouts.competence_summary(registration, interview.event_employer)
    assert summary.shared
    assert summary.met, "a scheduled person meets some of the employer's requirements"
    assert "Swedish (B2)" in summary.languages


def test_employer_schedule_has_every_slot_with_the_break_marked(world):
    participation = world.employers[0]
    schedule = printouts.employer_schedule(participation)
    assert [s.number for s in schedule.slots] == list(range(1, world.event.slot_count + 1))
    assert [s.number for s in schedule.slots if s.is_break] == world.event.breaks
    assert schedule.interview_count == participation.interviews.count()
    for slot in schedule.slots:
        assert all(line.interview.slot + 1 == slot.number for line in slot.interviews)
        assert all(line.summary is not None for line in slot.interviews)


def test_board_shows_first_name_and_initial_of_surname_only(world):
    seats = [seat for slot in printouts.board(world.event) for seat in slot.seats]
    assert len(seats) == Interview.objects.filter(event=world.event).count()
    names = {f"{r.client.first_name} {r.client.last_name[0]}." for r in world.registrations}
    assert {seat.seeker for seat in seats} <= names


def test_seeker_calendar_has_one_event_per_interview_in_helsinki_time(world):
    registration = _scheduled(world)[0]
    calendar = icalendar.Calendar.from_ical(printouts.ics_for_seeker(registration))
    vevents = calendar.walk("VEVENT")
    interviews = list(registration.interviews.order_by("slot"))
    assert [str(v["UID"]) for v in vevents] == [f"{i.public_id}@kohtaamo" for i in interviews]
    for vevent, interview in zip(vevents, interviews, strict=True):
        start = vevent.decoded("DTSTART")
        assert vevent["DTSTART"].params["TZID"] == "Europe/Helsinki"
        assert start == _slot_start(world, interview.slot)
        assert vevent.decoded("DTEND") - start == timedelta(minutes=world.event.slot_minutes)
        assert world.event.place in str(vevent["LOCATION"])
        assert interview.event_employer.table_label in str(vevent["LOCATION"])
    assert calendar.walk("VTIMEZONE")


def test_calendar_uids_stay_the_same_on_a_second_download(world):
    participation = world.employers[0]

    def uids():
        calendar = icalendar.Calendar.from_ical(printouts.ics_for_employer(participation))
        return [str(v["UID"]) for v in calendar.walk("VEVENT")]

    assert uids() and uids() == uids()


def test_online_event_calendar_carries_the_link(world):
    world.event.online_url = "https://meet.example.fi/duunitreffit"
    world.event.save()
    registration = _scheduled(world)[0]
    calendar = icalendar.Calendar.from_ical(printouts.ics_for_seeker(registration))
    assert {str(v["URL"]) for v in calendar.walk("VEVENT")} == {world.event.online_url}


# Pages: who may ---------------------------------------------------------------------------------


SEEKER_PAGES = ("event_seeker_schedule", "event_seeker_schedule_pdf", "event_seeker_schedule_ics")
EMPLOYER_PAGES = (
    "event_employer_schedule",
    "event_employer_schedule_pdf",
    "event_employer_schedule_ics",
)
EVENT_PAGES = ("event_seeker_schedules_pdf", "event_employer_schedules_pdf", "event_board",
               "event_board_pdf")  # fmt: skip


def _all_urls(world):
    registration, participation = _scheduled(world)[0], world.employers[0]
    return (
        [_seeker_url(name, world, registration) for name in SEEKER_PAGES]
        + [_employer_url(name, world, participation) for name in EMPLOYER_PAGES]
        + [_url(name, world) for name in EVENT_PAGES]
    )


def test_anonymous_is_sent_to_log_in(world, client):
    for url in _all_urls(world):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response.url, url


@pytest.mark.parametrize("username", ["kemi.coordinator", "ely.analyst", "demo.seeker"])
def test_outsiders_get_404(world, login, username):
    client = login(username)
    for url in _all_urls(world):
        response = client.get(url)
        # A job seeker is kept in their own view; everyone else is told nothing exists.
        assert response.status_code == (302 if username == "demo.seeker" else 404), url


def test_organiser_gets_every_page(world, login):
    client = login("rovaniemi.coordinator")
    for url in _all_urls(world):
        assert client.get(url).status_code == 200, url


def test_cancelled_registration_has_no_schedule(world, login):
    registration = _scheduled(world)[0]
    registration.status = "cancelled"
    registration.save()
    client = login("rovaniemi.coordinator")
    assert client.get(_seeker_url("event_seeker_schedule", world, registration)).status_code == 404


def test_another_events_employer_is_404(world, login, rovaniemi):
    other = build_world(rovaniemi, seekers=2, employers=1)
    client = login("rovaniemi.coordinator")
    url = _employer_url("event_employer_schedule", world, other.employers[0])
    assert client.get(url).status_code == 404


# Pages: what they show ---------------------------------------------------------------------------


def test_seeker_page_shows_employers_tables_and_links_to_files(world, login, in_english):
    registration = _scheduled(world)[0]
    client = login("rovaniemi.coordinator")
    page = client.get(_seeker_url("event_seeker_schedule", world, registration)).content.decode()
    for interview in registration.interviews.all():
        assert str(interview.event_employer.employer) in page
        assert interview.event_employer.table_label in page
        assert _slot_start(world, interview.slot).strftime("%H:%M") in page
    assert _seeker_url("event_seeker_schedule_ics", world, registration) in page
    view = AuditEvent.objects.for_object(registration.client).latest("id")
    assert view.action == AuditAction.VIEW
    assert view.detail == {"event": str(world.event.public_id), "page": "schedule"}


def test_employer_page_hides_the_summary_of_those_who_did_not_consent(world, login, in_english):
    participation = world.employers[0]
    interviews = list(participation.interviews.select_related("registration__client"))
    assert interviews
    silent = interviews[0].registration
    silent.share_competences = False
    silent.save()
    client = login("rovaniemi.coordinator")
    page = client.get(_employer_url("event_employer_schedule", world, participation))
    text = page.content.decode()
    assert "Did not consent to share their competence summary." in text
    assert str(silent.client) in text
    assert text.count('class="event-summary"') == len(interviews) - 1


def test_board_page_has_no_surnames_nor_competences(world, login, in_english):
    client = login("rovaniemi.coordinator")
    text = client.get(_url("event_board", world)).content.decode()
    scheduled = _scheduled(world)
    for registration in scheduled:
        person = registration.client
        assert f"{person.first_name} {person.last_name[0]}." in text
        assert person.last_name not in text
    assert "event-summary" not in text and "Meets" not in text


# PDFs, read back ---------------------------------------------------------------------------------


def test_seekers_handout_has_one_page_per_person_with_times_and_tables(world, login, in_english):
    client = login("rovaniemi.coordinator")
    response = client.get(_url("event_seeker_schedules_pdf", world))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    active = world.event.registrations.active().count()
    assert len(reader.pages) >= active
    text = _pdf_text(response.content)
    for registration in _scheduled(world):
        assert str(registration.client) in text
        for interview in registration.interviews.all():
            assert interview.event_employer.table_label in text
            assert _slot_start(world, interview.slot).strftime("%H:%M") in text
    export = AuditEvent.objects.filter(action=AuditAction.EXPORT).latest("id")
    assert export.detail["page"] == "seeker_schedules"
    assert len(export.detail["clients"]) == active


def test_employer_pdf_names_candidates_and_respects_consent(world, login, in_english):
    participation = world.employers[0]
    first = participation.interviews.select_related("registration__client").first()
    first.registration.share_competences = False
    first.registration.save()
    client = login("rovaniemi.coordinator")
    response = client.get(_employer_url("event_employer_schedule_pdf", world, participation))
    text = " ".join(_pdf_text(response.content).split())
    assert str(participation.employer) in text
    for interview in participation.interviews.select_related("registration__client"):
        assert str(interview.registration.client) in text
    assert "Did not consent to share their competence summary." in text
    assert "Break" in text


def test_board_pdf_shows_short_names(world, login):
    client = login("rovaniemi.coordinator")
    text = _pdf_text(client.get(_url("event_board_pdf", world)).content)
    registration = _scheduled(world)[0]
    person = registration.client
    assert f"{person.first_name} {person.last_name[0]}." in text
    assert person.last_name not in text


def test_calendar_download_is_audited_as_an_export(world, login):
    registration = _scheduled(world)[0]
    client = login("rovaniemi.coordinator")
    response = client.get(_seeker_url("event_seeker_schedule_ics", world, registration))
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in response.content
    export = AuditEvent.objects.filter(action=AuditAction.EXPORT).latest("id")
    assert export.detail == {"event": str(world.event.public_id), "page": "schedule",
                             "format": "ics"}  # fmt: skip


def test_the_board_marks_the_slot_under_way(world):
    slots = printouts.board(world.event)
    assert not any(slot.is_now for slot in slots), "the event is in the future"
    now = printouts.BoardSlot(
        number=1,
        starts_at=timezone.now() - timedelta(minutes=1),
        ends_at=timezone.now() + timedelta(minutes=9),
        is_break=False,
        seats=[],
    )
    assert now.is_now


def test_the_board_lists_tables_in_natural_order(world):
    for n, participation in zip((10, 2, 1), world.employers, strict=True):
        participation.table_label = f"Pöytä {n}"
        participation.save()
    for slot in printouts.board(world.event):
        numbers = [int(seat.place.split()[1]) for seat in slot.seats]
        assert numbers == sorted(numbers)
