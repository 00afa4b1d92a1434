"""The demo of issue 7: paths, referrals, the EU social fund project and the recognised workshops.

The test database holds the full demo (tests/conftest.py runs load_demo once per session).
"""

import random
import re
from collections import Counter

import pytest

from kohtaamo.clients.models import ClientCompetence
from kohtaamo.demo import esf as demo_esf
from kohtaamo.demo.clients import TODAY
from kohtaamo.demo.data import PROJECT
from kohtaamo.demo.services import load_paths_records
from kohtaamo.esf.models import Participant, Project
from kohtaamo.geo.models import Municipality
from kohtaamo.organisations.models import Membership, Organisation
from kohtaamo.paths.models import (
    AnswerLink,
    Path,
    Referral,
    ReferralEvent,
    Step,
    StepTransition,
)
from kohtaamo.paths.transitions import check_referral, check_step
from kohtaamo.recognition.models import EnvironmentPeriod, LearningEnvironment, TaskRequirement

pytestmark = pytest.mark.django_db

MUNICIPAL = {
    "Rovaniemen kaupungin työllisyyspalvelut",
    "Kemin kaupunki",
    "Kolarin kunta",
    "Ranuan kunta",
}


@pytest.fixture
def project():
    return Project.objects.get(code="S30634")


def test_the_project_runs_two_years_with_the_partner_municipalities_and_redu(project):
    assert project.organisation.name == PROJECT
    assert (str(project.start_date), str(project.end_date)) == ("2025-01-01", "2026-12-31")
    assert set(project.partners.values_list("name", flat=True)) == MUNICIPAL | {
        "Koulutuskuntayhtymä REDU"
    }


def test_the_project_records_echo_the_reported_figures(project):
    records = Participant.objects.filter(project=project)
    assert records.count() == 108
    assert records.filter(gender="female").count() == 46
    assert records.filter(gender="male").count() == 62
    assert records.filter(age_at_entry__lt=30).count() == 40
    assert records.filter(age_at_entry__gt=54).count() == 18
    exits = Counter(records.values_list("exit_status", flat=True))
    assert exits["employed_company"] == 25
    assert exits["employed_association"] == 11
    assert exits["employed_foundation"] == 4
    assert exits["employed_municipality"] == 17
    assert exits["work_trial"] == 25
    assert exits["studying"] == 17
    assert exits["self_employed"] == 3
    assert sum(1 for r in records if r.licences_gained) == 17
    assert records.filter(new_entrepreneur=True).count() == 3


def test_a_few_exit_forms_are_missing(project):
    missing = Participant.objects.filter(project=project).exit_form_missing(TODAY)
    assert missing.count() == 3
    assert all(r.exit_date and not r.exit_status for r in missing)


def test_gender_and_age_at_entry_come_from_the_client_records(project):
    for record in Participant.objects.filter(project=project).select_related("client"):
        assert record.gender == record.client.gender
        assert record.age_at_entry == record.entry_date.year - record.client.birth_year
        assert project.start_date <= record.entry_date <= record.exit_date <= TODAY
        assert record.client.organisation.name in MUNICIPAL


def test_those_who_left_studying_are_in_training_in_their_own_record(project):
    studying = Participant.objects.filter(project=project, exit_status="studying")
    assert set(studying.values_list("client__status", flat=True)) == {"in_training"}


def test_the_participants_are_drawn_the_same_every_time():
    organisations = {o.name: o for o in Organisation.objects.filter(name__in=MUNICIPAL)}
    candidates = demo_esf.candidates(organisations)
    first = demo_esf.plan_participants(random.Random(demo_esf.SEED), candidates)
    again = demo_esf.plan_participants(random.Random(demo_esf.SEED), candidates)
    assert first == again


def _demo_paths():
    return Path.objects.filter(client__organisation__name__in=MUNICIPAL)


def _path_referrals():
    """The referrals of the path demo (the events demo adds referrals of its interviews)."""
    return Referral.objects.filter(client__path__in=_demo_paths(), event_interviews__isnull=True)


def test_a_few_hundred_job_seekers_of_the_four_municipalities_have_a_path():
    paths = _demo_paths()
    assert 250 <= paths.count() <= 500
    by_municipality = Counter(paths.values_list("client__organisation__name", flat=True))
    assert set(by_municipality) == MUNICIPAL
    assert all(p.goals.exists() for p in paths.prefetch_related("goals")[:50])


def test_every_step_has_a_log_that_ends_in_its_status():
    steps = Step.objects.filter(path__in=_demo_paths())
    logs: dict[int, list[StepTransition]] = {}
    for t in StepTransition.objects.filter(step__in=steps).order_by("step_id", "at", "id"):
        logs.setdefault(t.step_id, []).append(t)
    statuses = Counter()
    for step in steps:
        log = logs[step.id]
        assert log[0].old_status == "" and log[0].new_status == "planned"
        for before, after in zip(log, log[1:], strict=False):
            assert after.old_status == before.new_status
            assert before.at < after.at
            check_step(after.old_status, after.new_status, after.reason)
        assert log[-1].new_status == step.status
        assert step.status_reason == log[-1].reason
        statuses[step.status] += 1
    assert set(statuses) == {"planned", "ongoing", "done", "interrupted"}


