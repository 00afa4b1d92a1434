"""A job seeker's path (employment plan): goals, steps and their status, the printable plan;
and the service catalogue, whose own types an organisation's admins keep.

The person is looked up through `Client.objects.visible_to(user, competences)` and a step
through `Path.objects.visible_to`: anyone outside the team gets 404. Each look at a path and
each printed plan is audited.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kohtaamo.clients.enums import ConsentScope
from kohtaamo.clients.models import Client
from kohtaamo.core.pdf import pdf_response
from kohtaamo.paths import services
from kohtaamo.paths.models import Path, ServiceType, Step, StepKind, StepStatus
from kohtaamo.paths.plan import GROUP_LABELS, build_plan, export_plan_pdf
from kohtaamo.paths.transitions import InvalidTransition
from kohtaamo.training.models import TrainingOffer
from kohtaamo.www.paths.forms import (
    GoalForm,
    PathForm,
    ServiceTypeForm,
    StatusForm,
    StepForm,
    add_service_errors,
    error_list,
)

STATUS_LABELS = dict(StepStatus.choices)

# The path ----------------------------------------------------------------------------------


def client_path(request, public_id):
    client = _team_client(request, public_id)
    services.record_path_view(actor=request.user, client=client)
    return _render_path(request, client)


def _render_path(request, client: Client, *, errors=(), failed=None, status=200):
    """The path page; `failed` is the step whose status change was refused, shown with the
    form as it was sent."""
    plan = build_plan(client)
    for item in [s for g in plan.goals for s in g.steps] + plan.other_steps:
        step = item.step
        item.statuses = [(s, STATUS_LABELS[s]) for s in services.allowed_statuses(step)]
        item.failed = failed is not None and failed.pk == step.pk
    return render(
        request,
        "paths/path.html",
        {
            "client": client,
            "plan": plan,
            "can_edit": services.can_edit_path(request.user, client),
            "unplanned_referrals": client.referrals.filter(steps__isnull=True).select_related(
                "vacancy", "employer", "training_offer", "service_type"
            ),
            "errors": list(errors),
        },
        status=status,
    )


def path_edit(request, public_id):
    """The plan's summary and dates; the path is started here if it was not yet."""
    client = _team_client(request, public_id)
    path = Path.objects.filter(client=client).first()
    initial = {f: getattr(path, f) for f in services.PATH_FIELDS} if path else {}
    form = PathForm(request.POST or None, initial=initial)

    def save():
        started = path or services.get_or_create_path(client=client, actor=request.user)
        services.update_path(path=started, actor=request.user, **form.cleaned_data)

    if _submitted(request, form, client, save, _("The changes were saved."), page="path_edit"):
        return redirect("www:client_path", public_id=client.public_id)
    return _render_form(request, "paths/path_form.html", form, client=client)


def _submitted(request, form, client: Client, save, success: str, *, page: str) -> bool:
    """The form posted, valid and saved by `save` (its message shown): True. A GET is a look at
    the person's record and audited as such; the service's ValidationError goes to the form."""
    if request.method != "POST":
        services.record_path_view(actor=request.user, client=client, page=page)
        return False
    if not form.is_valid():
        return False
    try:
        save()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    messages.success(request, success)
    return True


def path_goal_add(request, public_id):
    client = _team_client(request, public_id)
    form = GoalForm(request.POST or None)

    def save():
        path = services.get_or_create_path(client=client, actor=request.user)
        services.add_goal(path=path, actor=request.user, **form.cleaned_data)

    if _submitted(request, form, client, save, _("The goal was added."), page="path_goal_add"):
        return redirect("www:client_path", public_id=client.public_id)
    return _render_form(request, "paths/goal_form.html", form, client=client)


def path_step_add(request, public_id):
    client = _team_client(request, public_id)
    path = Path.objects.filter(client=client).first()
    form = StepForm(
        request.POST or None,
        client=client,
        path=path,
        organisation=request.organisation,
        initial=_step_initial(request, client),
    )

    def save():
        started = path or services.get_or_create_path(client=client, actor=request.user)
        services.add_step(path=started, actor=request.user, **form.cleaned_data)

    added = _("The step was added to the path.")
    if _submitted(request, form, client, save, added, page="path_step_add"):
        return redirect("www:client_path", public_id=client.public_id)
    return _render_form(request, "paths/step_form.html", form, client=client)


def _step_initial(request, client: Client) -> dict:
    """Prefill from ?service=<code>, ?offer=<uuid>, ?referral=<uuid> or ?period=<uuid> (the
    links of the path page and of other pages), and the organisation the user works for when
    it is in the person's team."""
    initial = {"kind": StepKind.SERVICE}
    query = request.GET
    found = [
        (StepKind.SERVICE, "service_type", _find(
            ServiceType.objects.available_to(request.organisation), code=query.get("service"))),
        (StepKind.TRAINING, "training_offer", _find(
            TrainingOffer.objects.all(), public_id=query.get("offer"))),
        (StepKind.REFERRAL, "referral", _find(client.referrals.all(),
                                              public_id=query.get("referral"))),
        (StepKind.LEARNING_ENVIRONMENT, "environment_period", _find(
            client.environment_periods.all(), public_id=query.get("period"))),
    ]  # fmt: skip
    for kind, field, target in found:
        if target is not None:
            initial.update({"kind": kind, field: target.pk})
    if request.organisation in services.team_organisations(client):
        initial["responsible_organisation"] = request.organisation.pk
    return initial


