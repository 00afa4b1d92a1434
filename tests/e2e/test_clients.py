"""A coordinator adds a job seeker in the browser, shares the record with a partner
organisation, and the list, record, form and consents pages pass axe.

The server's database is built with `load_demo --force`; the test creates its own person and
finds it by a name no demo job seeker has.
"""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

LAST_NAME = "Selaintestinen"


def add_client(page: Page, last_name: str = LAST_NAME) -> None:
    page.goto("/clients/new/")
    page.fill("#id_first_name", "Elli")
    page.fill("#id_last_name", last_name)
    page.fill("#id_birth_year", "1900")  # implausible first
    page.select_option("#id_municipality", "240")
    page.select_option("#id_languages-0-code", "fi")
    page.select_option("#id_languages-0-level", "native")
    page.select_option("#id_languages-1-code", "sv")  # no level: the service names the row
    with page.expect_response(re.compile(r"/clients/occupations/")):
        page.locator("#id_occupations-0-title").press_sequentially("lähihoitaja")
    expect(page.locator("#id_occupations-0-occupation option")).not_to_have_count(1)
    page.check("#id_wished_lapland_2")  # Kemi
    page.click("#client-form button[type=submit]")
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("a[href='#id_birth_year']")).to_have_count(1)
    expect(summary.locator("a[href='#id_languages-1-level']")).to_have_count(1)
    page.fill("#id_birth_year", "1994")
    page.select_option("#id_languages-1-level", "B1")
    page.click("#client-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/clients/[0-9a-f-]{36}/$"))


def test_client_pages_work_and_pass_axe(page, log_in, axe_violations):
    log_in("kemi.coordinator")

    page.goto("/clients/new/")
    violations = axe_violations()
    assert not violations, "form: " + "\n".join(violations)

    add_client(page)
    expect(page.locator("h1")).to_have_text(f"Elli {LAST_NAME}")
    expect(page.locator("#birth-year")).to_contain_text("1994")
    expect(page.locator("#client-languages")).to_contain_text("B1")
    violations = axe_violations()
    assert not violations, "detail: " + "\n".join(violations)
    record_url = page.url

    page.goto(record_url + "consents/")
    page.select_option("#id_organisation", label="Lappia")
    page.check("#id_scope_0")  # basic
    page.click("#consent-form button[type=submit]")
    expect(page.locator("#consents tbody tr")).to_have_count(1)
    violations = axe_violations()
    assert not violations, "consents: " + "\n".join(violations)

    page.goto("/clients/?tab=mine")
    page.fill("#id_q", LAST_NAME)
    page.click("form[role=search] button[type=submit]")
    expect(page.locator("#client-table tbody tr")).to_have_count(1)
    expect(page.locator("#client-table tbody tr a")).to_contain_text(LAST_NAME)
    violations = axe_violations()
    assert not violations, "list: " + "\n".join(violations)

    page.goto(record_url + "edit/")
    violations = axe_violations()
    assert not violations, "edit form: " + "\n".join(violations)


def test_the_partner_sees_the_shared_record_in_its_scope(page, log_in, context):
    log_in("kemi.coordinator")
    add_client(page, "Jaettunen")
    record_url = page.url
    page.goto(record_url + "consents/")
    page.select_option("#id_organisation", label="Lappia")
    page.check("#id_scope_0")  # basic
    page.click("#consent-form button[type=submit]")
    context.clear_cookies()

    log_in("lappia.counsellor")
    page.goto(record_url)
    expect(page.locator("h1")).to_have_text("Elli Jaettunen")
    expect(page.locator("#age-group")).to_be_visible()
    expect(page.locator("#client-competences")).to_have_count(0)
    expect(page.locator("#client-note")).to_have_count(0)
    response = page.goto(record_url + "edit/")
    assert response.status == 404
