"""Vacancies in a real browser: the list, importing the platform's sample, the live-search form,
a vacancy from a job ad's text; each page passes axe-core's WCAG 2.1 AA rules."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SAMPLE = Path(__file__).parents[1] / "vacancies" / "data" / "testTMTResponse.json"
AD = (
    "Haemme kokenutta maanrakennuskoneenkuljettajaa, työturvallisuuskortti ja B-ajokortti "
    "vaaditaan, ruotsin kielen taito eduksi"
)


def assert_accessible(axe_violations) -> None:
    violations = axe_violations()
    assert not violations, "\n".join(violations)


def test_the_list_shows_the_demo_vacancies_and_passes_axe(page, log_in, axe_violations):
    log_in("rovaniemi.company")
    page.goto("/vacancies/")

    expect(page.locator("#vacancy-list tbody tr").first).to_be_visible()
    page.select_option("#filter-status", "open")
    page.click("form[role=search] button[type=submit]")
    expect(page).to_have_url(re.compile(r"status=open"))
    expect(page.locator("#vacancy-list .status-draft")).to_have_count(0)

    assert_accessible(axe_violations)


def test_the_sample_imports_and_its_vacancy_passes_axe(page, log_in, axe_violations):
    log_in("rovaniemi.company")
    page.goto("/vacancies/import/")
    page.set_input_files("#id_file", str(SAMPLE))
    page.click("#import-form button[type=submit]")

    created = page.locator("#created-vacancies a", has_text="Hoiva-avustaja")
    expect(created).to_be_visible()
    expect(page.locator("#import-warnings")).to_contain_text("AAAABBBB-4")
    assert_accessible(axe_violations)

    created.click()
    expect(page.locator("h1")).to_contain_text("Hoiva-avustaja/Lähihoitaja/Sairaanhoitaja")
    expect(page.locator("#vacancy-occupation")).to_contain_text("sairaanhoitaja")
    expect(page.locator("#essential-competences li")).to_have_count(1)
    assert_accessible(axe_violations)


def test_the_form_finds_competences_as_you_type_and_saves(page, log_in, axe_violations):
    log_in("rovaniemi.company")
    page.goto("/vacancies/new/")
    assert_accessible(axe_violations)

    page.select_option("#id_employer", index=1)
    page.fill("#id_title", "Trukinkuljettaja")
    page.locator("#id_competence_q").press_sequentially("trukki")
    licence = page.locator("#competence-results label", has_text="Trukkikortti")
    expect(licence).to_be_visible()
    licence.click()
    assert_accessible(axe_violations)

    page.click("#save-vacancy")

    expect(page.locator("h1")).to_contain_text("Trukinkuljettaja")
    expect(page.locator("#essential-competences")).to_contain_text("Trukkikortti")


def test_a_job_ad_text_fills_in_the_form(page, log_in, axe_violations):
    log_in("rovaniemi.company")
    page.goto("/vacancies/from-text/")
    page.fill("#id_text", AD)
    page.click("#text-form button[type=submit]")

    expect(page.locator("label[for=occupation-current]")).to_have_text(
        "kaivinkoneenkuljettaja", timeout=60_000
    )
    rows = page.locator("#competence-rows tbody tr")
    expect(rows.filter(has_text="Työturvallisuuskortti").locator("select").first).to_have_value(
        "mandatory"
    )
    expect(page.locator("#language-1")).to_have_value("sv")
    assert_accessible(axe_violations)

    page.set_viewport_size({"width": 360, "height": 740})  # a coordinator's phone
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the form is {overflow}px wider than the screen"
