"""Referrals for integrations: list, read and send them, record what came of them.

Each referral carries its `status` and its `log` (every status change, by whom). A referral is
visible to the organisations in the person's team (owner, or a consent of at least the
competences scope); anyone else gets 404. An answer link's token is mailed to the receiver and
never returned here.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from kohtaamo.api.errors import field_errors
from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.clients import perms
from kohtaamo.clients.enums import ConsentScope
from kohtaamo.clients.models import Client
from kohtaamo.employers.models import Employer
from kohtaamo.paths import referrals as services
from kohtaamo.paths.models import Referral, ServiceType
from kohtaamo.training.models import TrainingOffer
from kohtaamo.vacancies.models import Vacancy

router = Router(tags=["referrals"])

StatusName = Literal["sent", "seen", "interview", "hired", "not_chosen", "withdrawn"]
KindName = Literal["vacancy", "employer", "training", "service"]


class TargetOut(Schema):
    public_id: UUID | None = Field(description="Of the vacancy, employer or training offer")
    code: str | None = Field(description="Of the service type")
    name: str


class EventOut(Schema):
    at: datetime
    old_status: str = Field(description="Empty for the first event")
    new_status: str
    reason: str
    comment: str
    by: str = Field(description="The user's name, 'answer link' or empty")


class ReferralOut(Schema):
    public_id: UUID
    client: UUID = Field(description="public_id of the job seeker")
    client_name: str
    organisation: str = Field(description="The referring organisation")
    kind: KindName
    target: TargetOut
    receiver_name: str
    receiver_email: str
    status: StatusName
    status_reason: str
    sent_on: date
    answer_due: date
    answered_at: datetime | None
    overdue: bool = Field(description="Sent, no answer, and the answer was due before today")
    days_waiting: int = Field(description="Days from sending to the first answer, or to today")
    log: list[EventOut]
    url: str = Field(description="The referral's page in Kohtaamo")


class ReferralPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ReferralOut]


class ReferralFilters(Schema):
    status: StatusName | Literal[""] = ""
    kind: KindName | Literal[""] = ""
    overdue: bool = Field(False, description="Only those sent, unanswered, past their due date")
    client: UUID | None = Field(None, description="Only this job seeker's referrals")
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=200)


class ReferralIn(Schema):
    client: UUID = Field(description="public_id of the job seeker")
    kind: KindName
    vacancy: UUID | None = Field(None, description="public_id; for kind vacancy")
    employer: UUID | None = Field(None, description="public_id; for kind employer")
    training_offer: UUID | None = Field(None, description="public_id; for kind training")
    service: str | None = Field(None, description="Service type code; for kind service")
    receiver_name: str = Field("", max_length=200)
    receiver_email: str = Field("", description="Gets the one-time answer link by mail")
    message: str = Field("", max_length=4000)
    answer_due: date | None = Field(None, description="Default: in the usual number of days")
    organisation: UUID | None = Field(
        None, description="public_id of the referring organisation, if you work for several"
    )


class StatusIn(Schema):
    status: StatusName
    reason: str = Field("", max_length=300, description="Required for not_chosen")
    comment: str = ""


class FieldError(Schema):
    loc: list[str | int]
    msg: str


class ValidationErrorOut(Schema):
    detail: list[FieldError]


class Message(Schema):
    detail: str


@router.get("", response=ReferralPage, summary="List referrals with their status and log")
def list_referrals(request: HttpRequest, filters: Query[ReferralFilters]):
    """The referrals of the job seekers in the caller's teams, newest first."""
    referrals = Referral.objects.visible_to(request.user)
    if filters.status:
        referrals = referrals.filter(status=filters.status)
    if filters.kind:
        referrals = referrals.filter(kind=filters.kind)
    if filters.overdue:
        referrals = referrals.unanswered()
    if filters.client:
        referrals = referrals.filter(client__public_id=filters.client)
    rows = referrals.with_targets().prefetch_related("events__actor")
    paginator = Paginator(rows, filters.page_size)
    page = list(paginator.page(filters.page)) if filters.page <= paginator.num_pages else []
    _audit_read(request, page)
    return {
        "count": paginator.count,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [referral_out(r) for r in page],
    }


@router.post(
    "",
    response={201: ReferralOut, 400: ValidationErrorOut, 404: Message},
    summary="Send a referral",
)
def create_referral(request: HttpRequest, body: ReferralIn):
    """Refer a job seeker of the caller's team (competences scope at least). With a
    receiver_email the receiver gets a one-time answer link by mail. 404 for a job seeker
    the caller may not refer."""
    client = (
        Client.objects.visible_to(request.user, ConsentScope.COMPETENCES)
        .filter(public_id=body.client)
        .first()
    )
    if client is None:
        raise HttpError(404, "No such job seeker, or you may not see their competences")
    try:
        organisation = _organisation_for(request.user, client, body.organisation)
        referral, _token = services.create_referral(
            client, kind=body.kind, target=_target(request.user, body, organisation),
            actor=request.user, organisation=organisation, receiver_name=body.receiver_name,
            receiver_email=body.receiver_email, message=body.message, answer_due=body.answer_due,
        )  # fmt: skip
    except ValidationError as exc:
        return Status(400, {"detail": field_errors(exc)})
    return Status(201, referral_out(referral))


