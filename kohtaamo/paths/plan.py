"""A person's path read as a plan: goals with their steps, each step with its log and whether
its service is meant for the person. The page, the API and the printable plan all read this,
so that they show the same thing; the printable plan's export is audited here."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.clients import perms as client_perms
from kohtaamo.clients.models import TARGET_GROUPS, Client
from kohtaamo.core.pdf import render_pdf
from kohtaamo.paths.models import Goal, Path, Step, StepTransition

GROUP_LABELS = dict(TARGET_GROUPS)


@dataclass
class PlanStep:
    step: Step
    log: list[StepTransition]
    eligible: bool | None  # None: not a service step
    groups: list[str]  # the service's target groups the person belongs to

    @property
    def group_labels(self) -> list[str]:
        return [str(GROUP_LABELS.get(g, g)) for g in self.groups]


@dataclass
class PlanGoal:
    goal: Goal
    steps: list[PlanStep] = field(default_factory=list)


@dataclass
class Plan:
    client: Client
    path: Path | None
    goals: list[PlanGoal]
    other_steps: list[PlanStep]  # steps under no goal

    @property
    def is_empty(self) -> bool:
        return not self.goals and not self.other_steps


def _steps(path: Path) -> list[Step]:
    return list(
        path.steps.select_related(
            "service_type",
            "training_offer",
            "referral__vacancy",
            "referral__employer",
            "referral__training_offer",
            "referral__service_type",
            "environment_period__environment",
            "responsible_organisation",
        ).prefetch_related(
            Prefetch("transitions", queryset=StepTransition.objects.select_related("actor"))
        )
    )


def build_plan(client: Client) -> Plan:
    """The plan of `client` (empty when they have no path yet), in a handful of queries."""
    path = Path.objects.filter(client=client).first()
    if path is None:
        return Plan(client=client, path=None, goals=[], other_steps=[])
    person_groups = client.target_groups()
    goals = {g.pk: PlanGoal(goal=g) for g in path.goals.select_related("occupation")}
    other: list[PlanStep] = []
    for step in _steps(path):
        eligible, groups = (
            step.service_type.eligibility(person_groups) if step.service_type else (None, [])
        )
        item = PlanStep(step=step, log=list(step.transitions.all()), eligible=eligible,
                        groups=groups)  # fmt: skip
        (goals[step.goal_id].steps if step.goal_id in goals else other).append(item)
    return Plan(client=client, path=path, goals=list(goals.values()), other_steps=other)


@transaction.atomic
def export_plan_pdf(*, actor, client: Client, request=None) -> bytes:
    """The printable plan for the person, in the interface language; audited as an export."""
    plan = build_plan(client)
    content = render_pdf("paths/plan_pdf.html", {"plan": plan, "client": client}, request=request)
    audit.record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=client,
        organisation=client_perms.acting_organisation(actor, client),
        detail={"page": "path", "format": "pdf"},
    )
    return content
