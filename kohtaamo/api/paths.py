"""A job seeker's path to work (employment plan) for integrations: goals, steps with their
status and transition log. The same plan as the page and the printable plan
(`kohtaamo.paths.plan`); it needs the competences scope, so anyone else gets 404, and each read
is audited as a view of the person."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from kohtaamo.clients.enums import ConsentScope
from kohtaamo.clients.models import Client
from kohtaamo.paths import services
from kohtaamo.paths.plan import Plan, PlanStep, build_plan

router = Router(tags=["paths"])


class Message(Schema):
    detail: str


class OrganisationRef(Schema):
    public_id: UUID
    name: str


class ServiceRef(Schema):
    code: str
    name: str = Field(description="In the request's language")


class TargetRef(Schema):
    public_id: UUID
    title: str


class ReferralRef(Schema):
    public_id: UUID
    status: str = Field(description="sent, seen, interview, hired, not_chosen or withdrawn")


class TransitionOut(Schema):
    old_status: str = Field(description="Empty for the first entry, when the step was planned")
    new_status: str
    reason: str
    at: datetime
    actor: str | None = Field(description="Who changed it; null when unknown")


class StepOut(Schema):
    public_id: UUID
    kind: str = Field(description="service, training, referral or learning_environment")
    title: str = Field(description="The step's own title, else what it is")
    service: ServiceRef | None
    training_offer: TargetRef | None
    referral: ReferralRef | None
    environment_period: TargetRef | None = Field(
        description="The learning environment period; `title` names the environment"
    )
    responsible_organisation: OrganisationRef
    start_date: date | None
    end_date: date | None
    status: str = Field(description="planned, ongoing, done or interrupted")
    status_reason: str = Field(description="Why the step was interrupted; else empty")
    eligible: bool | None = Field(
        description="Whether the service is meant for the person (null: not a service step)"
    )
    eligible_groups: list[str] = Field(
        description="The service's target groups that the person belongs to"
    )
    log: list[TransitionOut] = Field(description="Every status change, oldest first")


class GoalOut(Schema):
    title: str
    target_date: date | None
    achieved_on: date | None
    steps: list[StepOut]


class PathOut(Schema):
    public_id: UUID | None = Field(description="Null: no path has been started for the person")
    client: UUID
    organisation: OrganisationRef | None = Field(description="Responsible for the path")
    summary: str
    agreed_on: date | None
    review_on: date | None
    goals: list[GoalOut]
    other_steps: list[StepOut] = Field(description="Steps under no goal")


@router.get(
    "/clients/{public_id}/path",
    response={200: PathOut, 404: Message},
    summary="A job seeker's path to work: goals, steps, statuses and their log",
)
def client_path(request: HttpRequest, public_id: UUID):
    """The person's employment plan: goals with their steps, each step with its status, the
    service's fit for the person and the log of status changes. A person with no path yet has
    an empty plan. 404 unless the caller may see the person's competences. Audited."""
    client = (
        Client.objects.visible_to(request.user, ConsentScope.COMPETENCES)
        .filter(public_id=public_id)
        .first()
    )
    if client is None:
        raise HttpError(404, "No such job seeker, or you may not see their path")
    services.record_path_view(actor=request.user, client=client, page="path")
    return _plan(build_plan(client))


def _plan(plan: Plan) -> dict:
    path = plan.path
    return {
        "public_id": path.public_id if path else None,
        "client": plan.client.public_id,
        "organisation": _organisation(path.organisation) if path else None,
        "summary": path.summary if path else "",
        "agreed_on": path.agreed_on if path else None,
        "review_on": path.review_on if path else None,
        "goals": [
            {
                "title": g.goal.title,
                "target_date": g.goal.target_date,
                "achieved_on": g.goal.achieved_on,
                "steps": [_step(s) for s in g.steps],
            }
            for g in plan.goals
        ],
        "other_steps": [_step(s) for s in plan.other_steps],
    }


def _organisation(organisation) -> dict:
    return {"public_id": organisation.public_id, "name": organisation.name}


def _step(item: PlanStep) -> dict:
    step = item.step
    offer, referral, period = step.training_offer, step.referral, step.environment_period
    return {
        "public_id": step.public_id,
        "kind": step.kind,
        "title": str(step),
        "service": (
            {"code": step.service_type.code, "name": step.service_type.name}
            if step.service_type
            else None
        ),
        "training_offer": {"public_id": offer.public_id, "title": offer.title} if offer else None,
        "referral": (
            {"public_id": referral.public_id, "status": referral.status} if referral else None
        ),
        "environment_period": (
            {"public_id": period.public_id, "title": str(period.environment)} if period else None
        ),
        "responsible_organisation": _organisation(step.responsible_organisation),
        "start_date": step.start_date,
        "end_date": step.end_date,
        "status": step.status,
        "status_reason": step.status_reason,
        "eligible": item.eligible,
        "eligible_groups": item.groups,
        "log": [
            {
                "old_status": t.old_status,
                "new_status": t.new_status,
                "reason": t.reason,
                "at": t.at,
                "actor": (t.actor.get_full_name() or t.actor.username) if t.actor else None,
            }
            for t in item.log
        ],
    }