@router.get(
    "/{public_id}",
    response={200: ReferralOut, 404: Message},
    summary="One referral with its status and log",
)
def get_referral(request: HttpRequest, public_id: UUID):
    referral = _visible(request, public_id)
    _audit_read(request, [referral])
    return referral_out(referral)


@router.post(
    "/{public_id}/status",
    response={200: ReferralOut, 400: ValidationErrorOut, 404: Message},
    summary="Record a new status",
)
def change_status(request: HttpRequest, public_id: UUID, body: StatusIn):
    """Forward only: sent → seen → interview → hired / not_chosen (with a reason) /
    withdrawn; steps may be skipped. An ended referral stays ended (400 naming `status`)."""
    referral = _visible(request, public_id)
    try:
        referral = services.change_referral_status(
            referral, body.status, reason=body.reason, comment=body.comment, actor=request.user
        )
    except ValidationError as exc:
        return Status(400, {"detail": field_errors(exc)})
    return referral_out(_visible(request, public_id))


# Helpers -------------------------------------------------------------------------------------


def _visible(request, public_id: UUID) -> Referral:
    referral = (
        Referral.objects.visible_to(request.user)
        .with_targets()
        .prefetch_related("events__actor")
        .filter(public_id=public_id)
        .first()
    )
    if referral is None:
        raise HttpError(404, "No such referral")
    return referral


def _audit_read(request, referrals: list[Referral]) -> None:
    if not referrals:
        return
    audit.record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type="paths.referral",
        organisation=perms.working_organisations(request.user).first(),
        detail={
            "api": True,
            "referrals": [str(r.public_id) for r in referrals],
            "clients": list(dict.fromkeys(str(r.client.public_id) for r in referrals)),
        },
    )


def _organisation_for(user, client: Client, public_id: UUID | None):
    if public_id is None:
        organisation = perms.acting_organisation(user, client)
        if organisation is not None:
            return organisation
    found = perms.working_organisations(user).filter(public_id=public_id).first()
    if found is None:
        raise ValidationError({"organisation": "Not one of the organisations you work for"})
    return found


def _target(user, body: ReferralIn, organisation):
    """The object the referral names, looked up among what the caller may see."""
    lookups = {
        "vacancy": ("vacancy", Vacancy.objects.visible_to(user), "public_id", body.vacancy),
        "employer": ("employer", Employer.objects.visible_to(user), "public_id", body.employer),
        "training": (
            "training_offer",
            TrainingOffer.objects.all(),
            "public_id",
            body.training_offer,
        ),
        "service": (
            "service",
            ServiceType.objects.active().available_to(organisation).order_by("organisation"),
            "code",
            body.service,
        ),
    }
    name, queryset, key, value = lookups[body.kind]
    found = queryset.filter(**{key: value}).first() if value else None
    if found is None:
        raise ValidationError({name: f"Give the {name} the referral is for (kind {body.kind})"})
    return found


def referral_out(referral: Referral) -> dict:
    target = referral.target
    return {
        "public_id": referral.public_id,
        "client": referral.client.public_id,
        "client_name": f"{referral.client.first_name} {referral.client.last_name}",
        "organisation": referral.organisation.name,
        "kind": referral.kind,
        "target": {
            "public_id": getattr(target, "public_id", None),
            "code": getattr(target, "code", None),
            "name": getattr(target, "title", None) or getattr(target, "name", str(target)),
        },
        "receiver_name": referral.receiver_name,
        "receiver_email": referral.receiver_email,
        "status": referral.status,
        "status_reason": referral.status_reason,
        "sent_on": referral.sent_on,
        "answer_due": referral.answer_due,
        "answered_at": referral.answered_at,
        "overdue": referral.is_overdue(),
        "days_waiting": services.days_waiting(referral),
        "log": [_event_out(e) for e in referral.events.all()],
        "url": reverse("www:referral", kwargs={"public_id": referral.public_id}),
    }


def _event_out(event) -> dict:
    if event.via_link:
        by = "answer link"
    elif event.actor:
        by = event.actor.get_full_name() or event.actor.username
    else:
        by = ""
    return {
        "at": event.at,
        "old_status": event.old_status,
        "new_status": event.new_status,
        "reason": event.reason,
        "comment": event.comment,
        "by": by,
    }
