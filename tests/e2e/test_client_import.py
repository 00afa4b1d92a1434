"""Importing job seekers in a real browser, and erasing one: the pages work and pass axe.

Assertions use ids and row numbers, not texts: the interface is in Finnish.
"""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

HEADER = b"first_name;last_name;birth_year;email;languages\n"
GOOD_ROW = b"Selma;Selaintestinen;1991;selma.selain@example.fi;fi:native|en:B2\n"


def upload(page: Page, content: bytes, *, check_only: bool = False) -> None:
    page.goto("/clients/import/")
    page.set_input_files(
        "#id_file",
        files=[{"name": "hakijat.csv", "mimeType": "text/csv", "buffer": content}],
    )
    if check_only:
        page.check("#id_dry_run")
    page.click("main form button[type=submit]")


def assert_no_axe_violations(axe_violations, where: str) -> None:
    violations = axe_violations()
    assert not violations, f"{where}: " + "\n".join(violations)


def test_import_page_its_reports_and_the_erasure_pass_axe(page, log_in, axe_violations):
    log_in("rovaniemi.admin")
    page.goto("/clients/import/")
    expect(page.locator("#import-columns")).to_be_visible()
    assert_no_axe_violations(axe_violations, "import form")

    upload(page, HEADER + GOOD_ROW + b"Sanni;Selaintestinen;18x5;;\n")
    expect(page.locator("#import-error-table th[scope=row]")).to_have_text("3")
    assert_no_axe_violations(axe_violations, "error report")

    upload(page, HEADER + GOOD_ROW, check_only=True)
    expect(page.locator("#import-result-table tbody tr")).to_have_count(1)
    assert_no_axe_violations(axe_violations, "check-only report")

    upload(page, HEADER + GOOD_ROW)
    expect(page).to_have_url(re.compile(r"/clients/$"))

    upload(page, HEADER + GOOD_ROW)  # again: the row now duplicates the imported client
    existing = page.locator("#import-error-table a")
    expect(existing).to_have_count(1)
    client_url = existing.get_attribute("href")
    assert re.fullmatch(r"/clients/[0-9a-f-]{36}/", client_url)

    page.goto(client_url + "erase/")
    assert_no_axe_violations(axe_violations, "erasure form")
    page.click("main form button[type=submit]")  # without a reason and the confirmation
    expect(page.locator("#error-summary")).to_be_visible()
    assert_no_axe_violations(axe_violations, "erasure form with errors")
    page.check("#id_reason_0")
    page.check("#id_confirm")
    page.click("main form button[type=submit]")
    expect(page.locator("#erasure-report")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Selaintestinen")
    assert_no_axe_violations(axe_violations, "erasure report")
