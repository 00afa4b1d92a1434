"""A company coordinator fills in a competence mapping in a real browser, finishes it and opens
the company's report; every page passes axe-core's WCAG 2.1 AA checks.

The steps find things by ids, names and URLs, not by interface text, which is translated.
"""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

EXCAVATOR_OPERATOR = "http://data.europa.eu/esco/occupation/eedbf8b1-9432-4f42-ab7f-db5cd3eb2a05"
FORKLIFT_LICENCE = "urn:kohtaamo:licence:trukkikortti"
MAPPING_URL = re.compile(r"/mappings/[0-9a-f-]{36}/$")


def open_a_draft(page: Page) -> str:
    """From the employer list to a draft mapping of one employer (started or continued)."""
    page.goto("/employers/")
    page.locator("table.employer-table tbody th a").nth(2).click()
    section = page.locator("section.employer-mappings")
    section.locator("a.button.primary, form button[type=submit]").first.click()
    expect(page).to_have_url(MAPPING_URL)
    expect(page.locator("#mapping-form")).to_be_visible()
    return page.url


def first_empty_row(page: Page, prefix: str) -> int:
    """The first of the two empty rows the form always offers."""
    return int(page.input_value(f"#id_{prefix}-TOTAL_FORMS")) - 2


def test_coordinator_fills_in_a_draft_with_live_suggestions(page, log_in, axe_violations):
    log_in("rovaniemi.company")
    draft_url = open_a_draft(page)

    row = first_empty_row(page, "workforce")
    with page.expect_response(re.compile(r"/occupations/\?")):
        page.locator(f"#id_workforce-{row}-title").press_sequentially("kaivinkoneenkuljettaja")
    expect(page.locator(f"#id_workforce-{row}-occupation")).to_have_value(EXCAVATOR_OPERATOR)
    page.fill(f"#id_workforce-{row}-count", "2")

    with page.expect_response(re.compile(r"/search/\?")):
        page.locator("#id_q_hires").press_sequentially("trukki")
    page.locator(f'#results-hires input[value="{FORKLIFT_LICENCE}"]').check()
    with page.expect_navigation():
        page.click('#results-hires button[name=action][value="add_hires"]')

    expect(page).to_have_url(re.compile(re.escape(draft_url) + r"\?q_hires=trukki#section-needs"))
    expect(
        page.locator(f'#needs-hires input[type=hidden][value="{FORKLIFT_LICENCE}"]')
    ).to_have_count(1)
    expect(page.locator(f"#id_workforce-{row}-occupation")).to_have_value(EXCAVATOR_OPERATOR)
    expect(page.locator(f"#id_workforce-{row}-count")).to_have_value("2")
    assert axe_violations() == []


def test_errors_are_summarised_with_links_to_the_fields(page, log_in, axe_violations):
    log_in("rovaniemi.company")
    open_a_draft(page)

    row = first_empty_row(page, "hires")
    page.fill(f"#id_hires-{row}-count", "3")  # a count without an occupation
    with page.expect_navigation():
        page.click('.form-actions button[name=action][value="save"] >> nth=0')

    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator(f'a[href="#id_hires-{row}-title"]')).to_have_count(1)
    expect(page.locator(f"#id_hires-{row}-count")).to_have_value("3")
    assert axe_violations() == []


def test_finished_mapping_and_its_report(page, log_in, axe_violations):
    log_in("rovaniemi.company")
    draft_url = open_a_draft(page)
    row = first_empty_row(page, "hires")
    page.fill(f"#id_hires-{row}-title", "kaivinkoneenkuljettaja")
    page.fill(f"#id_hires-{row}-count", "3")

    with page.expect_navigation():
        page.click('button[name=action][value="finish"]')

    expect(page).to_have_url(draft_url)
    expect(page.locator("#mapping-form")).to_have_count(0)
    expect(page.locator(".tag-finished")).to_be_visible()
    assert axe_violations() == []

    page.click('a[href$="/report/"]')
    expect(page.locator("article.report h1")).to_be_visible()
    expect(page.locator("article.report")).to_contain_text("3")
    assert axe_violations() == []

    pdf = page.request.get(page.locator('a[href$="/report.pdf"]').first.get_attribute("href"))
    assert pdf.ok
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
