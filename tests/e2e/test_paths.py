"""Paths to work in a real browser: a person's path and its steps, a referral answered through
the mailed one-time link, the EU social fund project with its indicators and exports, and a
recognised workshop with a certificate. Every page passes axe-core's WCAG 2.1 AA rules.

The demo data is deterministic, so the people and the project are found by their public ids.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations_on

pytestmark = pytest.mark.browser

TOMMI = "805d5070-3555-5140-95db-9ff32e8a93ef"  # Tommi Alatalo, Kolari: a step is ongoing
NASRIN = "69325514-d58a-5816-90e7-4a9462072045"  # Nasrin Ahmadi, Kemi
SUVI_PERIOD = "a3d1f7d4-8c33-52c1-b75e-2b2daaccf076"  # Suvi Heikkilä in Kolari's workshop
PROJECT = "62efd32c-ab01-5979-bf15-9624409a573f"  # S30634 Osaajat kohtaamaan Lapissa
ANSWER_PATH = re.compile(r"https?://\S+?(/answer/[\w-]+/)")


def assert_accessible(axe_violations) -> None:
    violations = axe_violations()
    assert not violations, "\n".join(violations)


def test_a_path_step_is_done_once_and_the_plan_prints(page, log_in, axe_violations):
    log_in("kolari.coordinator")
    page.goto(f"/clients/{TOMMI}/")
    page.click("#client-path-link")
    ongoing = page.locator(".path-step", has=page.locator(".path-status-ongoing")).first
    expect(ongoing).to_be_visible()
    assert_accessible(axe_violations)

    step = ongoing.get_attribute("id")
    ongoing.locator("select[name=status]").select_option("done")
    ongoing.locator("button[type=submit]").click()

    expect(page.locator(f"#{step} .path-status-done")).to_be_visible()
    expect(page.locator(f"#{step} select[name=status]")).to_have_count(0)  # done is final
    pdf = page.request.get(page.locator("#path-pdf-link").get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert_accessible(axe_violations)

    page.goto("/services/")
    expect(page.locator("#shared-services")).to_be_visible()
    assert_accessible(axe_violations)


def test_a_referral_is_answered_once_through_the_mailed_link(
    page, log_in, axe_violations, browser, kohtaamo_server
):
    log_in("kemi.coordinator")
    page.goto(f"/clients/{NASRIN}/matches/")
    page.locator(".match-refer a").first.click()
    page.fill("#id_receiver_name", "Rekrytoija Testi")
    page.fill("#id_receiver_email", "rekry@example.org")
    page.fill("#id_message", "Nasrin sopisi tehtävään hyvin.")
    assert_accessible(axe_violations)
    page.click("#referral-form button[type=submit]")
    expect(page.locator("#referral-log")).to_be_visible()
    assert_accessible(axe_violations)

    mails = sorted(kohtaamo_server.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime)
    # The mail's link points to KOHTAAMO_BASE_URL; the test server listens elsewhere.
    link = kohtaamo_server.url + ANSWER_PATH.search(mails[-1].read_text()).group(1)
    receiver = browser.new_context(bypass_csp=True, locale="fi-FI")  # no account, no session
    answer = receiver.new_page()
    try:
        answer.goto(link)
        expect(answer.locator("main")).to_contain_text("Nasrin")
        expect(answer.locator("nav")).to_have_count(0)  # nothing else of the service
        violations = axe_violations_on(answer)
        assert not violations, "\n".join(violations)
        answer.check("input[name=status][value=interview]")
        answer.fill("#id_comment", "Kutsumme haastatteluun ensi viikolla.")
        answer.click("#answer-form button[type=submit]")
        expect(answer.locator("#answer-form")).to_have_count(0)
        assert answer.goto(link).status == 404  # the link worked once
    finally:
        receiver.close()

    page.reload()
    expect(page.locator("#referral-log")).to_contain_text("Kutsumme haastatteluun")
    page.goto("/referrals/?overdue=on")
    expect(page.locator("#referral-table tbody tr").first).to_be_visible()
    assert_accessible(axe_violations)


def test_the_project_indicators_and_exports_pass_axe(page, log_in, axe_violations):
    log_in("kolari.coordinator")  # Kolari is a partner: two of its people owe an exit form
    page.goto("/")
    page.click("#home-paths a[href='/projects/']")
    page.locator(f"#projects a[href='/projects/{PROJECT}/']").click()
    expect(page.locator("#indicators-heading")).to_be_visible()
    assert_accessible(axe_violations)

    xlsx = page.request.get(f"/projects/{PROJECT}/indicators.xlsx")
    assert xlsx.ok and xlsx.body()[:2] == b"PK"  # a zip: the XLSX container
    page.goto(f"/projects/{PROJECT}/missing-exits/")
    expect(page.locator("#missing-exits tbody tr")).to_have_count(2)
    assert_accessible(axe_violations)

    page.goto(f"/projects/{PROJECT}/participants/")
    page.locator("#participants tbody tr a").first.click()
    expect(page.locator("main form")).to_be_visible()  # the entry and exit form
    assert_accessible(axe_violations)


def test_the_workshop_and_a_certificate_pass_axe(page, log_in, axe_violations):
    log_in("kolari.coordinator")
    page.goto(f"/periods/{SUVI_PERIOD}/")
    expect(page.locator("#certificate-title")).to_be_visible()  # issued
    assert_accessible(axe_violations)
    pdf = page.request.get(f"/periods/{SUVI_PERIOD}/certificate.pdf?lang=sv")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"

    page.goto("/environments/")
    page.locator("main a", has_text="Kolarin kunnan työpaja").first.click()
    expect(page.locator("#tasks")).to_be_visible()
    assert_accessible(axe_violations)
