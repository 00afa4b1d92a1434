"""A shorter period of a project's indicators only for those who see every participant.

Two periods of one table can be compared: the table up to 31 May against the table up to
1 June singles out whoever entered on 1 June, however well each table is protected. So a
regional analyst (aggregates only) or a partner who sees only its own job seekers' records gets
the whole project, on the page, in the exports and in the API alike; the project's own staff
(who collect everyone's forms and report to the funder by period) and a partner who sees every
participant still choose any period."""

from datetime import date

import pytest

from kohtaamo.esf.models import Participant
from kohtaamo.esf.perms import may_choose_period
from tests.clients.factories import ClientFactory

pytestmark = pytest.mark.django_db

SHORT = "from=2025-01-01&to=2025-05-31"


def _urls(project) -> dict[str, str]:
    return {
        "page": f"/projects/{project.public_id}/",
        "csv": f"/projects/{project.public_id}/indicators.csv",
        "api": f"/api/v1/projects/{project.public_id}/indicators",
    }


def _kemi_joins(project, kemi) -> None:
    """Kemi becomes a partner with one participant of its own, whom Rovaniemi does not see."""
    project.partners.add(kemi)
    Participant.objects.create(
        project=project,
        client=ClientFactory(organisation=kemi, gender="female", birth_year=1990),
        gender="female",
        age_at_entry=35,
        entry_date=date(2025, 6, 1),
        entry_status="unemployed",
    )


def test_the_analyst_gets_the_whole_project_and_no_shorter_period(
    login, user, project, participants, in_english
):
    assert not may_choose_period(user("ely.analyst"), project)
    analyst, urls = login("ely.analyst"), _urls(project)
    whole = analyst.get(urls["api"]).json()
    assert (whole["from"], whole["to"]) == ("2024-01-01", "2026-12-31")
    response = analyst.get(f"{urls['api']}?{SHORT}")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert [d["loc"] for d in detail] == [["query", "from"], ["query", "to"]]
    assert "whole project" in detail[0]["msg"]
    only_end = analyst.get(f"{urls['api']}?to=2025-05-31").json()["detail"]
    assert [d["loc"] for d in only_end] == [["query", "to"]]
    assert analyst.get(f"{urls['csv']}?{SHORT}").status_code == 400
    page = analyst.get(f"{urls['page']}?{SHORT}")
    assert page.status_code == 400 and "single out a few people" in page.content.decode()
    html = analyst.get(urls["page"]).content.decode()
    assert 'id="period-form"' not in html and 'id="period-whole"' in html
    # The whole project, asked in full, is no shorter period.
    assert analyst.get(f"{urls['api']}?from=2024-01-01&to=2026-12-31").status_code == 200


def test_a_partner_that_sees_only_its_own_job_seekers_gets_the_whole_project(
    login, user, project, participants, kemi
):
    coach = user("rovaniemi.coach")  # Rovaniemi is a partner; every participant is Rovaniemi's
    assert may_choose_period(coach, project)
    _kemi_joins(project, kemi)
    assert not may_choose_period(coach, project)  # Kemi's participant is not Rovaniemi's
    assert not may_choose_period(user("kemi.coordinator"), project)
    response = login("kemi.coordinator").get(f"{_urls(project)['api']}?{SHORT}")
    assert response.status_code == 422


def test_the_projects_own_staff_choose_any_period(login, user, project, participants, kemi):
    # The coordinator is a member of the running organisation too: the project's own staff.
    _kemi_joins(project, kemi)
    assert may_choose_period(user("rovaniemi.coordinator"), project)
    response = login("rovaniemi.coordinator").get(f"{_urls(project)['api']}?{SHORT}")
    assert response.status_code == 200
    assert (response.json()["from"], response.json()["to"]) == ("2025-01-01", "2025-05-31")
