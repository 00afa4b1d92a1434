"""Matchmaking events in a real browser: the organiser's event, schedule, room board, report and
follow-up; an employer recording outcomes through the mailed link without an account; the job
seeker's own events, schedule and calendar file. Every page passes axe-core's WCAG 2.1 AA rules.

The demo events have fixed public ids: the speed dating held in Rovaniemi on 12.11.2026, the
coming "Duunitreffit: joulusesonki" where demo.seeker has registered herself, and Kolari's hybrid
Match Making with a waiting list.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations_on

pytestmark = pytest.mark.browser

HELD = "882848ed-e81c-55c4-b949-bcd0c312fedb"  # Duunitreffit: matkailu, ravintolat ja palvelut
CHRISTMAS = "a6c7e389-94f5-5974-91c6-c2e39c4469a5"  # Duunitreffit: joulusesonki
KOLARI = "8b19d9ff-0d13-5f75-8de6-ea4574e998a5"  # Match Making Kolari (hybrid, full)
LINK_PATH = re.compile(r"https?://\S+?(/event-link/[\w-]+/)")
SMALL_COUNT = re.compile(r"^[1-4]$")


def assert_accessible(axe_violations) -> None:
    violations = axe_violations()
    assert not violations, "\n".join(violations)


def test_the_organiser_sees_the_schedule_the_board_and_the_report(page, log_in, axe_violations):
    log_in("rovaniemi.coordinator")
    page.goto("/events/")
    expect(page.locator(f"#past-events a[href='/events/{HELD}/']")).to_be_visible()
    assert_accessible(axe_violations)

    page.click(f"#past-events a[href='/events/{HELD}/']")
    expect(page.locator("#schedule-summary")).to_be_visible()
    expect(page.locator("#event-employers li")).not_to_have_count(0)
    assert_accessible(axe_violations)

    page.goto(f"/events/{HELD}/schedule/")
    expect(page.locator("#schedule-grid")).to_be_visible()
    assert page.locator("#schedule-grid tbody tr").count() == 12  # one row per slot
    assert_accessible(axe_violations)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: a list per slot instead
    expect(page.locator("#schedule-slots")).to_be_visible()
    expect(page.locator("#schedule-grid")).to_be_hidden()
    assert_accessible(axe_violations)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"/events/{HELD}/board/")
    expect(page.locator("#board-slot-1")).to_be_visible()
    assert_accessible(axe_violations)

    page.goto(f"/events/{HELD}/report/")
    cells = page.locator("#report-people td, #report-outcomes td").all_inner_texts()
    assert cells and not [c for c in cells if SMALL_COUNT.match(c.strip())]
    assert_accessible(axe_violations)

    pdf = page.request.get(f"/events/{HELD}/schedule/employers.pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"


def test_registrations_and_a_replan_on_the_coming_event(page, log_in, axe_violations):
    log_in("rovaniemi.coordinator")
    page.goto(f"/events/{CHRISTMAS}/registrations/")
    expect(page.locator("#registered-list li")).not_to_have_count(0)
    assert_accessible(axe_violations)

    page.goto(f"/events/{CHRISTMAS}/registrations/add/")
    expect(page.locator("#client-search")).to_be_visible()
    assert_accessible(axe_violations)

    page.goto(f"/events/{CHRISTMAS}/employers/add/")
    expect(page.locator("#employer-choice")).to_be_visible()
    assert_accessible(axe_violations)

    page.goto(f"/events/{CHRISTMAS}/")
    page.locator(f"form[action='/events/{CHRISTMAS}/schedule/replan/'] button").click()
    expect(page.locator("#schedule-grid")).to_be_visible()  # the schedule after the re-plan
    expect(page.locator(".message")).to_be_visible()
    assert_accessible(axe_violations)


def test_an_employer_records_outcomes_through_the_mailed_link(
    page, log_in, axe_violations, browser, kohtaamo_server
):
    log_in("rovaniemi.coordinator")
    page.goto(f"/events/{HELD}/follow-up/")
    expect(page.locator("#followup-total")).to_be_visible()
    assert_accessible(axe_violations)
    page.click(".followup-send button[type=submit]")
    expect(page.locator(".message")).to_be_visible()

    mails = sorted(kohtaamo_server.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime)
    found = LINK_PATH.search(mails[-1].read_text())
    assert found, "no event link in the last mail"
    employer = browser.new_context(bypass_csp=True, locale="fi-FI")  # no account, no session
    link_page = employer.new_page()
    try:
        link_page.goto(kohtaamo_server.url + found.group(1))
        expect(link_page.locator("nav")).to_have_count(0)  # nothing else of the service
        expect(link_page.locator(".followup-interview").first).to_be_visible()
        violations = axe_violations_on(link_page)
        assert not violations, "\n".join(violations)
        first = link_page.locator(".followup-interview").first
        first.locator("select").select_option("next_interview")
        link_page.click(".followup-outcomes button[type=submit]")
        expect(link_page.locator("#outcomes-saved")).to_be_visible()
        violations = axe_violations_on(link_page)
        assert not violations, "\n".join(violations)
    finally:
        employer.close()


def test_the_job_seeker_sees_her_schedule_and_joins_a_waiting_list(page, log_in, axe_violations):
    log_in("demo.seeker")
    page.goto("/oma/events/")
    mine = page.locator(".own-event", has_text="Duunitreffit: joulusesonki").first
    expect(mine).to_be_visible()
    assert_accessible(axe_violations)

    mine.locator(f"a[href='/oma/events/{CHRISTMAS}/schedule/']").click()
    expect(page.locator("main")).to_contain_text("Duunitreffit: joulusesonki")
    assert_accessible(axe_violations)
    ics = page.request.get(f"/oma/events/{CHRISTMAS}/schedule.ics")
    assert ics.ok and ics.headers["content-type"].startswith("text/calendar")
    assert ics.text().count("BEGIN:VEVENT") >= 1

    page.goto("/oma/events/")
    kolari = page.locator(".own-event", has_text="Match Making Kolari").first
    kolari.locator("input[name=share_competences]").check()
    kolari.locator("button[type=submit]").click()
    waiting = page.locator(".own-event", has_text="Match Making Kolari").first
    expect(waiting.locator(".own-event-status")).to_contain_text("3")  # third in the queue
    assert_accessible(axe_violations)