def _find(queryset, **lookup):
    """The row that a query parameter names, or None for a missing or malformed value."""
    ((field, value),) = lookup.items()
    if not value:
        return None
    try:
        return queryset.filter(**{field: value}).first()
    except (ValueError, ValidationError):
        return None


def path_step_edit(request, step_id):
    step = _team_step(request, step_id)
    client = step.path.client
    form = StepForm(
        request.POST or None,
        client=client,
        path=step.path,
        organisation=request.organisation,
        step=step,
        initial={f: getattr(step, f"{f}_id", getattr(step, f, None)) for f in StepForm.base_fields},
    )

    def save():
        services.update_step(step=step, actor=request.user, **form.cleaned_data)

    if _submitted(request, form, client, save, _("The changes were saved."), page="path_step_edit"):
        return redirect("www:client_path", public_id=client.public_id)
    return _render_form(request, "paths/step_form.html", form, client=client, step=step)


@require_POST
def path_step_status(request, step_id):
    """Move a step along its workflow; a refused change shows the path again with the reason."""
    step = _team_step(request, step_id)
    client = step.path.client
    form = StatusForm(request.POST)
    # The error links to the status field, or to the step itself when it has none (done).
    prefix = "status" if services.allowed_statuses(step) else "step"
    anchor = f"{prefix}-{step.public_id}"
    if not form.is_valid():
        return _render_path(request, client, errors=[(anchor, _("Choose a status."))],
                            failed=step, status=400)  # fmt: skip
    new, reason = form.cleaned_data["status"], form.cleaned_data["reason"]
    old = step.status
    try:
        services.change_step_status(step, new, reason=reason, actor=request.user)
    except InvalidTransition:
        message = _refusal(old, new, reason)
        anchor = f"reason-{step.public_id}" if _needs_reason(old, new, reason) else anchor
        return _render_path(request, client, errors=[(anchor, message)], failed=step, status=400)
    messages.success(
        request,
        _("“%(step)s” is now %(status)s.") % {"step": step, "status": STATUS_LABELS[new]},
    )
    return redirect("www:client_path", public_id=client.public_id)


def _needs_reason(old: str, new: str, reason: str) -> bool:
    return new == StepStatus.INTERRUPTED and old != StepStatus.DONE and not reason.strip()


def _refusal(old: str, new: str, reason: str) -> str:
    if _needs_reason(old, new, reason):
        return _("Say why the step is interrupted.")
    if old == StepStatus.DONE:
        return _("A done step stays done: add a new step instead.")
    return _("A step that is %(old)s cannot become %(new)s.") % {
        "old": STATUS_LABELS[old],
        "new": STATUS_LABELS[new],
    }


def client_path_pdf(request, public_id):
    client = _team_client(request, public_id)
    content = export_plan_pdf(actor=request.user, client=client, request=request)
    return pdf_response(content, _("employment plan"))


def _render_form(request, template: str, form, **context):
    return render(
        request,
        template,
        {"form": form, "errors": error_list(form), **context},
        status=400 if form.is_bound and form.errors else 200,
    )


# The service catalogue ---------------------------------------------------------------------


def service_catalogue(request):
    """The shared catalogue and the organisation's own types, for every member."""
    organisation = request.organisation
    if organisation is None:
        raise Http404
    available = list(ServiceType.objects.available_to(organisation))
    for service in available:
        service.group_labels = [str(GROUP_LABELS.get(g, g)) for g in service.eligible_groups]
    return render(
        request,
        "paths/catalogue.html",
        {
            "shared": [s for s in available if s.organisation_id is None],
            "own": [s for s in available if s.organisation_id is not None],
            "organisation": organisation,
            "can_manage": services.can_manage_catalogue(request.user, organisation),
        },
    )


def service_type_add(request):
    organisation = request.organisation
    if not services.can_manage_catalogue(request.user, organisation):
        raise Http404
    form = ServiceTypeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_service_type(
                organisation=organisation, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The service was added to your catalogue."))
            return redirect("www:service_catalogue")
    return _render_form(request, "paths/service_form.html", form, organisation=organisation)


def service_type_edit(request, code):
    """Only the organisation's own types: a shared type is a 404 here, whoever asks."""
    organisation = request.organisation
    if not services.can_manage_catalogue(request.user, organisation):
        raise Http404
    service = get_object_or_404(ServiceType, organisation=organisation, code=code)
    form = ServiceTypeForm(request.POST or None, initial=ServiceTypeForm.initial_for(service))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_service_type(service=service, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("www:service_catalogue")
    return _render_form(
        request, "paths/service_form.html", form, organisation=organisation, service=service
    )


# Look-ups ----------------------------------------------------------------------------------


def _team_client(request, public_id) -> Client:
    return get_object_or_404(
        Client.objects.visible_to(request.user, ConsentScope.COMPETENCES).select_related(
            "organisation", "municipality"
        ),
        public_id=public_id,
    )


def _team_step(request, step_id) -> Step:
    return get_object_or_404(
        Step.objects.filter(path__in=Path.objects.visible_to(request.user)).select_related(
            "path__client__organisation"
        ),
        public_id=step_id,
    )
