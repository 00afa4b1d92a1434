"""Training that opens jobs, in a real browser: a job seeker's courses and Lapland's courses
for training planners; both pages pass axe-core's WCAG 2.1 AA rules."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def assert_accessible(axe_violations) -> None:
    violations = axe_violations()
    assert not violations, "\n".join(violations)


def test_marjatta_s_courses_include_a_hygiene_passport_and_pass_axe(page, log_in, axe_violations):
    log_in("rovaniemi.coach")
    page.goto("/clients/?tab=team&q=Tolonen")
    page.locator("#client-table tbody tr a", has_text="Marjatta").first.click()
    page.click("#client-training-link")

    courses = page.locator("#training-courses > li")
    expect(courses.first).to_be_visible()
    expect(page.locator("#training-courses")).to_contain_text("Hygieniapassi")
    expect(page.locator("#training-courses")).to_contain_text("Kokki")
    assert_accessible(axe_violations)


def test_lapland_s_courses_and_gaps_pass_axe(page, log_in, axe_violations):
    log_in("rovaniemi.coach")
    page.goto("/")
    page.click("#home-region-training a")

    expect(page.locator("#region-courses tbody tr").first).to_be_visible()
    expect(page.locator("#region-courses")).to_contain_text("Hygieniapassi")
    expect(page.locator("#region-gaps tbody tr").first).to_be_visible()
    assert_accessible(axe_violations)
