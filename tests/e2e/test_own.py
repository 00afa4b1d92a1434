"""The demo job seeker uses Oma Kohtaamo on a phone: every page fits 360 px without sideways
scrolling and passes axe-core's WCAG 2.1 AA checks; the live search adds a competence; a
permission is given and taken back.

The steps find things by ids, names and URLs, not by interface text, which is translated.
"""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

SEEKER = "demo.seeker"
PHONE = {"width": 360, "height": 740}
OWN_PAGES = ["/oma/", "/oma/details/", "/oma/competences/", "/oma/wishes/", "/oma/team/",
             "/oma/my-data/"]  # fmt: skip
FORKLIFT = "urn:kohtaamo:licence:trukkikortti"


def overflow(page: Page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def test_the_job_seeker_lands_in_the_own_view_and_cannot_reach_staff_pages(page, log_in):
    log_in(SEEKER)
    expect(page).to_have_url(re.compile(r"/oma/$"))
    expect(page.locator("h1")).to_contain_text("Sanna")
    page.goto("/clients/")
    expect(page).to_have_url(re.compile(r"/oma/$"))


def test_own_pages_fit_a_phone_and_pass_axe(page, log_in, axe_violations):
    page.set_viewport_size(PHONE)
    log_in(SEEKER)
    problems = []
    for path in OWN_PAGES:
        page.goto(path)
        expect(page.locator("h1")).to_be_visible()
        if (extra := overflow(page)) > 0:
            problems.append(f"{path}: {extra}px wider than the screen")
        problems += [f"{path}: {violation}" for violation in axe_violations()]
    assert not problems, "\n".join(problems)


def test_live_search_adds_a_competence(page, log_in, axe_violations):
    page.set_viewport_size(PHONE)
    log_in(SEEKER)
    page.goto("/oma/competences/")
    with page.expect_response(re.compile(r"/oma/competences/search/\?")):
        page.locator("#id_q").press_sequentially("trukki")
    button = page.locator(f'#own-results button[name=uri][value="{FORKLIFT}"]')
    expect(button).to_be_visible()
    assert overflow(page) <= 0
    assert axe_violations() == []
    with page.expect_navigation():
        button.click()
    expect(page).to_have_url(re.compile(r"/oma/competences/$"))
    expect(page.locator(f'form.own-level-form input[name=uri][value="{FORKLIFT}"]')).to_have_count(
        1
    )


def test_permission_is_given_and_taken_back(page, log_in, axe_violations):
    page.set_viewport_size(PHONE)
    log_in(SEEKER)
    page.goto("/oma/team/")
    withdraw_links = page.locator('a[href*="/withdraw/"]')
    before = withdraw_links.count()
    team = page.locator("#team-heading + ul").inner_text()
    newcomer = next(
        option.get_attribute("value")
        for option in page.locator("#id_organisation option").all()[1:]
        if option.inner_text().strip() not in team
    )
    page.select_option("#id_organisation", newcomer)
    page.check("#id_scope_0")
    with page.expect_navigation():
        page.click("form.own-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/oma/team/$"))
    expect(withdraw_links).to_have_count(before + 1)

    withdraw_links.first.click()  # the newest first
    expect(page).to_have_url(re.compile(r"/withdraw/$"))
    assert axe_violations() == []
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/oma/team/$"))
    expect(withdraw_links).to_have_count(before)
