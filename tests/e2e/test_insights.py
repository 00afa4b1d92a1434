"""Regional insight in a real browser: the situation picture of Lapland, a sub-region and a
municipality with their charts and tables, the bottlenecks, the situation room's demo scenarios
and the monitoring — as the ELY centre's analyst sees them. Every page passes axe-core's WCAG
2.1 AA rules, and no number of 1-4 appears in the pages' tables."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SMALL_COUNT = re.compile(r"^[1-4]$")


def assert_accessible(axe_violations) -> None:
    violations = axe_violations()
    assert not violations, "\n".join(violations)


def assert_no_small_counts(page) -> None:
    cells = page.locator("main td").all_inner_texts()
    assert cells
    small = [c for c in cells if SMALL_COUNT.match(c.strip().replace("\xa0", ""))]
    assert not small, small[:10]


def test_the_analyst_reads_the_situation_picture_of_lapland(page, log_in, axe_violations):
    log_in("ely.analyst")
    page.goto("/insight/")
    assert_accessible(axe_violations)
    page.click("#insight-region-19 a[href='/regions/MK19/situation/']")
    expect(page.locator("main figure svg[role='img']").first).to_be_visible()
    assert page.locator("main figure").count() >= 4  # series, tension, seasons, Beveridge
    assert_no_small_counts(page)
    assert_accessible(axe_violations)

    for code in ("SK191", "KU240", "KU742"):  # Rovaniemi sub-region, Kemi, Savukoski
        page.goto(f"/regions/{code}/situation/")
        expect(page.locator("main figure svg[role='img']").first).to_be_visible()
        assert_no_small_counts(page)
        assert_accessible(axe_violations)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/regions/MK19/situation/")
    assert_accessible(axe_violations)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_analyst_reads_the_bottlenecks_and_the_monitoring(page, log_in, axe_violations):
    log_in("ely.analyst")
    page.goto("/regions/MK19/bottlenecks/")
    expect(page.locator("main h1")).to_be_visible()
    assert_no_small_counts(page)
    assert_accessible(axe_violations)
    page.goto("/monitoring/")
    expect(page.locator("main h1")).to_be_visible()
    assert_accessible(axe_violations)


def test_the_situation_room_shows_the_kemi_scenarios(page, log_in, axe_violations):
    log_in("kemi.coordinator")
    page.goto("/scenarios/")
    links = page.locator("main th[scope='row'] a[href^='/scenarios/']")
    expect(links).to_have_count(2)  # the demo's closure and investment in Kemi
    assert_accessible(axe_violations)
    for n in range(2):
        page.goto("/scenarios/")
        page.locator("main th[scope='row'] a[href^='/scenarios/']").nth(n).click()
        expect(page.locator("main h1")).to_be_visible()
        assert_accessible(axe_violations)
    page.goto("/scenarios/new/")
    assert_accessible(axe_violations)
