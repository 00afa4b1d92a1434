"""Referral pages: the coordinator's outcome view, one referral with its log, sending one, and
the public answer page of the receiver who has no account.

Referrals are looked up through `Referral.objects.visible_to`: someone outside the person's
team gets 404. The answer page answers every link that does not work (unknown, used, expired,
of an ended referral) with the same neutral 404 page, so that it confirms nothing.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kohtaamo.audit import services as audit
from kohtaamo.audit.enums import AuditAction
from kohtaamo.clients import perms
from kohtaamo.clients.enums import ConsentScope
from kohtaamo.clients.models import Client, Consent
from kohtaamo.employers.models import Employer
from kohtaamo.paths import referrals as services
from kohtaamo.paths.models import Referral, ReferralKind, ReferralStatus, ServiceType
from kohtaamo.training.models import TrainingOffer
from kohtaamo.vacancies.models import Vacancy
from kohtaamo.www.referrals.forms import TARGETS, ReferralFilterForm, ReferralForm, StatusForm

PAGE_SIZE = 50


# The outcome view ----------------------------------------------------------------------------


def index(request):
    """Every referral the current organisation sent, with what came of it."""
    organisation = request.organisation
    sent = Referral.objects.visible_to(request.user).filter(organisation=organisation)
    filter_form = ReferralFilterForm(request.GET or None)
    rows = _filtered(sent, filter_form.filters())
    page = Paginator(rows.with_targets(), PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for referral in page.object_list:
        referral.waiting = services.days_waiting(referral, today)
        referral.overdue = referral.is_overdue(today)
    _audit_list(request, organisation, page.object_list)
    summary = services.outcome_summary(sent, today=today)
    return render(
        request,
        "referrals/index.html",
        {
            "organisation": organisation,
            "summary": summary,
            "status_counts": [(ReferralStatus(s).label, n) for s, n in summary.by_status.items()],
            "filter_form": filter_form,
            "page": page,
        },
    )


def _filtered(referrals, filters: dict):
    if filters.get("status"):
        referrals = referrals.filter(status=filters["status"])
    if filters.get("kind"):
        referrals = referrals.filter(kind=filters["kind"])
    if filters.get("overdue"):
        referrals = referrals.unanswered()
    return referrals


def _audit_list(request, organisation, rows) -> None:
    """The list names people: one VIEW row names them all (by public id)."""
    if not rows:
        return
    audit.record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type="paths.referral",
        organisation=organisation,
        detail={
            "page": "referrals",
            "clients": list(dict.fromkeys(str(r.client.public_id) for r in rows)),
        },
    )


# One referral --------------------------------------------------------------------------------


def detail(request, public_id):
    referral = _visible_referral(request, public_id)
    _audit_view(request, referral)
    return _render_detail(request, referral, StatusForm(choices=services.next_statuses(referral)))


def _render_detail(request, referral: Referral, form: StatusForm, status: int = 200):
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": referral,
            "events": referral.events.select_related("actor"),
            "links": referral.answer_links.order_by("-created_at"),
            "form": form,
            "ended": referral.status in services.ENDED,
            "overdue": referral.is_overdue(),
            "waiting": services.days_waiting(referral),
        },
        status=status,
    )


def _audit_view(request, referral: Referral) -> None:
    audit.record(
        actor=request.user,
        action=AuditAction.VIEW,
        obj=referral,
        organisation=perms.acting_organisation(request.user, referral.client),
        detail={"client": str(referral.client.public_id)},
    )


@require_POST
def change_status(request, public_id):
    referral = _visible_referral(request, public_id)
    form = StatusForm(request.POST, choices=services.next_statuses(referral))
    if form.is_valid():
        try:
            services.change_referral_status(
                referral, form.cleaned_data["status"], actor=request.user,
                reason=form.cleaned_data["reason"], comment=form.cleaned_data["comment"],
            )  # fmt: skip
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The status was saved."))
            return redirect("www:referral", public_id=referral.public_id)
    return _render_detail(request, referral, form, status=400)


@require_POST
def new_link(request, public_id):
    """Mail a new answer link; the earlier ones stop working."""
    referral = _visible_referral(request, public_id)
    try:
        services.issue_answer_link(referral, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("A new answer link was mailed to %(email)s; the earlier links no longer work.")
            % {"email": referral.receiver_email},
        )
    return redirect("www:referral", public_id=referral.public_id)


def _visible_referral(request, public_id) -> Referral:
    return get_object_or_404(
        Referral.objects.visible_to(request.user).with_targets(), public_id=public_id
    )


def _add_errors(form, exc: ValidationError) -> None:
    for name, errors in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


# Sending -------------------------------------------------------------------------------------


def add(request, public_id):
    """Refer a job seeker; ?vacancy=, ?employer=, ?offer= (public ids) or ?service= (code)
    fill in the target, and an employer's primary contact the receiver."""
    client = get_object_or_404(
        Client.objects.visible_to(request.user, ConsentScope.COMPETENCES), public_id=public_id
    )
    organisation = _referring_organisation(request, client)
    initial = _prefill(request, organisation)
    form = ReferralForm(
        request.POST or None, initial=initial, user=request.user, organisation=organisation
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral, token = services.create_referral(
                client, kind=data["kind"], target=form.target(), actor=request.user,
                organisation=organisation, receiver_name=data["receiver_name"],
                receiver_email=data["receiver_email"], message=data["message"],
                answer_due=data["answer_due"],
            )  # fmt: skip
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _sent_message(referral, token))
            return redirect("www:referral", public_id=referral.public_id)
    return render(
        request,
        "referrals/add.html",
        {
            "client": client,
            "form": form,
            "organisation": organisation,
            "errors": _errors(form),
            "fixed": _fixed_target(initial),
        },
        status=400 if form.errors else 200,
    )


