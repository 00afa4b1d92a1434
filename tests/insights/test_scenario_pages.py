"""The situation room pages: who sees what, the result as tables, the form and the briefing."""

import re

import pytest

from kohtaamo.demo.scenarios import CLOSURE_KEY, INVESTMENT_KEY, WAREHOUSE, scenario_id
from kohtaamo.geo.models import Municipality
from kohtaamo.insights.models import Scenario
from kohtaamo.organisations.models import Organisation
from kohtaamo.taxonomy.models import Concept

pytestmark = pytest.mark.django_db

CLOSURE = scenario_id(CLOSURE_KEY)
INVESTMENT = scenario_id(INVESTMENT_KEY)


def page(public_id, suffix=""):
    return f"/scenarios/{public_id}/{suffix}"


def test_anonymous_is_sent_to_log_in(client):
    for url in ("/scenarios/", page(CLOSURE), page(CLOSURE, "briefing.pdf")):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_a_job_seeker_is_kept_in_their_own_view(login):
    """The site's middleware keeps a job seeker's login in /oma/; the views themselves answer
    404 to anyone without an active membership."""
    client = login("demo.seeker")
    for url in ("/scenarios/", "/scenarios/new/", page(CLOSURE), page(CLOSURE, "edit/")):
        response = client.get(url)
        assert response.status_code in (302, 404)
        assert response.status_code == 404 or response["Location"].endswith("/oma/")


def test_an_outsider_gets_404(login):
    client = login("kolari.coordinator")
    for url in (page(CLOSURE), page(CLOSURE, "edit/"), page(CLOSURE, "briefing.pdf")):
        assert client.get(url).status_code == 404
    assert str(CLOSURE) not in client.get("/scenarios/").content.decode()


def test_the_list_shows_own_and_shared_scenarios(login, in_english):
    html = login("rovaniemi.coach").get("/scenarios/").content.decode()
    assert "Kemin sellutehtaan sulkeminen" in html
    assert "Biotuotetehdas Kemiin" in html
    assert "shared with you" in html


def test_the_closure_page_shows_the_estimate_and_training_needs(login, in_english):
    response = login("kemi.coordinator").get(page(CLOSURE))
    html = response.content.decode()
    assert response.status_code == 200
    result = Scenario.objects.get(public_id=CLOSURE).result
    assert 'id="reemployment-table"' in html
    last = result["reemployed_estimate"][-1]
    assert f"About {last} of the 150 workers re-employed within 12 months" in html
    assert 'role="img"' in html and "<figcaption" in html
    chart = html[html.index('id="scenario-reemployment"') :]
    chart = chart[: chart.index("</svg>")]
    assert chart.count("<rect") == len(result["reemployed_estimate"])  # a column a month
    assert 'id="scenario-gaps"' in html
    assert "warehouse worker" in html
    assert 'id="scenario-edit-link"' in html


def test_the_investment_page_shows_the_supply_gap(login, in_english):
    html = login("ely.analyst").get(page(INVESTMENT)).content.decode()
    result = Scenario.objects.get(public_id=INVESTMENT).result
    assert 'id="supply-table"' in html
    assert f"about {result['remaining_estimate']} cannot be found" in html
    assert 'id="scenario-edit-link"' not in html  # shared: read only


def test_a_shared_organisation_reads_but_cannot_edit(login):
    client = login("rovaniemi.coordinator")
    assert client.get(page(CLOSURE)).status_code == 200
    assert client.get(page(CLOSURE, "edit/")).status_code == 404
    assert client.post(page(CLOSURE, "edit/"), {"recompute": "1"}).status_code == 404


def test_the_briefing_is_a_pdf(login):
    response = login("ely.analyst").get(page(CLOSURE, "briefing.pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def form_data(**fields):
    return {
        "title": "Satama-alueen lomautukset",
        "kind": "closure",
        "employer_name": "Satamaoperaattori Oy",
        "municipality": Municipality.objects.get(code="240").pk,
        "date": "2027-04-01",
        "description": "",
        "occupation_1": Concept.objects.get(uri=WAREHOUSE).pk,
        "count_1": "25",
    } | fields


def test_a_member_adds_a_scenario_and_sees_its_result(login):
    ely = Organisation.objects.get(name="Lapin ELY-keskus")
    response = login("kemi.company").post("/scenarios/new/", form_data(shared_with=[ely.pk]))
    assert response.status_code == 302
    scenario = Scenario.objects.get(title="Satama-alueen lomautukset")
    assert response["Location"] == scenario.get_absolute_url()
    assert scenario.organisation.name == "Kemin kaupunki"
    assert scenario.workers == 25 and scenario.result["workers"] == 25
    assert list(scenario.shared_with.all()) == [ely]


def test_the_form_names_what_is_missing(login, in_english):
    response = login("kemi.company").post("/scenarios/new/", form_data(title="", count_1=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in html
    assert 'href="#id_title"' in html and 'href="#id_count_1"' in html


def test_the_owner_edits_and_recomputes(login):
    client = login("kemi.coordinator")
    assert client.get(page(CLOSURE, "edit/")).status_code == 200
    data = form_data(title="Kemin sellutehtaan sulkeminen", count_1="60")
    assert client.post(page(CLOSURE, "edit/"), data).status_code == 302
    scenario = Scenario.objects.get(public_id=CLOSURE)
    assert scenario.workers == 60 and scenario.result["workers"] == 60
    before = scenario.computed_at
    assert client.post(page(CLOSURE, "edit/"), {"recompute": "1"}).status_code == 302
    scenario.refresh_from_db()
    assert scenario.computed_at > before


def test_the_chart_numbers_are_not_localised(login):
    """Finnish writes 12,5: SVG coordinates must stay 12.5 in every language."""
    html = login("kemi.coordinator").get(page(CLOSURE)).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    values = re.findall(r' (?:x|y|width|height|x1|x2|y1|y2)="([^"]*)"', svg)
    assert values
    for value in values:
        float(value)


def test_the_list_needs_a_fixed_number_of_queries(login, django_assert_max_num_queries, kemi):
    client = login("kemi.coordinator")
    client.get("/scenarios/")  # the session and the organisation are loaded once
    with django_assert_max_num_queries(10):
        assert client.get("/scenarios/").status_code == 200
