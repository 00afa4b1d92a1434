"""Training that unlocks matches, in the product: the services, the job seeker's page (404 for
outsiders, audited) and the area page (staff only, no count of 1-4 people)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.clients.models import Client
from kohtaamo.demo.clients import TODAY
from kohtaamo.matches import training
from kohtaamo.matches.models import AreaCourseImpact, AreaGapImpact
from kohtaamo.taxonomy.search import display_labels
from kohtaamo.training.models import TrainingOffer
from tests.matches.world import GUARD_CARD, build_world

pytestmark = pytest.mark.django_db

HYGIENE_PASSPORT = "urn:kohtaamo:licence:hygieniapassi"


@pytest.fixture
def world(rovaniemi, kemi):
    return build_world(rovaniemi, kemi)


def training_url(client) -> str:
    return reverse("www:client_training", kwargs={"public_id": client.public_id})


def region_url(code: str) -> str:
    return reverse("www:region_training", kwargs={"code": code})


# Services ------------------------------------------------------------------------------------


def test_the_guard_course_unlocks_the_guard_vacancy(world):
    courses = training.client_training(world.helmi)
    [course] = [c for c in courses if c.offer == world.course]
    assert world.guard in course.vacancies
    assert world.fitting not in course.vacancies  # suitable already
    assert [uri for uri, _label in course.closes] == [GUARD_CARD]
    assert course.unlocks == len(course.vacancies)


def test_a_hygiene_passport_course_opens_the_cook_job_for_marjatta():
    marjatta = Client.objects.get(first_name="Marjatta", last_name="Tolonen")
    courses = training.client_training(marjatta)
    hygiene = [c for c in courses if HYGIENE_PASSPORT in dict(c.closes)]
    assert hygiene, [c.offer.title for c in courses]
    assert any(v.title == "Kokki" for v in hygiene[0].vacancies)
    assert all(c.offer.remote or c.offer.municipality.code == "698" for c in hygiene)


def test_courses_are_ranked_by_vacancies_opened_then_days_to_close():
    marjatta = Client.objects.get(first_name="Marjatta", last_name="Tolonen")
    keys = [(-c.unlocks, c.days_to_close) for c in training.client_training(marjatta)]
    assert keys == sorted(keys)


@pytest.mark.parametrize(
    ("code", "key"), [("19", "MK19"), ("MK19", "MK19"), ("191", "SK191"), ("sk191", "SK191")]
)
def test_areas_are_found_by_their_codes(code, key):
    assert training.resolve_area(code).key == key


@pytest.mark.parametrize("code", ["99", "MK99", "999", "x", ""])
def test_an_unknown_area_is_an_error(code):
    with pytest.raises(training.UnknownArea):
        training.resolve_area(code)


def test_lapland_lists_hygiene_passport_courses_among_those_opening_most_matches():
    impact = training.area_impact(training.resolve_area("19"), limit=10)
    assert impact.computed_at is not None
    assert any("Hygieniapassi" in c.offer.title_fi for c in impact.courses)
    shown = [c.matches for c in impact.courses if not c.suppressed]
    assert shown == sorted(shown, reverse=True)
    assert any(g.uri == HYGIENE_PASSPORT for g in impact.gaps)


def test_no_stored_count_is_from_one_to_four():
    assert AreaCourseImpact.objects.exists() and AreaGapImpact.objects.exists()
    for people, matches, suppressed in AreaCourseImpact.objects.values_list(
        "people", "matches", "suppressed"
    ):
        assert (people, matches) == (None, None) if suppressed else people >= 5
    for people, suppressed in AreaGapImpact.objects.values_list("people", "suppressed"):
        assert people is None if suppressed else people >= 5


def test_a_region_minus_its_shown_sub_regions_reveals_no_small_number():
    region = dict(AreaCourseImpact.objects.filter(area="MK19").values_list("offer", "people"))
    shown: dict[int, int] = {}
    for offer, people in AreaCourseImpact.objects.filter(
        area__startswith="SK19", suppressed=False
    ).values_list("offer", "people"):
        shown[offer] = shown.get(offer, 0) + people
    for offer, total in region.items():
        if total is not None:
            assert not 0 < total - shown.get(offer, 0) < 5, offer


# The job seeker's page -----------------------------------------------------------------------


def test_anonymous_is_sent_to_the_login(client, world):
    for url in (training_url(world.helmi), region_url("19")):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_an_outsider_gets_404(login, world):
    assert login("kemi.coordinator").get(training_url(world.helmi)).status_code == 404


def test_a_basic_consent_is_not_enough(login, world):
    assert login("rovaniemi.coach").get(training_url(world.kemi_basic)).status_code == 404


def test_the_page_shows_the_course_and_the_vacancy_it_opens(login, world, in_english):
    response = login("rovaniemi.coach").get(training_url(world.helmi))
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index(f'data-offer="{world.course.public_id}"')
    course = html[start : html.find('<li class="training-course"', start)]
    assert world.course.title in course and world.course.provider_name in course
    assert "Rovaniemi" in course and "5 days of study" in course
    assert world.guard.title in course and world.guard.employer.name in course
    assert display_labels([GUARD_CARD], None)[GUARD_CARD] in course
    assert world.fitting.title not in course


def test_the_page_is_audited(login, world):
    login("rovaniemi.coach").get(training_url(world.helmi))
    event = AuditEvent.objects.for_object(world.helmi).get(action=AuditAction.VIEW)
    assert event.detail == {"scope": "full", "page": "training"}


def test_a_person_without_courses_gets_an_explanation(login, world, in_english):
    Client.objects.filter(pk=world.helmi.pk).update(status="inactive")  # not matched
    html = login("rovaniemi.coach").get(training_url(world.helmi)).content.decode()
    assert 'id="no-training"' in html


# The area page -------------------------------------------------------------------------------


def test_staff_see_lapland_s_courses_and_gaps(login, in_english):
    response = login("rovaniemi.coach").get(region_url("19"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lappi" in html or "Lapland" in html
    impact = training.area_impact(training.resolve_area("19"), limit=25)
    hygiene = [c.offer for c in impact.courses if "Hygieniapassi" in c.offer.title_fi]
    assert hygiene and escape(hygiene[0].title) in html
    assert 'id="region-gaps"' in html
    assert reverse("www:region_employer_pairs", kwargs={"code": "19"}) in html


def test_a_job_seeker_s_own_login_does_not_see_it(login):
    assert login("demo.seeker").get(region_url("19")).status_code in (302, 404)


def test_an_unknown_area_gets_404(login):
    assert login("rovaniemi.coach").get(region_url("99")).status_code == 404


def test_a_hidden_count_is_marked_as_not_shown(login, in_english):
    AreaCourseImpact.objects.filter(area="SK197").delete()
    offer = TrainingOffer.objects.filter(remote=True).first()
    AreaCourseImpact.objects.create(area="SK197", offer=offer, suppressed=True)
    html = login("rovaniemi.coach").get(region_url("197")).content.decode()
    row = html[html.index(f'data-offer="{offer.public_id}"') :]
    row = row[: row.index("</tr>")]
    # Not "fewer than 5": a count may be hidden only to protect a small one beside it.
    assert 'class="count-hidden"' in row and "not shown" in row and "fewer than" not in row


def test_the_area_page_reads_a_few_rows(login):
    client = login("rovaniemi.coach")
    client.get(region_url("19"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(region_url("19")).status_code == 200
    assert len(queries) <= 12


def test_the_home_page_links_to_the_organisation_s_region(login, in_english):
    html = login("rovaniemi.coach").get(reverse("www:home")).content.decode()
    assert region_url("19") in html


def test_lapland_page_lists_the_courses_that_open_most_matches_one_row_per_course(login):
    """Issue 6 must-show: the region page for the training planners, on the demo data."""
    training.store_area_impact(TODAY)
    impact = training.area_impact(training.resolve_area("19"), limit=200)
    rows = training.group_sessions(impact.courses, 10)
    keys = [(r.impact.offer.title, r.impact.offer.municipality_id) for r in rows]
    assert len(keys) == len(set(keys))  # sessions of a course are one row
    shown = [r.impact.matches for r in rows if not r.impact.suppressed]
    assert shown == sorted(shown, reverse=True) and shown[0] >= 5
    hygiene = next(r for r in rows if r.impact.offer.title.startswith("Hygieniapassi"))
    assert len(hygiene.sessions) > 1
    starts = [s.start_date for s in hygiene.sessions]
    assert starts == sorted(starts)
    page = login("rovaniemi.coach").get(region_url("19"))
    html = page.content.decode()
    assert page.status_code == 200
    assert escape(rows[0].impact.offer.title) in html
    assert html.count(escape(hygiene.impact.offer.title)) >= 1
    assert hygiene.sessions[1].start_date.strftime("%-d.%-m.%Y") in html
