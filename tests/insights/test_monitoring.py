"""The monitoring page: the projects' indicators side by side for those who may see them, the
impact follow-up read from the paths, referrals, exit forms and goals, the CSV, who gets what
(anonymous -> login, job seeker -> 404, staff and analysts -> 200) and that no count of 1-4
leaves."""

import csv
import io
import re
from datetime import date, datetime, time

import pytest
from django.utils import timezone

from kohtaamo.employers.models import Employer
from kohtaamo.esf.models import Participant, Project
from kohtaamo.geo.models import Municipality, Region
from kohtaamo.insights import impact, monitoring
from kohtaamo.organisations.models import Organisation
from kohtaamo.paths.models import (
    Goal,
    Path,
    Referral,
    ReferralEvent,
    ServiceType,
    Step,
    StepTransition,
)
from kohtaamo.taxonomy.models import Concept
from tests.clients.factories import ClientFactory
from tests.organisations.factories import UserFactory

pytestmark = pytest.mark.django_db

QUARTER = impact.Quarter(2024, 2)  # before any demo step: the constructed cohort alone
STARTED, ENDED = date(2024, 4, 2), date(2024, 5, 15)
TODAY = date(2026, 11, 23)


def aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def done_step(client, organisation, *, kind="service", code="work_trial", status="done"):
    path, _created = Path.objects.get_or_create(
        client=client, defaults={"organisation": organisation}
    )
    step = Step.objects.create(
        path=path,
        kind=kind,
        service_type=ServiceType.objects.get(code=code, organisation=None) if code else None,
        responsible_organisation=organisation,
        start_date=STARTED,
        end_date=ENDED,
        status=status,
        status_reason="Työllistyi kesken jakson" if status == "interrupted" else "",
    )
    for old, new, day in [("", "planned", date(2024, 3, 20)), ("planned", "ongoing", STARTED),
                          ("ongoing", status, ENDED)]:  # fmt: skip
        StepTransition.objects.create(step=step, old_status=old, new_status=new, at=aware(day))
    return step


def hired(client, organisation, day: date, kind="employer"):
    employer = Employer.objects.order_by("id").first()
    target = {"employer": employer} if kind == "employer" else {}
    if kind == "service":
        target = {"service_type": ServiceType.objects.get(code="job_club", organisation=None)}
    referral = Referral.objects.create(
        client=client, organisation=organisation, kind=kind, status="hired",
        sent_on=STARTED, answer_due=STARTED, **target,
    )  # fmt: skip
    ReferralEvent.objects.create(
        referral=referral, old_status="sent", new_status="hired", at=aware(day)
    )


@pytest.fixture
def second_project(kemi):
    """A project of Lappia (Kemi is no partner), with 2024 participants."""
    return Project.objects.create(
        code="TEST902",
        name="Toinen testihanke",
        organisation=Organisation.objects.get(name="Lappia"),
        start_date=date(2024, 1, 1),
        end_date=date(2026, 12, 31),
    )


@pytest.fixture
def cohort(rovaniemi, second_project):
    """Seven job seekers of Rovaniemi who finished a work trial in spring 2024; six of them
    started work within 3 months, each with a different kind of evidence, the seventh only
    got into training (a referral to a service is not work)."""
    people = [ClientFactory(organisation=rovaniemi) for _ in range(7)]
    for person in people:
        done_step(person, rovaniemi)
    hired(people[0], rovaniemi, date(2024, 5, 1))  # during the step
    hired(people[1], rovaniemi, date(2024, 8, 1))
    for person in people[2:4]:
        Participant.objects.create(
            project=second_project, client=person, gender="female", age_at_entry=40,
            entry_date=date(2024, 3, 1), entry_status="unemployed",
            exit_date=date(2024, 6, 30), exit_status="employed_municipality",
        )  # fmt: skip
    occupation = Concept.objects.filter(kind="occupation").order_by("id").first()
    for person in people[4:6]:
        Goal.objects.create(
            path=person.path, title="Työ", occupation=occupation, achieved_on=date(2024, 7, 10)
        )
    hired(people[6], rovaniemi, date(2024, 6, 1), kind="service")
    return people


def lapland():
    return Region.objects.get(code="19")


def test_the_cohort_is_read_from_paths_referrals_exit_forms_and_goals(cohort):
    follow = monitoring.follow_up(lapland(), TODAY)
    table = next(t for t in follow.quarters if t.quarter == QUARTER)
    assert table.counts[(impact.ALL, "people")] == 7
    assert table.counts[(impact.ALL, "employed_3m")] == 6
    assert table.counts[("work_trial", "people")] == 7
    # 7 - 6 would name the one without work: not both shown.
    assert None in (table.value(impact.ALL, "people"), table.value(impact.ALL, "employed_3m"))