def test_steps_point_to_what_they_are():
    steps = Step.objects.filter(path__in=_demo_paths())
    target = {
        "service": "service_type",
        "training": "training_offer",
        "referral": "referral",
        "learning_environment": "environment_period",
    }
    kinds = Counter(steps.values_list("kind", flat=True))
    assert set(kinds) == set(target)
    for kind, field in target.items():
        assert not steps.filter(kind=kind, **{f"{field}__isnull": True}).exists(), kind
    services = set(steps.values_list("service_type__code", flat=True))
    assert {"work_trial", "pay_subsidy", "coaching_workshop", "job_club"} <= services


def test_every_referral_has_events_that_end_in_its_status():
    referrals = _path_referrals()
    events: dict[int, list[ReferralEvent]] = {}
    for e in ReferralEvent.objects.filter(referral__in=referrals).order_by("referral_id", "at"):
        events.setdefault(e.referral_id, []).append(e)
    for referral in referrals:
        log = events[referral.id]
        assert (log[0].old_status, log[0].new_status) == ("", "sent")
        for before, after in zip(log, log[1:], strict=False):
            assert after.old_status == before.new_status
            check_referral(after.old_status, after.new_status, after.reason)
        assert log[-1].new_status == referral.status
        assert referral.status_reason == log[-1].reason
        assert sum(e.via_link for e in log) <= 1  # a link works once


def test_referrals_have_every_outcome_and_some_are_overdue():
    referrals = _path_referrals()
    assert set(referrals.values_list("status", flat=True)) == {
        "sent", "seen", "interview", "hired", "not_chosen", "withdrawn",
    }  # fmt: skip
    assert set(referrals.values_list("kind", flat=True)) == {
        "vacancy", "employer", "training", "service",
    }  # fmt: skip
    assert 5 <= referrals.unanswered(TODAY).count() < referrals.count() // 4
    assert not referrals.filter(status="not_chosen", status_reason="").exists()


def test_answer_links_are_stored_only_as_hashes():
    links = AnswerLink.objects.filter(referral__in=_path_referrals())
    assert links.count() == _path_referrals().count()
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in links.values_list("token_hash", flat=True))
    for link in links.filter(used_at__isnull=False).select_related("referral")[:30]:
        assert link.referral.events.filter(via_link=True).exists()


def test_the_workshops_are_signed_off_by_a_member_of_the_teachers_college():
    environments = LearningEnvironment.objects.filter(
        name__in=["Kolarin kunnan työpaja", "Ranuan kunnan työpaja"]
    )
    assert {(e.name, e.organisation.name, e.teacher_organisation.name) for e in environments} == {
        ("Kolarin kunnan työpaja", "Kolarin kunta", "Lappia"),
        ("Ranuan kunnan työpaja", "Ranuan kunta", "Koulutuskuntayhtymä REDU"),
    }
    for environment in environments:
        assert environment.is_signed_off and environment.teacher_name
        assert Membership.objects.filter(
            user=environment.signed_off_by, organisation=environment.teacher_organisation
        ).exists()


def test_the_tasks_are_mapped_to_real_requirements_of_the_two_qualifications():
    requirements = TaskRequirement.objects.filter(
        task__environment__name__in=["Kolarin kunnan työpaja", "Ranuan kunnan työpaja"]
    ).select_related("unit")
    assert requirements.count() >= 20
    for requirement in requirements:
        assert requirement.text.get("fi"), requirement.unit
        names = set(requirement.unit.qualifications.values_list("name_fi", flat=True))
        assert names & {
            "Puhtaus- ja kiinteistöpalvelualan perustutkinto",
            "Ravintola- ja catering-alan perustutkinto",
        }


def test_certified_periods_put_their_units_in_the_profile():
    periods = EnvironmentPeriod.objects.filter(
        environment__name__in=["Kolarin kunnan työpaja", "Ranuan kunnan työpaja"]
    )
    certified = periods.filter(certificate_issued_on__isnull=False)
    assert periods.count() >= 15 and certified.count() >= 10
    for period in certified:
        units = set(
            TaskRequirement.objects.filter(task__in=period.demonstrated_tasks.all())
            .select_related("unit")
            .values_list("unit__eperusteet_id", flat=True)
        )
        assert units and period.assessed_by and period.end_date < TODAY
        profile = set(
            ClientCompetence.objects.filter(
                client=period.client, source="learning_environment", kind="unit"
            ).values_list("uri", flat=True)
        )
        assert {f"urn:eperusteet:tutkinnonosa:{u}" for u in units} <= profile
        assert {u["uri"] for u in period.certificate["units"]} <= profile
    assert Step.objects.filter(environment_period__in=periods).count() == periods.count()


def test_loading_again_adds_nothing():
    models = (Path, Step, StepTransition, Referral, ReferralEvent, AnswerLink, Participant,
              EnvironmentPeriod, ClientCompetence)  # fmt: skip
    before = [m.objects.count() for m in models]
    counts = load_paths_records(
        municipalities={m.code: m for m in Municipality.objects.filter(region__code="19")},
        organisations={o.name: o for o in Organisation.objects.all()},
    )
    assert [m.objects.count() for m in models] == before
    assert counts["new_paths"] == counts["new_esf_participants"] == 0
    assert counts["new_environment_periods"] == 0
    assert counts["esf_participants"] == 108 and counts["paths"] >= 250
