"""Paths through their services: a step moves only along its workflow, every move is logged
and audited in the same transaction, and only the person's team may plan."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kohtaamo.audit.enums import AuditAction
from kohtaamo.audit.models import AuditEvent
from kohtaamo.paths import services
from kohtaamo.paths.models import ServiceType, Step, StepTransition
from kohtaamo.paths.plan import build_plan
from kohtaamo.paths.transitions import InvalidTransition
from tests.paths.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(rovaniemi):
    return build_world(rovaniemi)


def log_of(step: Step) -> list[tuple[str, str, str]]:
    return list(
        StepTransition.objects.filter(step=step).values_list("old_status", "new_status", "reason")
    )


def test_a_new_step_is_planned_and_its_log_starts_there(world):
    assert world.trial.status == "planned"
    assert log_of(world.trial) == [("", "planned", "")]


def test_a_done_step_never_goes_back_to_planned(world):
    services.change_step_status(world.trial, "ongoing", actor=world.coordinator)
    services.change_step_status(world.trial, "done", actor=world.coordinator)
    with pytest.raises(InvalidTransition, match="a done item cannot become planned"):
        services.change_step_status(world.trial, "planned", actor=world.coordinator)
    world.trial.refresh_from_db()
    assert world.trial.status == "done"
    assert log_of(world.trial) == [
        ("", "planned", ""),
        ("planned", "ongoing", ""),
        ("ongoing", "done", ""),
    ]


def test_each_status_change_writes_one_log_entry_and_one_audit_row(world):
    services.change_step_status(world.trial, "interrupted", reason="sairausloma",
                                actor=world.coordinator)  # fmt: skip
    services.change_step_status(world.trial, "planned", actor=world.coordinator)
    assert log_of(world.trial)[1:] == [
        ("planned", "interrupted", "sairausloma"),
        ("interrupted", "planned", ""),
    ]
    changes = AuditEvent.objects.filter(
        object_type="paths.step", action=AuditAction.UPDATE, detail__has_key="status"
    ).order_by("pk")
    assert [e.detail["status"] for e in changes] == [
        ["planned", "interrupted"],
        ["interrupted", "planned"],
    ]
    world.trial.refresh_from_db()
    assert world.trial.status_reason == ""  # the reason stays in the log


def test_an_interruption_needs_a_reason_and_nothing_is_logged_without_one(world):
    with pytest.raises(InvalidTransition, match="say why"):
        services.change_step_status(world.trial, "interrupted", reason=" ",
                                    actor=world.coordinator)  # fmt: skip
    assert log_of(world.trial) == [("", "planned", "")]


def test_a_stale_step_object_cannot_undo_done(world):
    """Two people had the page open: the second one's old copy says planned."""
    stale = Step.objects.get(pk=world.trial.pk)
    services.change_step_status(world.trial, "done", actor=world.coordinator)
    with pytest.raises(InvalidTransition):
        services.change_step_status(stale, "ongoing", actor=world.coordinator)
    assert Step.objects.get(pk=world.trial.pk).status == "done"


def test_only_the_team_may_plan(world, user):
    with pytest.raises(PermissionError):
        services.change_step_status(world.trial, "ongoing", actor=user("kemi.coordinator"))
    with pytest.raises(PermissionError):
        services.add_goal(path=world.path, actor=user("kemi.coordinator"), title="x")


def test_a_step_names_what_it_is_and_belongs_to_the_persons_path(world, rovaniemi):
    with pytest.raises(ValidationError) as error:
        services.add_step(path=world.path, actor=world.coordinator, kind="training",
                          responsible_organisation=rovaniemi)  # fmt: skip
    assert "training_offer" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.add_step(
            path=world.path,
            actor=world.coordinator,
            kind="service",
            service_type=ServiceType.objects.get(code="job_club"),
            responsible_organisation=rovaniemi,
            start_date=date(2027, 1, 2),
            end_date=date(2027, 1, 1),
        )
    assert "end_date" in error.value.error_dict


def test_the_plan_shows_whether_the_service_is_meant_for_the_person(world, rovaniemi):
    subsidy = services.add_step(
        path=world.path,
        actor=world.coordinator,
        kind="service",
        service_type=ServiceType.objects.get(code="pay_subsidy"),
        responsible_organisation=rovaniemi,
    )
    plan = build_plan(world.seeker)
    [goal] = plan.goals
    assert [s.step for s in goal.steps] == [world.trial]
    [other] = plan.other_steps
    assert other.step == subsidy
    assert other.eligible is True  # unemployed since January 2024: long-term
    assert "long_term_unemployed" in other.groups
    assert goal.steps[0].eligible is True and goal.steps[0].groups == []
