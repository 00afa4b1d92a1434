"""The job seeker's own events: signing up with or without sharing, the waiting list,
cancelling, and their own schedule on the phone and in the calendar."""

from __future__ import annotations

import icalendar
import pytest
from django.urls import reverse

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients.models import Client
from kohtaamo.events import schedules, services
from kohtaamo.events.enums import RegistrationStatus
from kohtaamo.events.models import Registration
from kohtaamo.matches.models import StoredMatch
from tests.events.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def sanna():
    return Client.objects.get(user__username="demo.seeker")


@pytest.fixture
def world(rovaniemi):
    return build_world(rovaniemi, seekers=4, employers=3)


def _own(name: str, event=None) -> str:
    return reverse(f"www:{name}", kwargs={"public_id": event.public_id} if event else None)


def _register(client, event, share: bool = False):
    data = {"share_competences": "on"} if share else {}
    return client.post(_own("own_event_register", event), data)


def test_open_events_are_listed_with_the_consent_unticked(world, login, in_english):
    page = login("demo.seeker").get(_own("own_events"))
    assert page.status_code == 200
    text = page.content.decode()
    assert world.event.title in text
    assert _own("own_event_register", world.event) in text
    checkbox = f'name="share_competences" id="share-{world.event.public_id}"'
    assert checkbox in text
    assert f"{checkbox} checked" not in text, "the consent is not ticked in advance"


def test_signing_up_without_ticking_does_not_share(world, login, sanna):
    response = _register(login("demo.seeker"), world.event)
    assert response.status_code == 302
    registration = Registration.objects.get(event=world.event, client=sanna)
    assert registration.status == RegistrationStatus.REGISTERED
    assert registration.self_registered and not registration.share_competences


def test_signing_up_with_the_box_ticked_shares(world, login, sanna):
    _register(login("demo.seeker"), world.event, share=True)
    assert Registration.objects.get(event=world.event, client=sanna).share_competences


def test_a_full_event_puts_the_person_in_the_queue_and_shows_the_place(
    rovaniemi, login, sanna, in_english
):
    world = build_world(rovaniemi, seekers=2, employers=1, capacity=2)
    client = login("demo.seeker")
    _register(client, world.event)
    assert Registration.objects.get(event=world.event, client=sanna).status == "waiting"
    text = client.get(_own("own_events")).content.decode()
    assert "On the waiting list: number 1 in the queue" in text


def test_cancelling_frees_the_place(world, login, sanna):
    client = login("demo.seeker")
    _register(client, world.event)
    response = client.post(_own("own_event_cancel", world.event))
    assert response.status_code == 302
    registration = Registration.objects.get(event=world.event, client=sanna)
    assert registration.status == RegistrationStatus.CANCELLED


def test_an_unpublished_event_cannot_be_signed_up_for(world, login, sanna):
    world.event.published = False
    world.event.save()
    client = login("demo.seeker")
    assert world.event.title not in client.get(_own("own_events")).content.decode()
    assert _register(client, world.event).status_code == 404
    assert not Registration.objects.filter(event=world.event, client=sanna).exists()


def test_someone_elses_registration_is_404(world, login):
    # Sanna is not registered: the event's schedule pages are not hers.
    client = login("demo.seeker")
    assert client.get(_own("own_event_schedule", world.event)).status_code == 404
    assert client.get(_own("own_event_schedule_ics", world.event)).status_code == 404
    assert client.post(_own("own_event_cancel", world.event)).status_code == 404


def test_staff_have_no_own_events(world, login):
    assert login("rovaniemi.coordinator").get(_own("own_events")).status_code == 404


def test_anonymous_is_sent_to_log_in(world, client):
    for url in (_own("own_events"), _own("own_event_schedule", world.event)):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response.url


def _scheduled_sanna(world, sanna):
    """Sanna registered by her coordinator, with the employer of her best match at the event
    and her must-meet wish for it, so that she is scheduled."""
    best = StoredMatch.objects.for_client(sanna).select_related("vacancy__employer").first()
    employer = best.vacancy.employer
    participation = world.event.employers.filter(employer=employer).first()
    if participation is None:
        participation = services.add_employer(
            actor=world.coordinator,
            event=world.event,
            employer=employer,
            vacancies=[best.vacancy],
            tables=1,
            table_label="Pöytä 9",
        )
    registration = services.register(
        actor=world.coordinator, event=world.event, client=sanna, share_competences=True
    )
    services.set_wish(
        actor=world.coordinator,
        registration=registration,
        participation=participation,
        kind="must_meet",
        wished_by="seeker",
    )
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    return registration


def test_own_schedule_shows_time_employer_and_table(world, login, sanna, in_english):
    registration = _scheduled_sanna(world, sanna)
    interviews = list(registration.interviews.select_related("event_employer__employer"))
    assert interviews, "the must-meet wish gives her at least one interview"
    client = login("demo.seeker")
    text = client.get(_own("own_event_schedule", world.event)).content.decode()
    for interview in interviews:
        assert str(interview.event_employer.employer) in text
        assert interview.event_employer.table_label in text
        assert interview.starts_at.strftime("%H:%M") in text
    assert _own("own_event_schedule_ics", world.event) in text
    view = AuditEvent.objects.for_object(sanna).latest("id")
    assert view.action == AuditAction.VIEW and view.detail["page"] == "event_schedule"
    assert "My schedule" in client.get(_own("own_events")).content.decode()


def test_own_calendar_file_has_her_interviews(world, login, sanna):
    registration = _scheduled_sanna(world, sanna)
    response = login("demo.seeker").get(_own("own_event_schedule_ics", world.event))
    assert response["Content-Type"].startswith("text/calendar")
    uids = {str(v["UID"]) for v in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}
    assert uids == {f"{i.public_id}@kohtaamo" for i in registration.interviews.all()}
    export = AuditEvent.objects.for_object(sanna).latest("id")
    assert export.action == AuditAction.EXPORT and export.detail["format"] == "ics"


def test_front_page_links_to_events(login):
    text = login("demo.seeker").get(reverse("www:own_home")).content.decode()
    assert reverse("www:own_events") in text
