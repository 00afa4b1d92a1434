"""The front page's "Coming events" card: the next three events the user may see — published
ones of any organiser and the user's own in preparation — soonest first, none of the past."""

import re
from datetime import time, timedelta

import pytest
from django.utils import timezone

from kohtaamo.accounts.models import User
from kohtaamo.events import services
from kohtaamo.events.models import Event

pytestmark = pytest.mark.django_db


def _event(organiser: str, organisation, title: str, days: int, *, published: bool) -> Event:
    return services.create_event(
        actor=User.objects.get(username=organiser),
        organisation=organisation,
        title=title,
        kind="speed_dating",
        date=timezone.localdate() + timedelta(days=days),
        start_time=time(12, 0),
        slot_minutes=10,
        slot_count=6,
        place="Kaupungintalo",
        languages=["fi"],
        min_interviews=1,
        max_interviews=3,
        published=published,
    )


def _card(html: str) -> str | None:
    found = re.search(r'<section[^>]*id="home-events".*?</section>', html, re.S)
    return found.group(0) if found else None


def test_the_card_lists_the_next_three_events_the_user_may_see(login, rovaniemi, kemi, in_english):
    Event.objects.update(date=timezone.localdate() - timedelta(days=400))  # the demo's, past
    past = _event("rovaniemi.coordinator", rovaniemi, "Last week's fair", 3, published=True)
    Event.objects.filter(pk=past.pk).update(date=timezone.localdate() - timedelta(days=7))
    _event("kemi.coordinator", kemi, "Kemi's draft", 1, published=False)
    _event("rovaniemi.coordinator", rovaniemi, "Our draft", 2, published=False)
    _event("kemi.coordinator", kemi, "Kemi's fair", 4, published=True)
    _event("rovaniemi.coordinator", rovaniemi, "Our fair", 6, published=True)
    _event("rovaniemi.coordinator", rovaniemi, "Our later fair", 8, published=True)

    card = _card(login("rovaniemi.coordinator").get("/").content.decode())
    assert card is not None
    titles = re.findall(r'<li><a href="/events/[^"]+">([^<]+)</a>', card)
    assert titles == ["Our draft", "Kemi&#x27;s fair", "Our fair"]
    assert 'href="/events/"' in card  # "All events"


def test_the_card_is_left_out_when_nothing_is_coming(login):
    Event.objects.update(date=timezone.localdate() - timedelta(days=400))
    assert _card(login("rovaniemi.coordinator").get("/").content.decode()) is None
