"""The match pages in a real browser, on the demo data: a job seeker's matching vacancies with
a near match one licence away (and the course that gives it), then that vacancy's candidates;
both pages pass axe-core's WCAG 2.1 AA rules, with the folded lists open too."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

# A demo job seeker in Rovaniemi whom a hygiene passport separates from a cook's job.
SEEKER = ("Marjatta", "Tolonen")


def assert_accessible(axe_violations, where: str) -> None:
    violations = axe_violations()
    assert not violations, f"{where}: " + "\n".join(violations)


def open_every_details(page: Page) -> None:
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")


def test_matches_and_candidates_pages_work_and_pass_axe(page, log_in, axe_violations):
    log_in("rovaniemi.coach")
    first, last = SEEKER
    page.goto(f"/clients/?tab=team&q={last}")
    page.get_by_role("link", name=f"{last}, {first}").click()
    page.click("#client-matches-link")

    expect(page).to_have_url(re.compile(r"/clients/[0-9a-f-]{36}/matches/$"))
    expect(page.locator("h1")).to_contain_text(f"{first} {last}")
    expect(page.locator("#best-matches .match-item").first).to_be_visible()
    near = page.locator("#near-matches .match-item").filter(has_text="Kokki")
    expect(near).to_have_count(1)
    expect(near.locator(".match-blocking")).to_contain_text("Hygieniapassi")
    expect(near.locator(".match-routes").first).to_contain_text("Rovaniemi")
    assert_accessible(axe_violations, "client matches")
    open_every_details(page)
    assert_accessible(axe_violations, "client matches, lists open")

    near.get_by_role("link", name="Kokki", exact=True).click()
    page.click("#vacancy-candidates-link")
    expect(page).to_have_url(re.compile(r"/vacancies/[0-9a-f-]{36}/candidates/$"))
    expect(page.locator("#best-candidates .match-item").first).to_be_visible()
    expect(
        page.locator("#near-candidates .match-item").filter(has_text=f"{first} {last}")
    ).to_have_count(1)
    assert_accessible(axe_violations, "candidates")
    open_every_details(page)
    assert_accessible(axe_violations, "candidates, lists open")
