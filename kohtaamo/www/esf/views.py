"""The EU social fund pages: projects, a project's indicator table for a period, its
participants with their entry and exit forms, the missing exit forms and the exports.

The indicator table is an aggregate and always suppressed; members of the running and partner
organisations and regional analysts see it. The participant pages are personal data: only
those who keep the project's records see them, each record through
`Participant.objects.visible_to`, and every list and form view is audited. Anyone else: 404.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kohtaamo.clients import services as client_services
from kohtaamo.clients.enums import ConsentScope
from kohtaamo.clients.models import Client
from kohtaamo.esf import indicators, perms, services
from kohtaamo.esf.models import Participant, Project
from kohtaamo.www.esf.forms import (
    ClientSearchForm,
    EntryForm,
    ParticipantForm,
    PeriodForm,
    form_errors,
)

CANDIDATES = 20


@require_GET
def index(request):
    found = perms.projects_with_indicators(request.user).select_related("organisation")
    return render(request, "esf/projects.html", {"projects": found.prefetch_related("partners")})


@require_GET
def detail(request, public_id):
    """The indicator table for the chosen period (default: the whole project)."""
    project = _project(request, public_id)
    form = PeriodForm(request.GET or None)
    free = perms.may_choose_period(request.user, project)
    try:
        start, end = services.parse_period(
            project, request.GET.get("from"), request.GET.get("to"), free=free
        )
    except ValidationError as exc:
        for key, errors in exc.message_dict.items():
            form.add_error({"from": "start", "to": "end"}[key], errors)
        start, end = project.start_date, project.end_date
    table = services.indicator_table(project, start, end)
    keeps = perms.can_keep_records(request.user, project)
    context = {
        "project": project,
        "form": form,
        "errors": form_errors(form) if form.is_bound else [],
        "start": start,
        "end": end,
        "columns": services.columns(),
        "rows": services.table_rows(table),
        "any_suppressed": table.any_suppressed,
        "minimum_count": indicators.MINIMUM_COUNT,
        "suppression_note": services.SUPPRESSION_NOTE,
        "counting_note": services.COUNTING_NOTE,
        "keeps_records": keeps,
        "may_choose_period": free,
        "period_query": f"from={start.isoformat()}&to={end.isoformat()}",
        "partners": list(project.partners.order_by("name")),
    }
    if keeps:
        context["missing_exits"] = services.participants_for(
            request.user, project
        ).exit_form_missing()
    return render(request, "esf/project.html", context, status=400 if form.errors else 200)


@require_GET
def participants(request, public_id):
    project = _kept_project(request, public_id)
    rows = list(services.participants_for(request.user, project))
    services.record_list_view(
        actor=request.user,
        project=project,
        shown=rows,
        page="participants",
        organisation=request.organisation,
    )
    return render(request, "esf/participants.html", {"project": project, "participants": rows})


@require_GET
def missing_exits(request, public_id):
    project = _kept_project(request, public_id)
    rows = list(services.participants_for(request.user, project).exit_form_missing())
    services.record_list_view(
        actor=request.user,
        project=project,
        shown=rows,
        page="missing_exits",
        organisation=request.organisation,
    )
    return render(
        request,
        "esf/missing_exits.html",
        {"project": project, "participants": rows, "today": timezone.localdate()},
    )


def participant_add(request, public_id):
    """Pick a job seeker the user sees in full (gender and year of birth come from the
    record), then the entry date and status."""
    project = _kept_project(request, public_id)
    search = ClientSearchForm(request.GET or None)
    query = search.cleaned_data.get("q", "") if search.is_valid() else ""
    pool = _candidate_pool(request.user, project)
    wanted = request.POST.get("client") if request.method == "POST" else None
    candidates = _candidates(pool, query, wanted)
    form = EntryForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        client = pool.get(public_id=form.cleaned_data["client"])
        try:
            participant = services.record_entry(
                actor=request.user,
                project=project,
                client=client,
                entry_date=form.cleaned_data["entry_date"],
                entry_status=form.cleaned_data["entry_status"],
                organisation=request.organisation,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The entry form was saved."))
            return redirect("www:participant_edit", public_id=participant.public_id)
    return render(
        request,
        "esf/participant_add.html",
        {
            "project": project,
            "search": search,
            "query": query,
            "form": form,
            "candidates": candidates,
            "errors": form_errors(form),
        },
        status=400 if form.errors else 200,
    )


def _candidate_pool(user, project: Project):
    return Client.objects.visible_to(user, ConsentScope.FULL).exclude(
        esf_participations__project=project
    )


def _candidates(pool, query: str, wanted: str | None) -> list[Client]:
    found = pool
    for word in query.split()[:5]:
        found = found.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    if not query and not wanted:
        return []
    rows = list(found.order_by("last_name", "first_name", "pk")[:CANDIDATES]) if query else []
    if wanted and all(str(c.public_id) != wanted for c in rows):
        rows += list(pool.filter(public_id=_uuid_or_none(wanted)))
    return rows


def _uuid_or_none(text: str):
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def participant_edit(request, public_id):
    """The entry and exit forms of one participant."""
    participant = _participant(request, public_id)
    form = ParticipantForm(request.POST or None, initial=_initial(participant))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_participant(
                actor=request.user,
                participant=participant,
                organisation=request.organisation,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The forms were saved."))
            return redirect("www:project_participants", public_id=participant.project.public_id)
    elif request.method != "POST":
        client_services.record_view(actor=request.user, client=participant.client, page="esf")
    return render(
        request,
        "esf/participant_edit.html",
        {
            "participant": participant,
            "project": participant.project,
            "form": form,
            "errors": form_errors(form),
        },
        status=400 if form.errors else 200,
    )


def _initial(participant: Participant) -> dict:
    return {
        "entry_date": participant.entry_date,
        "entry_status": participant.entry_status,
        "exit_date": participant.exit_date,
        "exit_status": participant.exit_status,
        "licences_gained": ", ".join(participant.licences_gained or []),
        "new_entrepreneur": participant.new_entrepreneur,
    }


def _add_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for key, errors in exc.message_dict.items():
        form.add_error(key if key in form.fields else None, errors)


@require_GET
def indicators_xlsx(request, public_id):
    return _export(request, public_id, "xlsx")


@require_GET
def indicators_csv(request, public_id):
    return _export(request, public_id, "csv")


def _export(request, public_id, fmt: str) -> HttpResponse:
    project = _project(request, public_id)
    try:
        start, end = services.parse_period(
            project,
            request.GET.get("from"),
            request.GET.get("to"),
            free=perms.may_choose_period(request.user, project),
        )
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400, content_type="text/plain")
    content, kind, name = services.export_indicators(
        actor=request.user,
        project=project,
        start=start,
        end=end,
        fmt=fmt,
        organisation=request.organisation,
    )
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# Look-ups ----------------------------------------------------------------------------------


def _project(request, public_id) -> Project:
    return get_object_or_404(
        perms.projects_with_indicators(request.user).select_related("organisation"),
        public_id=public_id,
    )


def _kept_project(request, public_id) -> Project:
    project = _project(request, public_id)
    if not perms.can_keep_records(request.user, project):
        raise Http404
    return project


def _participant(request, public_id) -> Participant:
    participant = get_object_or_404(
        Participant.objects.visible_to(request.user).select_related(
            "project", "project__organisation", "client"
        ),
        public_id=public_id,
    )
    if not perms.can_keep_records(request.user, participant.project):
        raise Http404
    return participant
