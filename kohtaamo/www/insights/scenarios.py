"""The situation room pages: the scenarios list, a scenario's result, its form and briefing.

Every staff member (an active membership) sees the scenarios of their organisations and those
shared with them (Scenario.objects.visible_to); members of the owning organisation edit,
recompute and share them. Anyone else, a job seeker's own login included, gets 404. The pages
show only the stored result, whose counts of people and vacancies are already protected
(kohtaamo.insights.scenarios).
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kohtaamo.core.pdf import pdf_response, render_pdf
from kohtaamo.insights import charts
from kohtaamo.insights import scenario_services as services
from kohtaamo.insights.models import Scenario
from kohtaamo.insights.scenarios import labelled
from kohtaamo.www.esf.forms import form_errors
from kohtaamo.www.insights.scenario_forms import ScenarioForm


def _staff(request) -> None:
    if not getattr(request, "memberships", None):
        raise Http404


def _visible(request):
    _staff(request)
    return (
        Scenario.objects.visible_to(request.user)
        .select_related("organisation", "municipality")
        .prefetch_related("shared_with", "occupations__occupation")
    )


def _scenario(request, public_id) -> Scenario:
    scenario = _visible(request).filter(public_id=public_id).first()
    if scenario is None:
        raise Http404
    return scenario


@require_GET
def scenario_list(request, **kwargs):
    scenarios = list(_visible(request))
    editable = set(services.editable(request.user).values_list("pk", flat=True))
    return render(
        request,
        "insights/scenarios.html",
        {"scenarios": scenarios, "editable": editable, "can_add": bool(request.organisation)},
    )


def scenario_add(request, **kwargs):
    _staff(request)
    owner = request.organisation
    if owner is None:
        raise Http404
    form = ScenarioForm(request.POST or None, owner=owner)
    if request.method == "POST" and form.is_valid():
        try:
            scenario = services.create_scenario(
                actor=request.user,
                organisation=owner,
                occupations=form.cleaned_data["occupations"],
                shared_with=form.cleaned_data["shared_with"],
                **form.service_fields(),
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        except PermissionDenied as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("The scenario was saved and its result computed."))
            return redirect(scenario)
    return _form_page(request, form, None)


def scenario_detail(request, public_id, **kwargs):
    scenario = services.ensure_result(_scenario(request, public_id))
    return render(request, "insights/scenario.html", _context(request, scenario))


def scenario_edit(request, public_id, **kwargs):
    scenario = _scenario(request, public_id)
    if not services.can_edit(request.user, scenario):
        raise Http404
    if request.method == "POST" and "recompute" in request.POST:
        services.recompute(scenario=scenario)
        messages.success(request, _("The result was computed again."))
        return redirect(scenario)
    form = ScenarioForm(request.POST or None, owner=scenario.organisation, scenario=scenario)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_scenario(
                actor=request.user,
                scenario=scenario,
                occupations=form.cleaned_data["occupations"],
                shared_with=form.cleaned_data["shared_with"],
                **form.service_fields(),
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The scenario was saved and its result computed."))
            return redirect(scenario)
    return _form_page(request, form, scenario)


@require_GET
def scenario_pdf(request, public_id, **kwargs):
    scenario = services.ensure_result(_scenario(request, public_id))
    content = render_pdf("insights/scenario_pdf.html", _context(request, scenario), request=request)
    return pdf_response(content, scenario.title)


def _form_page(request, form: ScenarioForm, scenario: Scenario | None):
    return render(
        request,
        "insights/scenario_form.html",
        {"form": form, "scenario": scenario, "errors": form_errors(form)},
    )


def _add_errors(form: ScenarioForm, exc: ValidationError) -> None:
    fields = {"occupations": "occupation_1"}
    for name, errors in exc.message_dict.items():
        target = fields.get(name, name)
        form.add_error(target if target in form.fields else None, errors)


def _context(request, scenario: Scenario) -> dict:
    result = labelled(scenario.result) or {}
    return {
        "scenario": scenario,
        "result": result,
        "can_edit": services.can_edit(request.user, scenario),
        "courses": [
            (row["label"], course | {"start": _day(course.get("start_date"))})
            for row in result.get("occupations", [])
            for course in row.get("courses", [])
        ],
        "chart": _reemployment_chart(result.get("reemployed_estimate") or [], scenario.workers),
        "minimum": result.get("minimum", 5),
    }


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _reemployment_chart(values: list[int], workers: int) -> dict | None:
    """The cumulative estimate by month after the date, on a scale of all the workers."""
    if not values:
        return None
    rows = [(str(month), value) for month, value in enumerate(values, start=1)]
    return {
        "drawing": charts.column_chart(rows, top=workers),
        "last": values[-1],
        "workers": workers,
    }
