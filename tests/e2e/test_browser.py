"""What a user does in a real browser: log in, change the language, search the vocabulary.

Headless Debian Chromium (never a downloaded one) talks over real HTTP to a Kohtaamo server that
`tests/e2e/conftest.py` starts in a subprocess, with production settings, on a database of its own
built by the import commands: not pytest-django's `live_server`, whose transactional flush would
wipe the session's imported reference data for every later test. The conftest says more.
"""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

FORKLIFT_SKILL = "käyttää haarukkatrukkia"
FORKLIFT_LICENCE = "Trukkikortti"


def switch_language(page: Page, code: str) -> None:
    page.select_option("#language-select", code)
    with page.expect_navigation():
        page.click("#language-form button[type=submit]")


def test_coordinator_logs_in_to_the_finnish_front_page(page, server_url, log_in):
    log_in("rovaniemi.coordinator")

    expect(page).to_have_url(f"{server_url}/")
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page.locator("nav a[aria-current=page]")).to_have_text("Etusivu")


def test_language_switches_to_swedish_and_back_to_finnish(page, server_url, log_in):
    log_in("rovaniemi.coordinator")

    switch_language(page, "sv")
    expect(page).to_have_url(f"{server_url}/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator("nav a[aria-current=page]")).to_have_text("Startsida")
    expect(page.locator("#language-select")).to_have_value("sv")

    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "sv")

    switch_language(page, "fi")
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page.locator("nav a[aria-current=page]")).to_have_text("Etusivu")


def test_anonymous_visitor_of_the_taxonomy_is_sent_to_the_login_page(page, server_url):
    page.goto("/taxonomy/")

    expect(page).to_have_url(f"{server_url}/login/?next=/taxonomy/")
    expect(page.locator("#id_username")).to_be_visible()
    expect(page.locator("#id_password")).to_be_visible()


def test_trukki_finds_the_forklift_skill_and_licence_in_the_top_3(page, log_in, search):
    log_in("rovaniemi.coordinator")
    page.goto("/taxonomy/")

    top3 = search("trukki")[:3]

    assert FORKLIFT_SKILL in top3
    assert FORKLIFT_LICENCE in top3


def test_live_search_updates_the_address_bar(page, server_url, log_in, search):
    log_in("rovaniemi.coordinator")
    page.goto("/taxonomy/")

    search("trukki")

    expect(page).to_have_url(re.compile(r"/taxonomy/\?q=trukki"))


def test_a_search_result_leads_to_its_concept_page(page, log_in, search):
    log_in("rovaniemi.coordinator")
    page.goto("/taxonomy/")
    search("trukki")

    page.locator("#results ol.results li a", has_text=FORKLIFT_SKILL).first.click()

    expect(page).to_have_url(re.compile(r"/taxonomy/concept/\?uri="))
    expect(page.locator("h1")).to_contain_text(FORKLIFT_SKILL)
    expect(page.locator("dd[lang=fi]")).to_have_text(FORKLIFT_SKILL)


def test_inflected_hygieniapassin_finds_the_hygiene_passport_first(page, log_in, search):
    log_in("rovaniemi.coordinator")
    page.goto("/taxonomy/")

    assert search("hygieniapassin")[0] == "Hygieniapassi"


def test_siivooja_finds_a_cleaning_occupation_in_the_top_3(page, log_in, search):
    log_in("rovaniemi.coordinator")
    page.goto("/taxonomy/")

    top3 = search("siivooja")[:3]

    assert any("siivooja" in label.lower() for label in top3), top3


# Accessibility: axe-core's WCAG 2.1 A and AA rules on each kind of page.


def test_login_page_has_no_wcag_aa_violations(page, axe_violations):
    page.goto("/login/")

    violations = axe_violations()

    assert not violations, "\n".join(violations)


def test_front_page_has_no_wcag_aa_violations(page, log_in, axe_violations):
    log_in("rovaniemi.coordinator")

    violations = axe_violations()

    assert not violations, "\n".join(violations)


def test_taxonomy_browser_with_results_has_no_wcag_aa_violations(
    page, log_in, search, axe_violations
):
    log_in("rovaniemi.coordinator")
    page.goto("/taxonomy/")
    search("trukki")

    violations = axe_violations()

    assert not violations, "\n".join(violations)


def test_concept_page_has_no_wcag_aa_violations(page, log_in, search, axe_violations):
    log_in("rovaniemi.coordinator")
    page.goto("/taxonomy/")
    search("trukki")
    page.locator("#results ol.results li a", has_text=FORKLIFT_SKILL).first.click()
    expect(page.locator("h1")).to_contain_text(FORKLIFT_SKILL)

    violations = axe_violations()

    assert not violations, "\n".join(violations)


def test_organisation_page_with_member_forms_has_no_wcag_aa_violations(
    page, log_in, axe_violations
):
    log_in("rovaniemi.admin")
    page.click("nav >> text=Organisaatio")
    expect(page.locator("h1")).to_have_text("Rovaniemen kaupungin työllisyyspalvelut")
    expect(page.locator("table form").first).to_be_visible()

    violations = axe_violations()

    assert not violations, "\n".join(violations)


def test_qualification_page_in_swedish_has_no_wcag_aa_violations(
    page, log_in, search, axe_violations
):
    log_in("lappia.counsellor")
    switch_language(page, "sv")
    page.goto("/taxonomy/")
    search("infra")
    page.locator("#results ol.results li a", has_text="infrabranschen").first.click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator("table")).to_be_visible()

    violations = axe_violations()

    assert not violations, "\n".join(violations)


def test_pages_fit_a_phone_screen(page, log_in, search):
    """Coordinators use phones on company visits: no sideways scrolling at 360 px."""
    page.set_viewport_size({"width": 360, "height": 740})
    log_in("rovaniemi.coordinator")
    page.goto("/taxonomy/")
    search("trukki")

    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")

    assert overflow <= 0, f"the page is {overflow}px wider than the screen"


def test_text_to_competences_page_highlights_and_passes_axe(page, log_in, axe_violations):
    log_in("kemi.coordinator")
    page.goto("/competences/extract/")
    page.fill(
        "#id_text",
        "Haemme kokenutta maanrakennuskoneenkuljettajaa, työturvallisuuskortti ja B-ajokortti "
        "vaaditaan, ruotsin kielen taito eduksi.",
    )
    page.click("main form button[type=submit]")

    expect(page.locator("#extraction mark").first).to_be_visible(timeout=60_000)
    expect(page.locator("#extraction mark", has_text="B-ajokortti")).to_have_count(1)
    expect(page.locator("#extraction fieldset")).to_have_count(2)  # required, merit

    violations = axe_violations()

    assert not violations, "\n".join(violations)


def test_english_ad_lists_skills_by_meaning_apart_and_passes_axe(page, log_in, axe_violations):
    log_in("kemi.coordinator")
    page.goto("/competences/extract/")
    page.fill(
        "#id_text",
        "We are looking for a warehouse worker. You will move pallets with a lift truck. "
        "Knowledge of Swedish is a plus.",
    )
    page.click("main form button[type=submit]")

    meaning = page.locator("#extraction fieldset").last
    expect(meaning.locator("legend")).to_have_text(
        "Muita taitoja, joita lauseet voivat ilmaista toisin sanoin", timeout=60_000
    )
    expect(meaning.locator("input[type=checkbox]:checked")).to_have_count(0)
    expect(page.locator("#extraction mark", has_text="warehouse worker")).to_have_count(1)

    violations = axe_violations()

    assert not violations, "\n".join(violations)
