"""A company coordinator adds an employer in the browser; the employer pages pass axe.

The server's database is built with `load_demo --force`; this test creates what it needs through
the UI and does not depend on the demo employers' names.
"""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

BUSINESS_ID = "3141593-8"  # a valid Y-tunnus no demo employer uses
NAME = "Selaintestin Matkailu Oy"


def add_employer(page: Page) -> None:
    page.goto("/employers/new/")
    page.fill("#id_business_id", "3141593-7")  # wrong check digit first
    page.fill("#id_name", NAME)
    page.fill("#id_industry", "55.10")
    page.select_option("#id_municipality", "273")
    page.check("#id_peak_months_11")  # December
    page.check("#id_peak_months_0")  # January
    page.click("main form button[type=submit]")
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("a[href='#id_business_id']")).to_contain_text("3141593-7")
    page.fill("#id_business_id", BUSINESS_ID)
    page.click("main form button[type=submit]")
    expect(page.locator("h1")).to_have_text(NAME)


def test_employer_pages_work_and_pass_axe(page, log_in, axe_violations):
    log_in("rovaniemi.company")

    page.goto("/employers/new/")
    violations = axe_violations()
    assert not violations, "form: " + "\n".join(violations)

    add_employer(page)
    expect(page).to_have_url(re.compile(r"/employers/[0-9a-f-]{36}/$"))
    expect(page.locator("#employer-facts")).to_contain_text(
        "55.10 – Majoitus- ja ravitsemistoiminta"
    )
    expect(page.locator("#peak-months")).to_have_text("tammikuu, joulukuu")
    violations = axe_violations()
    assert not violations, "detail: " + "\n".join(violations)

    page.goto("/employers/")
    page.fill("#id_q", "Selaintestin")
    page.click("form[role=search] button[type=submit]")
    expect(page.locator("table tbody tr")).to_have_count(1)
    expect(page.locator("table tbody tr a")).to_have_text(NAME)
    violations = axe_violations()
    assert not violations, "list: " + "\n".join(violations)


def test_form_error_summary_passes_axe(page, log_in, axe_violations):
    log_in("kemi.company")
    page.goto("/employers/new/")
    page.fill("#id_business_id", "0210427-5")
    page.click("main form button[type=submit]")
    expect(page.locator("#error-summary")).to_be_visible()

    violations = axe_violations()

    assert not violations, "\n".join(violations)


def test_import_error_report_passes_axe(page, log_in, axe_violations):
    log_in("kemi.company")
    page.goto("/employers/import/")
    page.set_input_files(
        "#id_file",
        files=[
            {
                "name": "yritykset.csv",
                "mimeType": "text/csv",
                "buffer": b"business_id;name\n0210427-5;Huono Oy\n",
            }
        ],
    )
    page.click("main form button[type=submit]")
    expect(page.locator("#import-error-table th[scope=row]")).to_have_text("2")

    violations = axe_violations()

    assert not violations, "\n".join(violations)
