"""Learning-environment recognition: environments described by their tasks, the tasks mapped
with a vocational teacher to the skill requirements of qualification units, the college's
sign-off, and job seekers' periods that end in a competence certificate (PDF in fi/sv/en).

Environments hold no personal data: their pages are open to the staff of the environment's
organisation and of the teacher's college (`LearningEnvironment.objects.visible_to`), anyone
else gets 404. Periods and certificates are personal data: they follow the job seeker's record
with the "competences" scope, changes need the right to edit the record, and every view and
print is audited.
"""

from __future__ import annotations

from collections import OrderedDict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kohtaamo.clients.enums import ConsentScope
from kohtaamo.clients.models import Client
from kohtaamo.core.i18n import active_language
from kohtaamo.core.pdf import pdf_response
from kohtaamo.qualifications.models import QualificationUnit
from kohtaamo.recognition import certificate, perms, services
from kohtaamo.recognition.models import (
    EnvironmentPeriod,
    EnvironmentTask,
    LearningEnvironment,
    TaskRequirement,
)
from kohtaamo.www.recognition.forms import (
    DemonstratedForm,
    EnvironmentForm,
    PeriodForm,
    SignOffForm,
    TaskForm,
)

UNIT_RESULTS = 20


def _errors(form, prefix: str = "") -> list[tuple[str, str]]:
    """(anchor, message) pairs for the error summary, linking to each field."""
    return [
        (f"id_{prefix}{name}" if name in form.fields else "", _label(form, name) + message)
        for name, found in form.errors.items()
        for message in found
    ]


def _label(form, name: str) -> str:
    field = form.fields.get(name)
    return f"{field.label}: " if field is not None and field.label else ""


def _service_errors(exc: ValidationError, anchors: dict[str, str]) -> list[tuple[str, str]]:
    if hasattr(exc, "error_dict"):
        return [
            (anchors.get(name, ""), message)
            for name, found in exc.message_dict.items()
            for message in found
        ]
    return [("", message) for message in exc.messages]


# -- Environments ---------------------------------------------------------------------------


@require_GET
def environments(request):
    rows = (
        LearningEnvironment.objects.visible_to(request.user)
        .select_related("organisation", "teacher_organisation", "municipality")
        .annotate(
            task_count=Count("tasks", distinct=True),
            requirement_count=Count("tasks__requirements", distinct=True),
        )
        .distinct()
    )
    can_add = perms.can_create_environment(request.user, request.organisation)
    return render(
        request, "recognition/environments.html", {"environments": rows, "can_add": can_add}
    )


def environment_add(request):
    if not perms.can_create_environment(request.user, request.organisation):
        raise Http404
    form = EnvironmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_environment(
                actor=request.user, organisation=request.organisation, **form.cleaned_data
            )
        except ValidationError as exc:
            errors = _service_errors(exc, {"teacher_organisation": "id_teacher_organisation"})
            return _environment_form(request, form, errors, status=400)
        messages.success(request, _("The learning environment was added. Describe its tasks."))
        return redirect(created.get_absolute_url())
    status = 400 if form.is_bound else 200
    return _environment_form(request, form, _errors(form), status=status)


def _environment_form(request, form, errors, status=200, environment=None):
    context = {"form": form, "errors": errors, "environment": environment}
    return render(request, "recognition/environment_form.html", context, status=status)


def environment_edit(request, public_id):
    """The description and the teacher; a change of the teacher withdraws the sign-off."""
    environment = _editable_environment(request, public_id)
    initial = {name: getattr(environment, name) for name in EnvironmentForm.base_fields}
    form = EnvironmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        was_signed_off = environment.is_signed_off
        try:
            environment = services.update_environment(
                actor=request.user, environment=environment, **form.cleaned_data
            )
        except ValidationError as exc:
            errors = _service_errors(exc, {"teacher_organisation": "id_teacher_organisation"})
            return _environment_form(request, form, errors, 400, environment)
        messages.success(request, _("The learning environment was saved."))
        if was_signed_off and not environment.is_signed_off:
            messages.warning(request, _("The sign-off was withdrawn: the teacher changed."))
        return redirect(environment.get_absolute_url())
    status = 400 if form.is_bound else 200
    return _environment_form(request, form, _errors(form), status, environment)


def _visible_environment(request, public_id) -> LearningEnvironment:
    environments = LearningEnvironment.objects.visible_to(request.user).select_related(
        "organisation", "teacher_organisation", "signed_off_by", "municipality"
    )
    return get_object_or_404(environments.distinct(), public_id=public_id)


def _editable_environment(request, public_id) -> LearningEnvironment:
    environment = _visible_environment(request, public_id)
    if not perms.can_edit_environment(request.user, environment):
        raise Http404
    return environment


@require_GET
def environment(request, public_id):
    return _render_environment(request, _visible_environment(request, public_id))


