"""Erasing a job seeker keeps the event's statistics and removes the texts about the person."""

import pytest

from kohtaamo.accounts.models import User
from kohtaamo.clients.erasure import erase_client
from kohtaamo.events import schedules
from kohtaamo.events.models import Interview, Registration
from tests.events.world import build_world


@pytest.mark.django_db
def test_erasure_empties_the_registration_note_and_the_employers_comments(rovaniemi):
    world = build_world(rovaniemi, seekers=6, employers=3)
    schedules.run_schedule(actor=world.coordinator, event=world.event)
    interview = Interview.objects.filter(event=world.event).first()
    registration = interview.registration
    Registration.objects.filter(pk=registration.pk).update(note="Tarvitsee tulkin")
    Interview.objects.filter(pk=interview.pk).update(
        outcome="not_chosen", outcome_note="Ei vielä riittävää kielitaitoa"
    )
    admin = User.objects.get(username="rovaniemi.admin")
    client = registration.client
    texts = (
        Registration.objects.filter(client=client).exclude(note="").count()
        + Interview.objects.filter(registration__client=client).exclude(outcome_note="").count()
    )  # the demo events may hold more of the person's

    report = erase_client(actor=admin, client=client, reason="request")

    registration.refresh_from_db()
    interview.refresh_from_db()
    assert registration.note == ""
    assert interview.outcome_note == ""
    assert interview.outcome == "not_chosen"  # the statistics stay
    assert report.erased["event_texts"] == texts >= 2
    assert not Interview.objects.filter(registration__client=client).exclude(outcome_note="")
