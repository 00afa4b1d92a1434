"""Competence profiles in a real browser: find the occupation by job title, read both versions."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_job_title_leads_to_the_earthmoving_profile_in_both_versions(page, log_in, axe_violations):
    log_in("redu.counsellor")
    page.goto("/profiles/")
    assert axe_violations() == []

    page.fill("#id_title", "maanrakennuskoneenkuljettaja")
    page.click("main form[role=search] button[type=submit]")
    group_link = page.locator("#suggestions a[href='/profiles/8342/']").first
    expect(group_link).to_be_visible()
    group_link.click()

    expect(page).to_have_url(re.compile(r"/profiles/8342/$"))
    expect(page.locator("#counsellor-version")).to_have_attribute("aria-current", "page")
    expect(page.locator("#profile-competences tbody tr").first).to_be_visible()
    assert int(page.locator("#profile-employers").inner_text()) > 0
    assert axe_violations() == []

    page.click("#seeker-version")
    expect(page).to_have_url(re.compile(r"audience=seeker"))
    expect(page.locator("#seeker-skills li").first).to_be_visible()
    assert axe_violations() == []


def test_counsellor_filters_the_profile_by_area(page, log_in, axe_violations):
    log_in("ely.analyst")
    page.goto("/profiles/8342/?audience=counsellor")
    page.select_option("#id_area", "SK191")
    page.click("main form.profile-area button[type=submit]")
    expect(page).to_have_url(re.compile(r"area=SK191"))
    expect(page.locator("#id_area")).to_have_value("SK191")
    assert axe_violations() == []
