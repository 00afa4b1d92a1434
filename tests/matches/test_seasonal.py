"""Seasonal pairs on the database (kohtaamo.matches.seasonal) and their pages: a job seeker's
two seasonal jobs that make a year, and the employers of an area who could share a worker."""

import pytest

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients.enums import ClientStatus, ConsentScope
from kohtaamo.geo.models import Municipality
from kohtaamo.matches import seasonal
from kohtaamo.matches.seasonal import EmptyReason
from tests.clients.factories import ClientFactory, ConsentFactory

from .seasonal_world import (
    JEWELLERY_EQUIPMENT,
    LEAD_CREATIVE_DEPARTMENT,
    build_employer_world,
    build_seasonal_world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(rovaniemi):
    return build_seasonal_world(rovaniemi)


@pytest.fixture
def employers(rovaniemi):
    return build_employer_world(rovaniemi)


def page_url(client) -> str:
    return f"/clients/{client.public_id}/seasonal/"


def region_url(code) -> str:
    return f"/regions/{code}/shared-workers/"


# A person's pairs ----------------------------------------------------------------------------


def test_the_winter_and_the_summer_season_make_the_best_pair(world):
    found = seasonal.client_pairs(world.sirpa)
    best = found.pairs[0]
    assert (best.first.vacancy, best.second.vacancy) == (world.winter, world.summer)
    assert best.months == (1, 2, 3, 4, 6, 7, 8, 12)
    assert best.gap_months == (5, 9, 10, 11)
    assert not best.near and best.first.score > 0.5 and best.second.score > 0.5


def test_year_round_overlapping_and_distant_jobs_are_not_paired(world):
    pairs = seasonal.client_pairs(world.sirpa).pairs
    paired = {v for p in pairs for v in (p.first.vacancy, p.second.vacancy)}
    assert world.year_round not in paired
    assert world.kemi_winter not in paired
    assert (world.winter, world.spring) not in {(p.first.vacancy, p.second.vacancy) for p in pairs}


def test_each_half_says_what_is_missing(world):
    best = seasonal.client_pairs(world.sirpa).pairs[0]
    assert [g.uri for g in best.first.gaps] == [LEAD_CREATIVE_DEPARTMENT]
    assert best.second.gaps == []
    assert [g.uri for g in best.gaps] == [LEAD_CREATIVE_DEPARTMENT]
    assert best.gaps[0].label != LEAD_CREATIVE_DEPARTMENT  # labelled
    assert JEWELLERY_EQUIPMENT not in {g.uri for g in best.gaps}


def test_no_pairs_for_someone_far_from_every_seasonal_job():
    far = ClientFactory(municipality=Municipality.objects.get(code="091"), commuting_radius_km=20)
    found = seasonal.client_pairs(far)
    assert found.pairs == [] and found.reason == EmptyReason.NONE_WITHIN_REACH


def test_no_pairs_for_someone_without_competences():
    found = seasonal.client_pairs(ClientFactory(commuting_radius_km=40))
    assert found.pairs == [] and found.reason == EmptyReason.NONE_FITTING
    assert found.within_reach > 0


def test_no_pairs_for_someone_who_is_not_looking_for_work(world):
    world.sirpa.status = ClientStatus.EMPLOYED
    world.sirpa.save()
    assert seasonal.client_pairs(world.sirpa).reason == EmptyReason.NOT_MATCHED


# Areas ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "kind", "normal"),
    [
        ("19", "region", "MK19"),
        ("MK19", "region", "MK19"),
        ("mk19", "region", "MK19"),
        ("191", "sub_region", "SK191"),
        ("SK191", "sub_region", "SK191"),
    ],
)
def test_region_and_sub_region_codes(code, kind, normal):
    area = seasonal.area_for(code)
    assert (area.kind, area.key) == (kind, normal)


@pytest.mark.parametrize("code", ["", "1", "MK191", "SK19", "KU698", "99", "XX"])
def test_unknown_area_codes(code):
    assert seasonal.area_for(code) is None


# Employers who could share a worker ----------------------------------------------------------


def test_employers_whose_seasons_complement_each_other_share_candidates(employers):
    pairs = seasonal.employer_pairs(seasonal.area_for("SK011"))
    found = {(p.first.employer, p.second.employer): p for p in pairs}
    cafe = found[(employers.hotel, employers.cafe)]
    assert cafe.shared == 5 and not cafe.suppressed  # the weak match does not count
    assert cafe.months == (1, 2, 3, 4, 6, 7, 8, 12) and cafe.first.from_vacancies