def test_a_step_never_under_way_is_not_counted_and_an_interruption_is(rovaniemi):
    people = [ClientFactory(organisation=rovaniemi) for _ in range(6)]
    for person in people[:5]:
        done_step(person, rovaniemi, status="interrupted")
    never = done_step(people[5], rovaniemi, status="interrupted")
    never.transitions.filter(new_status="ongoing").delete()
    steps = monitoring.ended_steps(monitoring.people_of(lapland()))
    mine = [s for s in steps if s.person in {p.id for p in people}]
    assert sorted(s.person for s in mine) == sorted(p.id for p in people[:5])
    assert {(s.started, s.ended) for s in mine} == {(STARTED, ENDED)}


def test_people_of_another_region_are_not_counted(cohort):
    oulu = Municipality.objects.get(code="564")
    other = Organisation.objects.create(name="Oulun testi", kind="municipality", municipality=oulu)
    outsider = ClientFactory(organisation=other)
    done_step(outsider, other)
    steps = monitoring.ended_steps(monitoring.people_of(lapland()))
    assert outsider.id not in {s.person for s in steps}


def test_anonymous_is_sent_to_log_in(client):
    for url in ["/monitoring/", "/monitoring.csv"]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_a_job_seeker_is_kept_in_their_own_view(login):
    seeker = login("demo.seeker")
    for url in ["/monitoring/", "/monitoring.csv"]:
        response = seeker.get(url)
        assert response.status_code == 302 and response["Location"].endswith("/oma/"), url


def test_a_login_without_membership_gets_404(client):
    client.force_login(UserFactory())
    assert client.get("/monitoring/").status_code == 404
    assert client.get("/monitoring.csv").status_code == 404


def test_the_analyst_sees_two_projects_side_by_side(login, cohort, second_project, in_english):
    page = login("ely.analyst").get("/monitoring/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="project-S30634"' in body and 'id="project-TEST902"' in body
    row = body.split('id="monitoring-indicator-entered"')[1].split("</tr>")[0]
    assert 'data-project="S30634" data-column="total">108<' in row
    # The two participants of TEST902 are too few to show.
    assert 'data-project="TEST902" data-column="total"><span class="count-hidden">' in row
    assert "Employment after a step of the path" in body


def test_staff_see_only_the_projects_of_their_organisations(login, second_project):
    body = login("kemi.coordinator").get("/monitoring/").content.decode()
    assert 'id="project-S30634"' in body  # Kemi is a partner
    assert "TEST902" not in body
    lappia = login("lappia.counsellor").get("/monitoring/").content.decode()
    assert "TEST902" in lappia and "S30634" not in lappia


def test_the_chosen_quarter_shows_its_services(login, cohort, in_english):
    page = login("ely.analyst").get("/monitoring/?quarter=2024Q2")
    assert page.status_code == 200
    body = page.content.decode()
    services = body.split('id="monitoring-services"')[1].split("</table>")[0]
    assert 'data-quarter="2024Q2" data-service="work_trial"' in services
    assert 'data-quarter="2024Q2" data-service="all"' in services


def test_a_quarter_not_published_is_explained(login, in_english):
    page = login("ely.analyst").get("/monitoring/?quarter=2031Q1")
    assert page.status_code == 400
    assert "error-summary" in page.content.decode()


def shown_counts(body: str) -> list[int]:
    cells = re.findall(r'data-column="[a-z_0-9]+">(\d+)<', body)
    return [int(c) for c in cells]


def test_no_count_of_one_to_four_leaves_on_the_page_or_in_the_csv(login, cohort):
    analyst = login("ely.analyst")
    for quarter in ["", "?quarter=2024Q2", "?quarter=2025Q4"]:
        body = analyst.get("/monitoring/" + quarter).content.decode()
        assert not [n for n in shown_counts(body) if 0 < n < 5], quarter
    response = analyst.get("/monitoring.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {r["project"] for r in rows} >= {"S30634", "TEST902"}
    assert not [r for r in rows if r["count"] and 0 < int(r["count"]) < 5]
    assert any(r["note"] == "suppressed" and r["count"] == "" for r in rows)
    mine = [r for r in rows if r["quarter"] == "2024Q2" and r["row"] == "all"]
    assert {r["column"] for r in mine} == {"people", "employed_3m", "employed_6m"}


def test_the_demo_region_has_shown_results(login):
    """The demo's paths, referrals and exit forms give shown numbers of people employed."""
    follow = monitoring.follow_up(lapland(), TODAY)
    shown = [
        t.value(impact.ALL, "employed_3m")
        for t in follow.quarters
        if t.value(impact.ALL, "employed_3m")
    ]
    assert shown and min(shown) >= 5
    assert any(t.share(impact.ALL, 3) for t in follow.quarters)


def test_the_page_reads_a_fixed_number_of_queries_per_project(
    login, second_project, django_assert_max_num_queries
):
    analyst = login("ely.analyst")
    with django_assert_max_num_queries(20):  # the follow-up, then one query per project
        assert analyst.get("/monitoring/").status_code == 200
