"""Every page: anonymous -> login, member -> 200, in Finnish by default."""

import pytest
from django.urls import reverse

from kohtaamo.taxonomy.models import concept_url

pytestmark = pytest.mark.django_db

OPERATE_FORKLIFT = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"
BUILDING_CLEANER = "http://data.europa.eu/esco/occupation/303a1e34-cb16-4054-b323-81e5eec17397"


def test_login_page_is_public_and_finnish(client):
    response = client.get(reverse("www:login"))
    assert response.status_code == 200
    assert '<html lang="fi">' in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [reverse("www:home"), reverse("www:taxonomy"), concept_url(OPERATE_FORKLIFT)],
)
def test_pages_need_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("www:login"))


def test_login_with_a_demo_user_lands_on_the_front_page(client, demo_password):
    response = client.post(
        reverse("www:login"), {"username": "ely.analyst", "password": demo_password}, follow=True
    )
    assert response.resolver_match.url_name == "home"
    assert response.context["current_organisation"].name == "Lapin ELY-keskus"


def test_wrong_password_is_refused(client):
    response = client.post(reverse("www:login"), {"username": "ely.analyst", "password": "wrong"})
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated


def test_finnish_is_the_default_whatever_the_browser_asks(client):
    response = client.get(reverse("www:login"), headers={"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="fi">' in response.content.decode()


def test_language_switch_to_swedish(login):
    client = login("redu.counsellor")
    client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    assert '<html lang="sv">' in client.get(reverse("www:home")).content.decode()


def test_browser_search_lists_results_with_links(login):
    response = login("redu.counsellor").get(reverse("www:taxonomy"), {"q": "trukki"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "käyttää haarukkatrukkia" in body
    assert concept_url("urn:kohtaamo:licence:trukkikortti").replace("&", "&amp;") in body


def test_htmx_request_gets_only_the_results(login):
    response = login("redu.counsellor").get(
        reverse("www:taxonomy"), {"q": "trukki"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert "käyttää haarukkatrukkia" in body
    assert "<html" not in body


def test_skill_page_shows_hierarchy_occupations_and_licences(login):
    response = login("redu.counsellor").get(concept_url(OPERATE_FORKLIFT))
    page = response.context["page"]
    assert page.title == "käyttää haarukkatrukkia"
    assert page.broader
    assert page.essential
    assert "Trukkikortti" in [licence.name for licence in page.licences]


def test_occupation_page_lists_essential_and_optional_skills(login):
    response = login("redu.counsellor").get(concept_url(BUILDING_CLEANER))
    page = response.context["page"]
    assert page.title == "laitossiivooja"
    assert page.essential and page.optional
    assert all(skill.kind == "skill" for skill in page.essential)


def test_licence_page_shows_course_length_and_skills(login):
    response = login("redu.counsellor").get(concept_url("urn:kohtaamo:licence:trukkikortti"))
    assert response.status_code == 200
    assert response.context["page"].related


def test_unknown_concept_is_404(login):
    response = login("redu.counsellor").get(concept_url("http://data.europa.eu/esco/skill/nope"))
    assert response.status_code == 404


def test_list_page_query_count_does_not_grow_with_results(login, django_assert_max_num_queries):
    client = login("redu.counsellor")
    with django_assert_max_num_queries(12):
        client.get(reverse("www:taxonomy"), {"q": "asiakaspalvelu"})


def test_unit_page_shows_requirements_and_its_qualification(login):
    from kohtaamo.qualifications.models import QualificationUnit

    unit = QualificationUnit.objects.get(name_fi="Maarakennuskoneiden käyttö")
    response = login("lappia.counsellor").get(concept_url(unit.uri))
    body = response.content.decode()
    assert response.status_code == 200
    assert unit.skill_requirements[0]["fi"] in body
    assert "Infra-alan perustutkinto" in body


def test_qualification_page_lists_its_units(login):
    from kohtaamo.qualifications.models import Qualification

    qualification = Qualification.objects.get(name_fi="Infra-alan perustutkinto")
    response = login("lappia.counsellor").get(concept_url(qualification.uri))
    assert "Maarakennuskoneiden käyttö" in response.content.decode()