def test_fewer_than_five_shared_candidates_are_not_reported(employers):
    pairs = seasonal.employer_pairs(seasonal.area_for("011"))
    builder = next(p for p in pairs if employers.builder in (p.first.employer, p.second.employer))
    assert builder.shared is None and builder.suppressed
    assert pairs[-1] is builder  # reported counts first


def test_employers_with_overlapping_seasons_are_not_paired(employers):
    pairs = seasonal.employer_pairs(seasonal.area_for("01"))
    assert {employers.cafe, employers.builder} not in [
        {p.first.employer, p.second.employer} for p in pairs
    ]


def test_peak_months_stand_in_for_an_employer_without_seasonal_vacancies(employers):
    employers.cafe.vacancies.update(end_date=None)  # now open all year round
    employers.cafe.peak_months = [6, 7, 8]
    employers.cafe.save()
    pairs = seasonal.employer_pairs(seasonal.area_for("011"))
    cafe = next(p for p in pairs if employers.cafe in (p.first.employer, p.second.employer))
    side = cafe.first if cafe.first.employer == employers.cafe else cafe.second
    assert not side.from_vacancies and side.months == (6, 7, 8)
    assert cafe.shared == 5  # through its open vacancies


def test_the_demo_region_has_employer_pairs():
    pairs = seasonal.employer_pairs(seasonal.area_for("19"))
    assert pairs and all(p.distance_km <= 100 for p in pairs)
    assert all(p.shared is None or p.shared >= 5 for p in pairs)


# The person's page --------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.get(page_url(world.sirpa))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_outsider_gets_404(login, world):
    assert login("kemi.coordinator").get(page_url(world.sirpa)).status_code == 404


def test_basic_consent_is_not_enough(login, world, kemi):
    consent = ConsentFactory(client=world.sirpa, organisation=kemi, scope=ConsentScope.BASIC)
    assert login("kemi.coordinator").get(page_url(world.sirpa)).status_code == 404
    consent.scope = ConsentScope.COMPETENCES
    consent.save()
    assert login("kemi.coordinator").get(page_url(world.sirpa)).status_code == 200


def test_the_page_shows_the_pair_with_its_months_in_words(login, world, in_english):
    html = login("rovaniemi.coach").get(page_url(world.sirpa)).content.decode()
    pair = f'data-first="{world.winter.public_id}" data-second="{world.summer.public_id}"'
    assert pair in html
    assert "Work for 8 months of 12" in html
    assert "December–April" in html and "June–August" in html
    assert "May, September–November" in html  # the months without work
    assert "wishes for year-round work" in html
    assert world.winter.get_absolute_url() in html


def test_the_page_is_audited_as_a_view_of_the_person(login, world, user):
    login("rovaniemi.coach").get(page_url(world.sirpa))
    event = AuditEvent.objects.for_object(world.sirpa).get(action=AuditAction.VIEW)
    assert event.actor == user("rovaniemi.coach")
    assert event.detail == {"scope": "full", "page": "seasonal"}


def test_the_empty_page_says_why(login, rovaniemi, in_english):
    far = ClientFactory(
        organisation=rovaniemi,
        municipality=Municipality.objects.get(code="091"),
        commuting_radius_km=20,
    )
    html = login("rovaniemi.coach").get(page_url(far)).content.decode()
    assert 'id="no-pairs"' in html
    assert "no open seasonal vacancies within the commuting radius" in html


# The area's page ----------------------------------------------------------------------------


def test_staff_see_the_employer_pairs_with_small_counts_suppressed(login, employers, in_english):
    response = login("kemi.coordinator").get(region_url("SK011"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Talvihotelli Oy" in html and "Kesäkahvila Oy" in html and "Rakennus Kesä Oy" in html
    assert 'class="seasonal-shared"><span class="count-hidden">' in html  # the mark, no number
    assert '<dd class="seasonal-shared">5</dd>' in html


def test_a_job_seeker_is_kept_in_their_own_view(login, employers):
    response = login("demo.seeker").get(region_url("19"))
    assert response.status_code == 302 and response["Location"].endswith("/oma/")


def test_an_unknown_area_is_404(login):
    assert login("rovaniemi.coach").get(region_url("XX")).status_code == 404


def test_anonymous_is_sent_to_log_in_from_the_area_page(client):
    response = client.get(region_url("19"))
    assert response.status_code == 302 and "/login/" in response["Location"]
