"""The match pages: a job seeker's vacancies (best and near, with courses for the gaps) and a
vacancy's candidates (only people whose competences the user may see); 404 for outsiders;
every look audited."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.matches.models import StoredMatch
from kohtaamo.matches.services import refresh_vacancy
from tests.clients.factories import ClientFactory
from tests.matches.world import COURSE_DAYS_AHEAD, GUARD_CARD, JEWELLERY_EQUIPMENT, build_world
from tests.vacancies.factories import OPERATE_FORKLIFT, VacancyCompetenceFactory, VacancyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(rovaniemi, kemi):
    return build_world(rovaniemi, kemi)


def matches_url(client) -> str:
    return reverse("www:client_matches", kwargs={"public_id": client.public_id})


def candidates_url(vacancy) -> str:
    return reverse("www:vacancy_candidates", kwargs={"public_id": vacancy.public_id})


def section(html: str, section_id: str) -> str:
    """The HTML of one <section id=...> of the page."""
    start = html.index(f'id="{section_id}"')
    return html[start : html.index("</section>", start)]


def item(html: str, marker: str) -> str:
    """The HTML of the list item that carries `marker` (data-vacancy or data-client)."""
    start = html.index(marker)
    end = html.find('<li class="match-item"', start)
    return html[start : end if end != -1 else None]


def test_anonymous_is_sent_to_the_login(client, world):
    for url in (matches_url(world.helmi), candidates_url(world.fitting)):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_best_matches_show_the_vacancy_with_what_is_met_and_missing(login, world, in_english):
    html = login("rovaniemi.coach").get(matches_url(world.helmi)).content.decode()
    best = section(html, "best-matches")
    assert world.fitting.title in best
    assert reverse("www:vacancy", kwargs={"public_id": world.fitting.public_id}) in best
    fitting = item(best, f'data-vacancy="{world.fitting.public_id}"')
    assert world.fitting.employer.name in fitting
    assert "Rovaniemi" in fitting and "0 km away" in fitting
    stored = StoredMatch.objects.get(client=world.helmi, vacancy=world.fitting, client_best=True)
    assert f"Match {round(stored.score * 100)} %" in fitting
    assert "<meter" in fitting
    assert "2 requirements met" in fitting
    # The broader jewellery skill is met only through the narrower one Helmi holds.
    assert "partly, through the related" in fitting
    assert "evidenced by a certificate" in fitting
    assert "1 other requirement missing" in fitting
    assert "Matches computed" in html


def test_near_match_shows_the_missing_licence_and_the_course_with_its_date(
    login, world, in_english
):
    html = login("rovaniemi.coach").get(matches_url(world.helmi)).content.decode()
    near = section(html, "near-matches")
    guard = item(near, f'data-vacancy="{world.guard.public_id}"')
    assert f'data-uri="{GUARD_CARD}"' in guard
    assert "mandatory" in guard
    assert world.course.title in guard
    assert f"starts {world.course.start_date:%-d.%-m.%Y}" in guard
    assert "5 days" in guard
    assert f"done in {COURSE_DAYS_AHEAD + 5} days" in guard
    # Without the licence the score is nothing; with it, high.
    stored = StoredMatch.objects.get(client=world.helmi, vacancy=world.guard)
    assert f"{round(stored.potential * 100)} % with the missing requirement" in guard


def test_near_match_one_language_away_names_the_language(login, world, in_english):
    html = login("rovaniemi.coach").get(matches_url(world.helmi)).content.decode()
    swedish = item(section(html, "near-matches"), f'data-vacancy="{world.swedish.public_id}"')
    assert "Swedish (B1)" in swedish
    assert "mandatory" in swedish


def test_a_gap_without_a_course_nearby_says_so(login, world, in_english):
    html = login("rovaniemi.coach").get(matches_url(world.helmi)).content.decode()
    fitting = item(section(html, "best-matches"), f'data-vacancy="{world.fitting.public_id}"')
    assert "No course found nearby." in fitting


def test_outsider_gets_404_on_both_pages(login, world):
    kemi = login("kemi.coordinator")
    assert kemi.get(matches_url(world.helmi)).status_code == 404
    analyst = login("ely.analyst")
    assert analyst.get(candidates_url(world.fitting)).status_code == 404


def test_basic_consent_is_not_enough_for_the_matches(login, world):
    response = login("rovaniemi.coach").get(matches_url(world.kemi_basic))
    assert response.status_code == 404
    assert login("rovaniemi.coach").get(matches_url(world.kemi_consented)).status_code == 200


def test_the_matches_page_is_audited_as_a_view_of_the_person(login, world, user):
    login("rovaniemi.coach").get(matches_url(world.helmi))
    event = AuditEvent.objects.for_object(world.helmi).get(action=AuditAction.VIEW)
    assert event.actor == user("rovaniemi.coach")
    assert event.detail == {"scope": "full", "page": "matches"}


def test_candidates_are_only_the_people_the_user_may_see(login, world, in_english):
    html = login("rovaniemi.coach").get(candidates_url(world.fitting)).content.decode()
    best = section(html, "best-candidates")
    assert f'data-client="{world.helmi.public_id}"' in best
    assert reverse("www:client", kwargs={"public_id": world.helmi.public_id}) in best
    assert "Helmi Hiomo" in best
    assert f'data-client="{world.kemi_consented.public_id}"' in best
    for hidden in (world.kemi_hidden, world.kemi_basic):
        assert str(hidden.public_id) not in html
        assert hidden.last_name not in html
    helmi = item(best, f'data-client="{world.helmi.public_id}"')
    assert "requirements: 2 met, 1 missing" in helmi


def test_kemi_sees_its_own_people_and_not_rovaniemis(login, world):
    html = login("kemi.coordinator").get(candidates_url(world.fitting)).content.decode()
    assert str(world.kemi_hidden.public_id) in html
    assert str(world.helmi.public_id) not in html


def test_near_candidates_are_listed_apart(login, world):
    html = login("rovaniemi.coach").get(candidates_url(world.guard)).content.decode()
    near = section(html, "near-candidates")
    assert f'data-client="{world.helmi.public_id}"' in near
    assert str(world.kemi_hidden.public_id) not in html


def test_a_candidate_list_writes_one_audit_row_naming_the_people_shown(login, world, user):
    login("rovaniemi.coach").get(candidates_url(world.fitting))
    [event] = AuditEvent.objects.for_object(world.fitting).filter(action=AuditAction.VIEW)
    assert event.actor == user("rovaniemi.coach")
    assert event.organisation.name.startswith("Rovaniemen")
    assert event.detail["page"] == "candidates"
    shown = set(event.detail["clients"])
    assert {str(world.helmi.public_id), str(world.kemi_consented.public_id)} <= shown
    assert str(world.kemi_hidden.public_id) not in shown
    # No separate row per person.
    assert not AuditEvent.objects.for_object(world.helmi).exists()


def test_without_competences_the_empty_state_says_why(login, rovaniemi, in_english):
    newcomer = ClientFactory(organisation=rovaniemi)
    html = login("rovaniemi.coach").get(matches_url(newcomer)).content.decode()
    assert 'id="no-matches"' in html
    assert 'id="reason-no-competences"' in html
    assert "No near matches." in html


def test_the_page_costs_the_same_number_of_queries_however_many_matches(login, world):
    coach = login("rovaniemi.coach")
    with CaptureQueriesContext(connection) as few:
        coach.get(matches_url(world.helmi))
    for n in range(3):
        more = VacancyFactory(title=f"Koruhiomo {n}")
        VacancyCompetenceFactory(vacancy=more, uri=JEWELLERY_EQUIPMENT)
        VacancyCompetenceFactory(vacancy=more, uri=OPERATE_FORKLIFT)
        refresh_vacancy(more.pk)
    assert StoredMatch.objects.for_client(world.helmi).count() == 4
    with CaptureQueriesContext(connection) as many:
        coach.get(matches_url(world.helmi))
    assert len(many.captured_queries) == len(few.captured_queries) <= 45
