"""A counsellor pastes a Finnish CV on a job seeker's competence mapping page and stores the
suggested competences in exactly two clicks; the page passes axe-core's WCAG 2.1 AA checks.

The steps find things by ids, names and URLs, not by interface text, which is translated.
"""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

FINNISH_CV = (
    "Olen työskennellyt kokkina viisi vuotta. Minulla on hygieniapassi ja anniskelupassi. "
    "Osaan asiakaspalvelun ja kassatyöt. Ajokortti B."
)
EXPECTED = [
    "urn:kohtaamo:licence:hygieniapassi",
    "urn:kohtaamo:licence:anniskelupassi",
    "urn:kohtaamo:licence:ajokortti-b",
    "http://data.europa.eu/esco/skill/15a33d76-4640-438d-ae64-fdc0c1d3eebc",  # customer service
]
COMPETENCES_URL = re.compile(r"/clients/[0-9a-f-]{36}/competences/")


def create_a_job_seeker(page: Page) -> None:
    """Through the form a coordinator uses, then on to the person's competence mapping."""
    page.goto("/clients/new/")
    page.fill("#id_first_name", "Testi")
    page.fill("#id_last_name", "Kokki")
    page.fill("#id_birth_year", "1990")
    with page.expect_navigation():
        page.click("#client-form button[type=submit].primary")
    expect(page).to_have_url(re.compile(r"/clients/[0-9a-f-]{36}/$"))
    page.locator('a[href$="/competences/"]').first.click()
    expect(page).to_have_url(COMPETENCES_URL)


def test_a_pasted_cv_is_confirmed_in_two_clicks(page, log_in, axe_violations):
    log_in("rovaniemi.coordinator")
    create_a_job_seeker(page)
    assert axe_violations() == []

    page.fill("#id_cv-text", FINNISH_CV)
    with page.expect_navigation():
        page.click("#suggest-competences")  # click 1
    suggestions = page.locator("#cv-suggestions")
    expect(suggestions).to_be_visible()
    for uri in EXPECTED:
        expect(suggestions.locator(f'input[name=uri][value="{uri}"]')).to_be_checked()
    assert axe_violations() == []

    with page.expect_navigation():
        page.click("#add-suggestions")  # click 2
    expect(page).to_have_url(re.compile(COMPETENCES_URL.pattern + r"#section-competences$"))
    for uri in EXPECTED:
        expect(page.locator(f'#section-competences a[href*="{uri_fragment(uri)}"]')).to_have_count(
            1
        )
    expect(page.locator("#section-competences .tag-suggested")).to_have_count(0)
    assert axe_violations() == []


def uri_fragment(uri: str) -> str:
    """The part of a concept's URI that its link on the page surely carries."""
    return uri.rsplit("/", 1)[-1].rsplit(":", 1)[-1]
