"""Seasonal pairs in a real browser: a job seeker's two seasons that make a year, and the
employers of Lapland who could share a worker; both pages pass axe-core's WCAG 2.1 AA rules."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Sofia Autio, a demo job seeker in Rovaniemi: room attendant in a hotel for the winter season
# and for a cleaning company in the summer (demo public ids are stable).
SOFIA = "/clients/6952dcba-633e-5d7b-9711-2a504af71b13/"


def assert_accessible(axe_violations) -> None:
    violations = axe_violations()
    assert not violations, "\n".join(violations)


def test_the_job_seekers_pairs_show_the_months_and_pass_axe(page, log_in, axe_violations):
    log_in("rovaniemi.coach")
    page.goto(SOFIA)
    page.click("#client-seasonal-link")

    best = page.locator("#seasonal-pairs .seasonal-pair").first
    expect(best).to_be_visible()
    expect(best.locator(".seasonal-strip li")).to_have_count(12)
    expect(best.locator(".seasonal-job h4 a")).to_have_count(2)
    expect(best.locator(".seasonal-gap-months")).not_to_be_empty()
    assert_accessible(axe_violations)

    best.locator(".seasonal-job h4 a").first.click()
    expect(page).to_have_url(re.compile(r"/vacancies/[0-9a-f-]+/$"))


def test_the_employer_pairs_of_lapland_pass_axe(page, log_in, axe_violations):
    log_in("rovaniemi.company")
    page.goto("/regions/MK19/shared-workers/")

    expect(page.locator("#employer-pairs .seasonal-pair").first).to_be_visible()
    expect(page.locator("#employer-pairs .seasonal-shared").first).not_to_be_empty()
    assert_accessible(axe_violations)
