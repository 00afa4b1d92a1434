"""The quickest routes to a competence: training offers ordered by time to close."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError

from kohtaamo.training.models import TrainingOffer, calendar_days
from kohtaamo.training.services import UnknownCompetence, routes_for, upcoming_offer_facts
from tests.training.factories import GUARD_CARD, TrainingOfferFactory, municipality

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)  # a Monday
ROVANIEMI, KEMI, TORNIO, INARI = "698", "240", "851", "148"
DOOR_SUPERVISOR = "urn:kohtaamo:licence:jarjestyksenvalvojakortti"


def titles(routes) -> list[str]:
    return [r.title for r in routes]


def test_calendar_days_add_the_weekends_of_longer_courses():
    assert [calendar_days(d) for d in (1, 2, 5, 6, 10, 20)] == [1, 2, 5, 8, 12, 26]


def test_a_short_course_later_beats_a_long_one_sooner():
    TrainingOfferFactory(title_fi="card", start_date=TODAY + timedelta(days=10), duration_days=1)
    TrainingOfferFactory(title_fi="unit", start_date=TODAY + timedelta(days=2), duration_days=14)
    routes = routes_for([GUARD_CARD], today=TODAY)[GUARD_CARD]
    assert titles(routes) == ["card", "unit"]
    assert [r.days_to_close for r in routes] == [11, 2 + 18]


def test_offer_dates_give_its_length_when_it_has_both():
    start = TODAY + timedelta(days=7)
    TrainingOfferFactory(start_date=start, end_date=start + timedelta(days=2), duration_days=2)
    [route] = routes_for([GUARD_CARD], today=TODAY)[GUARD_CARD]
    assert route.days_to_close == 7 + 3


def test_among_equally_quick_offers_the_nearest_comes_first():
    start = TODAY + timedelta(days=5)
    TrainingOfferFactory(
        title_fi="Rovaniemi", municipality=municipality(ROVANIEMI), start_date=start
    )
    TrainingOfferFactory(title_fi="Kemi", municipality=municipality(KEMI), start_date=start)
    from_tornio = routes_for([GUARD_CARD], municipality(TORNIO), today=TODAY)[GUARD_CARD]
    from_rovaniemi = routes_for([GUARD_CARD], municipality(ROVANIEMI), today=TODAY)[GUARD_CARD]
    assert titles(from_tornio) == ["Kemi", "Rovaniemi"]
    assert titles(from_rovaniemi) == ["Rovaniemi", "Kemi"]
    assert from_rovaniemi[0].distance_km == 0
    assert 100 < from_rovaniemi[1].distance_km < 160  # 100 km as the crow flies, x 1.25


def test_remote_study_without_a_start_date_closes_in_its_length_at_no_distance():
    TrainingOfferFactory(title_fi="online", remote_study=True, duration_days=5)
    TrainingOfferFactory(title_fi="class", start_date=TODAY + timedelta(days=3))
    routes = routes_for([GUARD_CARD], municipality(INARI), today=TODAY)[GUARD_CARD]
    assert titles(routes) == ["class", "online"]
    online = routes[1]
    assert (online.remote, online.municipality, online.start_date) == (True, "", None)
    assert (online.days_to_close, online.distance_km) == (5, 0)


def test_offers_that_have_started_or_ended_are_left_out():
    TrainingOfferFactory(title_fi="started", start_date=TODAY - timedelta(days=1))
    TrainingOfferFactory(title_fi="ended", remote_study=True, end_date=TODAY - timedelta(days=1))
    TrainingOfferFactory(title_fi="today", start_date=TODAY)
    assert titles(routes_for([GUARD_CARD], today=TODAY)[GUARD_CARD]) == ["today"]
    upcoming = set(TrainingOffer.objects.upcoming(TODAY).values_list("title_fi", flat=True))
    assert "today" in upcoming
    assert not upcoming & {"started", "ended"}


def test_far_offers_are_left_out_within_a_radius_but_remote_study_never_is():
    TrainingOfferFactory(title_fi="Inari", municipality=municipality(INARI))
    TrainingOfferFactory(title_fi="Kemi", municipality=municipality(KEMI))
    TrainingOfferFactory(title_fi="online", remote_study=True, duration_days=20)
    routes = routes_for([GUARD_CARD], municipality(TORNIO), today=TODAY, max_km=50)
    assert titles(routes[GUARD_CARD]) == ["Kemi", "online"]


def test_routes_are_limited_and_every_uri_has_a_list():
    for days in range(5):
        TrainingOfferFactory(title_fi=f"day {days}", start_date=TODAY + timedelta(days=days))
    routes = routes_for([GUARD_CARD, DOOR_SUPERVISOR], today=TODAY, limit=2)
    assert titles(routes[GUARD_CARD]) == ["day 0", "day 1"]
    assert routes[DOOR_SUPERVISOR] == []


def test_an_unknown_uri_is_an_error():
    with pytest.raises(UnknownCompetence, match="urn:kohtaamo:licence:no-such-card"):
        routes_for(["urn:kohtaamo:licence:no-such-card"], today=TODAY)


def test_an_offer_is_somewhere_or_remote():
    with pytest.raises(IntegrityError):
        TrainingOfferFactory(municipality=None, remote=False)


def test_upcoming_offer_facts_are_plain_data_quickest_first():
    TrainingOfferFactory(title_fi="later", start_date=TODAY + timedelta(days=9))
    TrainingOfferFactory(title_fi="sooner", start_date=TODAY + timedelta(days=1))
    TrainingOfferFactory(title_fi="past", start_date=TODAY - timedelta(days=1))
    mine = [f for f in upcoming_offer_facts(TODAY) if GUARD_CARD in f.uris]
    assert [(f.title, f.days_to_close, f.municipality_code) for f in mine] == [
        ("sooner", 2, ROVANIEMI),
        ("later", 10, ROVANIEMI),
    ]
    assert mine[0].latitude is not None