def _render_environment(request, environment, *, status=200, errors=(), **extra):
    can_edit = perms.can_edit_environment(request.user, environment)
    unit = _chosen_unit(request.GET.get("unit")) if can_edit else None
    tasks = _tasks(environment)
    context = {
        "environment": environment,
        "can_edit": can_edit,
        "can_sign_off": perms.can_sign_off(request.user, environment),
        "is_mapped": any(task.units for task in tasks),
        "tasks": tasks,
        "errors": list(errors),
        "task_form": TaskForm(prefix="task"),
        "sign_off_form": SignOffForm(prefix="sign"),
        "search": _unit_search(request.GET.get("q", "")) if can_edit else None,
        "unit": unit,
        "matrix": _matrix(unit, tasks) if unit else None,
        **extra,
    }
    return render(request, "recognition/environment.html", context, status=status)


def _tasks(environment) -> list[EnvironmentTask]:
    """The tasks, each with `units`: [(unit, [(number, requirement text)])] in the UI
    language."""
    requirements = TaskRequirement.objects.select_related("unit")
    tasks = list(environment.tasks.prefetch_related(Prefetch("requirements", requirements)))
    lang = active_language()
    for task in tasks:
        grouped: OrderedDict = OrderedDict()
        for requirement in task.requirements.all():
            text = certificate.pick(requirement.text, lang)
            grouped.setdefault(requirement.unit, []).append(
                (requirement.requirement_index + 1, text, requirement.pk)
            )
        task.units = list(grouped.items())
    return tasks


def _unit_search(query: str) -> dict:
    query = query.strip()[:200]
    hits = []
    if query:
        hits = list(
            QualificationUnit.objects.filter(
                Q(name_fi__icontains=query)
                | Q(name_sv__icontains=query)
                | Q(name_en__icontains=query)
                | Q(code__startswith=query)
            )
            .prefetch_related("qualifications")
            .order_by("name_fi")[:UNIT_RESULTS]
        )
    return {"query": query, "hits": hits}


def _chosen_unit(value) -> QualificationUnit | None:
    if not (value or "").isdigit():
        return None
    return QualificationUnit.objects.filter(eperusteet_id=int(value)).first()


def _matrix(unit: QualificationUnit, tasks: list[EnvironmentTask]) -> list[dict]:
    """A row per skill requirement of `unit`, a checkbox per task: does the task show it?"""
    lang = active_language()
    mapped = {
        (task.pk, r.requirement_index)
        for task in tasks
        for r in task.requirements.all()
        if r.unit_id == unit.pk
    }
    return [
        {
            "index": index,
            "number": index + 1,
            "text": certificate.pick(texts if isinstance(texts, dict) else {}, lang),
            "cells": [(task, (task.pk, index) in mapped) for task in tasks],
        }
        for index, texts in enumerate(unit.skill_requirements or [])
    ]


@require_GET
def unit_search(request, public_id):
    """Live results of the qualification-unit search (htmx)."""
    environment = _editable_environment(request, public_id)
    context = {"environment": environment, "search": _unit_search(request.GET.get("q", ""))}
    return render(request, "recognition/_unit_results.html", context)


@require_POST
def task_change(request, public_id):
    """Add a task, or save or remove one (`action`, and `task` for the latter two)."""
    environment = _editable_environment(request, public_id)
    action = request.POST.get("action", "add")
    task = None
    if action != "add":
        task = get_object_or_404(environment.tasks, pk=_int(request.POST.get("task")))
    if action == "remove":
        services.remove_task(actor=request.user, task=task)
        messages.success(request, _("The task was removed."))
        return redirect(environment.get_absolute_url() + "#tasks")
    prefix = "task" if task is None else f"task-{task.pk}"
    form = TaskForm(request.POST, prefix=prefix)
    if not form.is_valid():
        extra = {"task_form": form} if task is None else {}
        errors = _errors(form, f"{prefix}-")
        return _render_environment(request, environment, status=400, errors=errors, **extra)
    if task is None:
        services.add_task(actor=request.user, environment=environment, **form.cleaned_data)
        messages.success(request, _("The task was added."))
    else:
        services.edit_task(actor=request.user, task=task, **form.cleaned_data)
        messages.success(request, _("The task was saved."))
    return redirect(environment.get_absolute_url() + "#tasks")


def _int(value) -> int:
    return int(value) if (value or "").isdigit() else 0


@require_POST
def mapping(request, public_id):
    """Save the matrix of one unit: which tasks show which of its skill requirements."""
    environment = _editable_environment(request, public_id)
    unit = _chosen_unit(request.POST.get("unit"))
    if unit is None:
        raise Http404
    checked = set(request.POST.getlist("map"))
    with transaction.atomic():
        for task in environment.tasks.all():
            indices = [
                i for i in range(len(unit.skill_requirements or [])) if f"{task.pk}:{i}" in checked
            ]
            services.map_requirements(actor=request.user, task=task, unit=unit, indices=indices)
    messages.success(request, _("The mapping was saved."))
    return redirect(f"{environment.get_absolute_url()}?unit={unit.eperusteet_id}#mapping")