def _referring_organisation(request, client: Client):
    """The current organisation when it is in the person's team, else the one the user sees
    the person through."""
    current = request.organisation
    if current is not None and perms.can_create_clients_in(request.user, current):
        in_team = current.pk == client.organisation_id or (
            Consent.objects.active()
            .filter(client=client, organisation=current, scope__in=["competences", "full"])
            .exists()
        )
        if in_team:
            return current
    return perms.acting_organisation(request.user, client)


def _prefill(request, organisation) -> dict:
    get = request.GET
    initial: dict = {}
    vacancy = _by_public_id(Vacancy.objects.visible_to(request.user), get.get("vacancy"))
    employer = _by_public_id(Employer.objects.visible_to(request.user), get.get("employer"))
    offer = _by_public_id(TrainingOffer.objects.all(), get.get("offer"))
    service = (
        ServiceType.objects.available_to(organisation)
        .filter(code=get.get("service", ""))
        .order_by("organisation")  # the organisation's own type before a shared one
        .first()
    )
    if vacancy:
        initial |= {"kind": ReferralKind.VACANCY, "vacancy": vacancy.public_id, "object": vacancy}
        employer = vacancy.employer
    elif employer:
        initial |= {
            "kind": ReferralKind.EMPLOYER,
            "employer": employer.public_id,
            "object": employer,
        }
    elif offer:
        initial |= {
            "kind": ReferralKind.TRAINING,
            "training_offer": offer.public_id,
            "object": offer,
        }
    elif service:
        initial |= {"kind": ReferralKind.SERVICE, "service_type": service.pk, "object": service}
    contact = employer.contacts.exclude(email="").first() if employer else None
    if contact:
        initial |= {"receiver_name": contact.name, "receiver_email": contact.email}
    return initial


def _fixed_target(initial: dict) -> dict | None:
    """With a prefilled target (the page was opened from a vacancy, an employer, an offer or
    a service), the form shows it as text instead of four long lists."""
    kind = initial.get("kind")
    if not kind:
        return None
    name = TARGETS[kind]
    return {
        "kind": kind,
        "label": ReferralKind(kind).label,
        "field": name,
        "value": initial[name],
        "object": initial["object"],
    }


def _by_public_id(queryset, value):
    try:
        return queryset.filter(public_id=uuid.UUID(str(value))).first() if value else None
    except ValueError:
        return None


def _sent_message(referral: Referral, token: str | None) -> str:
    if token:
        return _("The referral was saved and an answer link mailed to %(email)s.") % {
            "email": referral.receiver_email
        }
    return _("The referral was saved. It has no receiver's email: record the outcome here.")


def _errors(form) -> list[tuple[str, str]]:
    """(field id, message) pairs for the error summary."""
    pairs = [("", str(e)) for e in form.non_field_errors()]
    for field in form:
        anchor = field.id_for_label or f"{field.auto_id}_0"
        pairs += [(anchor, f"{field.label}: {e}") for e in field.errors]
    return pairs


# The receiver's answer (public) --------------------------------------------------------------


@login_not_required
@never_cache
def answer(request, token):
    """The receiver's page: the person's name, what they were referred to, by whom and the
    message; nothing else. Opening it changes nothing (mail scanners open links too); the
    answer uses the link up."""
    try:
        referral, _link = services.referral_for_token(token)
    except services.InvalidAnswerLink:
        return _link_gone(request)
    form = StatusForm(request.POST or None, choices=services.link_choices(referral))
    form.fields["status"].label = _("Your answer")
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.answer_with_token(token, **form.cleaned_data)
        except services.InvalidAnswerLink:
            return _link_gone(request)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return _unindexed(render(request, "referrals/answer_done.html", {"referral": referral}))
    else:
        audit.record(
            actor=None,
            action=AuditAction.VIEW,
            obj=referral,
            organisation=referral.organisation,
            detail={"via_link": True},
        )
    return _unindexed(
        render(
            request,
            "referrals/answer.html",
            {"referral": referral, "form": form, "errors": _errors(form)},
            status=400 if form.errors else 200,
        )
    )


def _link_gone(request):
    return _unindexed(render(request, "referrals/answer_gone.html", status=404))


def _unindexed(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