@require_POST
def sign_off(request, public_id):
    environment = _visible_environment(request, public_id)
    if not perms.can_sign_off(request.user, environment):
        raise Http404
    form = SignOffForm(request.POST, prefix="sign")
    if not form.is_valid():
        return _render_environment(request, environment, status=400, errors=_errors(form, "sign-"))
    try:
        services.sign_off(
            environment=environment,
            actor=request.user,
            recognised_on=form.cleaned_data["recognised_on"],
        )
    except ValidationError as exc:
        errors = _service_errors(exc, {"tasks": "tasks"})
        return _render_environment(request, environment, status=400, errors=errors)
    messages.success(request, _("The recognition was signed off."))
    return redirect(environment.get_absolute_url())


# -- Periods and certificates ---------------------------------------------------------------


def period_add(request, public_id):
    """Start a job seeker's period in one of the user's environments."""
    clients = Client.objects.visible_to(request.user, ConsentScope.COMPETENCES)
    client = get_object_or_404(clients, public_id=public_id)
    if not perms.can_record_period(request.user, client):
        raise Http404
    environments = LearningEnvironment.objects.visible_to(request.user).distinct()
    form = PeriodForm(request.POST or None, environments=environments)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.start_period(actor=request.user, client=client, **form.cleaned_data)
        except ValidationError as exc:
            anchors = {"environment": "id_environment", "end_date": "id_end_date"}
            return _period_form(request, client, form, _service_errors(exc, anchors), 400)
        messages.success(request, _("The period was started."))
        return redirect("www:environment_period", public_id=created.public_id)
    return _period_form(request, client, form, _errors(form), 400 if form.is_bound else 200)


def _period_form(request, client, form, errors, status):
    periods = list(client.environment_periods.select_related("environment"))
    services.record_periods_view(actor=request.user, client=client)
    context = {"client": client, "form": form, "errors": errors, "periods": periods}
    return render(request, "recognition/period_form.html", context, status=status)


def _visible_period(request, public_id) -> EnvironmentPeriod:
    periods = EnvironmentPeriod.objects.visible_to(request.user).select_related(
        "client", "client__organisation", "environment", "environment__organisation"
    )
    return get_object_or_404(periods, public_id=public_id)


def period(request, public_id):
    """GET shows the period; POST saves the demonstrated tasks (`action=save`) or issues the
    certificate (`action=issue`)."""
    found = _visible_period(request, public_id)
    can_record = perms.can_record_period(request.user, found.client)
    if request.method != "POST":
        return _render_period(request, found, can_record=can_record)
    if not can_record:
        raise Http404
    if request.POST.get("action") == "issue":
        return _issue(request, found)
    form = DemonstratedForm(request.POST, tasks=found.environment.tasks.all())
    if not form.is_valid():
        return _render_period(request, found, True, form=form, errors=_errors(form), status=400)
    try:
        services.record_demonstrated(actor=request.user, period=found, **form.cleaned_data)
    except ValidationError as exc:
        errors = _service_errors(exc, {"tasks": "tasks", "end_date": "id_end_date"})
        return _render_period(request, found, True, form=form, errors=errors, status=400)
    messages.success(request, _("The demonstrated tasks were saved."))
    return redirect("www:environment_period", public_id=found.public_id)


def _issue(request, found):
    try:
        services.issue_certificate(period=found, actor=request.user)
    except ValidationError as exc:
        errors = _service_errors(exc, {"tasks": "tasks", "end_date": "id_end_date"})
        return _render_period(request, found, True, errors=errors, status=400)
    messages.success(
        request, _("The certificate was issued and its units were added to the competences.")
    )
    return redirect("www:environment_period", public_id=found.public_id)


def _render_period(request, found, can_record, *, form=None, errors=(), status=200):
    services.record_period_view(actor=request.user, period=found)
    issued = found.certificate_issued_on is not None
    frozen = (issued and found.certificate) or certificate.snapshot(found)
    if form is None and can_record and not issued:
        form = DemonstratedForm(
            tasks=found.environment.tasks.all(),
            initial={"tasks": found.demonstrated_tasks.all(), "end_date": found.end_date},
        )
    context = {
        "period": found,
        "client": found.client,
        "environment": found.environment,
        "can_record": can_record and not issued,
        "issued": issued,
        "form": form,
        "errors": list(errors),
        "certificate": certificate.content(frozen, active_language()),
        "certificate_languages": [("fi", "suomeksi"), ("sv", "på svenska"), ("en", "in English")],
    }
    return render(request, "recognition/period.html", context, status=status)


@require_GET
def certificate_pdf(request, public_id):
    found = _visible_period(request, public_id)
    if found.certificate_issued_on is None:
        raise Http404
    lang = request.GET.get("lang") or active_language()
    content = services.certificate_pdf(actor=request.user, period=found, lang=lang, request=request)
    return pdf_response(content, f"certificate {found.environment.name} {lang}")
