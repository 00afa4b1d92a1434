"""Vacancy pages: the list, one vacancy, the form (by hand, from text, from a hire), import."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kohtaamo.competences.enums import Importance
from kohtaamo.employers.models import Employer
from kohtaamo.geo.models import Municipality
from kohtaamo.mappings.models import CompetenceMapping
from kohtaamo.taxonomy.search import display_labels, search
from kohtaamo.vacancies import perms, tmt
from kohtaamo.vacancies.enums import VacancySource, VacancyStatus
from kohtaamo.vacancies.imports import ImportFailed, import_csv, import_tmt
from kohtaamo.vacancies.models import Vacancy
from kohtaamo.vacancies.services import (
    create_vacancy,
    draft_from_hire,
    draft_from_text,
    set_status,
    update_vacancy,
)
from kohtaamo.www.vacancies.forms import (
    CREATE,
    EDIT,
    FROM_HIRE,
    LEVEL_CHOICES,
    REQUIREMENTS,
    ImportForm,
    TextForm,
    VacancyEditor,
    language_name,
)

PAGE_SIZE = 25
HITS = 12
MAX_UPLOAD_BYTES = 5_000_000
COMPETENCE_KINDS = ["skill", "licence", "unit"]


def _require_working_role(request) -> None:
    """Pages that create vacancies are not there for a regional analyst."""
    if not perms.works_with_employers(request.user):
        raise Http404


def _as_uuid(value: str):
    try:
        return uuid.UUID(value)
    except (TypeError, ValueError):
        return None


# -- the list and one vacancy --------------------------------------------------------------------


def index(request):
    """Vacancies the user may see, filtered, a page at a time (a fixed number of queries)."""
    visible = Vacancy.objects.visible_to(request.user)
    vacancies, filters = _filtered(visible, request.GET)
    page = Paginator(
        vacancies.select_related("employer", "occupation", "municipality"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    labels = display_labels(sorted({v.occupation.uri for v in page if v.occupation}), None)
    for vacancy in page:
        vacancy.occupation_label = labels.get(vacancy.occupation.uri) if vacancy.occupation else ""
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "vacancies/index.html",
        {
            "page": page,
            "filters": filters,
            "statuses": VacancyStatus.choices,
            "municipalities": Municipality.objects.filter(
                pk__in=visible.values("municipality")
            ).order_by("name_fi"),
            "query": query.urlencode(),
            "can_create": perms.works_with_employers(request.user),
        },
    )


def _filtered(vacancies, params):
    filters = {
        "status": params.get("status", "").strip(),
        "municipality": params.get("municipality", "").strip()[:3],
        "occupation": params.get("occupation", "").strip()[:200],
        "employer": params.get("employer", "").strip()[:200],
    }
    if filters["status"] in VacancyStatus.values:
        vacancies = vacancies.filter(status=filters["status"])
    if filters["municipality"]:
        vacancies = vacancies.filter(municipality__code=filters["municipality"])
    if text := filters["occupation"]:
        vacancies = vacancies.filter(
            Q(title__icontains=text)
            | Q(occupation__label_fi__icontains=text)
            | Q(occupation__label_sv__icontains=text)
            | Q(occupation__label_en__icontains=text)
        )
    if employer := filters["employer"]:
        public_id = _as_uuid(employer)
        vacancies = vacancies.filter(
            Q(employer__public_id=public_id) if public_id else Q(employer__name__icontains=employer)
        )
    return vacancies, filters


def detail(request, public_id):
    vacancy = get_object_or_404(
        Vacancy.objects.visible_to(request.user).select_related(
            "employer", "occupation", "municipality", "mapping"
        ),
        public_id=public_id,
    )
    competences = list(vacancy.competences.all())
    uris = [c.uri for c in competences] + vacancy.other_occupations
    if vacancy.occupation:
        uris.append(vacancy.occupation.uri)
    labels = display_labels(uris, None)
    for competence in competences:
        competence.label = labels.get(competence.uri, competence.uri)
    languages = [{**lang, "name": language_name(lang["code"])} for lang in vacancy.languages]
    return render(
        request,
        "vacancies/detail.html",
        {
            "vacancy": vacancy,
            "essential": [c for c in competences if c.essential],
            "optional": [c for c in competences if not c.essential],
            "occupation_label": labels.get(vacancy.occupation.uri) if vacancy.occupation else "",
            "other_occupations": [(uri, labels.get(uri, uri)) for uri in vacancy.other_occupations],
            "vacancy_languages": languages,
            "can_edit": perms.can_edit(request.user, vacancy),
            "statuses": [s for s in VacancyStatus.choices if s[0] != vacancy.status],
        },
    )


@require_POST
def change_status(request, public_id):
    vacancy = get_object_or_404(Vacancy.objects.visible_to(request.user), public_id=public_id)
    if not perms.can_edit(request.user, vacancy):
        raise Http404
    try:
        set_status(actor=request.user, vacancy=vacancy, status=request.POST.get("status", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The vacancy is now %(status)s.") % {"status": vacancy.get_status_display()}
        )
    return redirect(vacancy)


# -- the form ------------------------------------------------------------------------------------


def create(request):
    """A vacancy by hand; also where the form prefilled from a text is saved."""
    _require_working_role(request)
    if request.method == "POST":
        editor = VacancyEditor.from_post(request.POST, request.user, CREATE)
        source = (
            VacancySource.TEXT if request.POST.get("source") == "text" else VacancySource.MANUAL
        )

        def save(fields):
            return create_vacancy(
                actor=request.user,
                organisation=request.organisation,
                employer=editor.form.cleaned_data["employer"],
                competences=editor.competence_items(),
                source=source,
                **fields,
            )

        if (vacancy := _submitted(request, editor, save)) is not None:
            return redirect(vacancy)
        return _form_page(request, editor, heading=_("New vacancy"), source=source)
    employer = _visible_employer(request, request.GET.get("employer"))
    editor = VacancyEditor.blank(request.user, employer=employer)
    return _form_page(request, editor, heading=_("New vacancy"))


def edit(request, public_id):
    vacancy = get_object_or_404(
        Vacancy.objects.visible_to(request.user).select_related("employer", "occupation"),
        public_id=public_id,
    )
    if not perms.can_edit(request.user, vacancy):
        raise Http404
    if request.method == "POST":
        editor = VacancyEditor.from_post(request.POST, request.user, EDIT)

        def save(fields):
            return update_vacancy(
                actor=request.user,
                vacancy=vacancy,
                competences=editor.competence_items(),
                **fields,
            )

        if _submitted(request, editor, save) is not None:
            return redirect(vacancy)
    else:
        editor = VacancyEditor.from_vacancy(vacancy, request.user)
    return _form_page(request, editor, heading=_("Edit the vacancy"), vacancy=vacancy)


def from_hire(request, public_id, hire_id):
    """A vacancy prefilled from a finished mapping's planned hire, for a person to confirm."""
    mapping = get_object_or_404(
        CompetenceMapping.objects.visible_to(request.user).finished().select_related("employer"),
        public_id=public_id,
    )
    hire = get_object_or_404(mapping.planned_hires.select_related("occupation"), pk=hire_id)
    if request.method == "POST":
        editor = VacancyEditor.from_post(request.POST, request.user, FROM_HIRE)

        def save(fields):
            return create_vacancy(
                actor=request.user,
                organisation=request.organisation,
                employer=mapping.employer,
                competences=editor.competence_items(),
                source=VacancySource.MAPPING,
                mapping=mapping,
                **fields,
            )

        if (vacancy := _submitted(request, editor, save)) is not None:
            return redirect(vacancy)
    else:
        draft = draft_from_hire(mapping=mapping, hire=hire)
        editor = VacancyEditor.from_draft(draft, request.user, FROM_HIRE)
    return _form_page(
        request,
        editor,
        heading=_("New vacancy from a planned hire"),
        employer=mapping.employer,
        mapping=mapping,
    )


def from_text(request):
    """Paste a job ad: Kohtaamo fills in the form, a person checks it and saves."""
    _require_working_role(request)
    employer = _visible_employer(
        request, request.POST.get("employer") or request.GET.get("employer")
    )
    form = TextForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            draft = draft_from_text(
                text=form.cleaned_data["text"],
                lang=form.cleaned_data["lang"],
                organisation=request.organisation,
            )
        except ValueError as exc:
            form.add_error("text", str(exc))
        else:
            editor = VacancyEditor.from_draft(draft, request.user, CREATE, employer=employer)
            return _form_page(
                request,
                editor,
                heading=_("Check the vacancy read from the text"),
                source="text",
                action=reverse("www:vacancy_create"),
            )
    return render(request, "vacancies/from_text.html", {"form": form, "employer": employer})


def _visible_employer(request, value):
    public_id = _as_uuid(value)
    if public_id is None:
        return None
    return Employer.objects.visible_to(request.user).filter(public_id=public_id).first()


def _submitted(request, editor: VacancyEditor, save):
    """Save and return the vacancy, or None to show the form again (a search or errors)."""
    if request.POST.get("action") == "search":
        editor.unbound(request.user)
        editor.occupation_hits = _hits(editor.occupation_query, ["occupation"])
        editor.competence_hits = _hits(editor.competence_query, COMPETENCE_KINDS)
        return None
    if not editor.is_valid():
        return None
    try:
        vacancy = save(editor.fields())
    except ValidationError as exc:
        editor.add_service_errors(exc)
        return None
    messages.success(request, _("The vacancy was saved."))
    return vacancy


def _hits(query: str, kinds: list[str]):
    return search(query, kinds=kinds, limit=HITS) if query else []


def _form_page(request, editor: VacancyEditor, *, heading, vacancy=None, **extra):
    labels = editor.labelled()
    extra.setdefault("action", request.path)
    return render(
        request,
        "vacancies/form.html",
        {
            "editor": editor,
            "form": editor.form,
            "heading": heading,
            "vacancy": vacancy,
            "occupation_label": labels.get(editor.occupation, editor.occupation),
            "summary": editor.summary() if editor.form.is_bound else [],
            "requirements": REQUIREMENTS,
            "importances": Importance.choices,
            "levels": LEVEL_CHOICES,
            "language_rows": editor.language_rows(),
            "language_choices": editor.language_choices(),
            **extra,
        },
    )


def competence_search(request):
    """Live search results for the form (htmx): occupations as radios, the rest as checkboxes."""
    if "occupation_q" in request.GET:
        query, kinds, field = request.GET["occupation_q"], ["occupation"], "occupation"
    else:
        query, kinds, field = request.GET.get("competence_q", ""), COMPETENCE_KINDS, "add"
    hits = _hits(query.strip()[:200], kinds)
    return render(
        request,
        "vacancies/_search_results.html",
        {"hits": hits, "field": field, "query": query},
    )


# -- import --------------------------------------------------------------------------------------


def import_page(request):
    """Upload the job-market platform's JSON or a CSV; all rows are saved or none."""
    _require_working_role(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    employers = Employer.objects.visible_to(request.user).active()
    context = {"form": form, "employers": employers}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        employer = _visible_employer(request, request.POST.get("employer"))
        if upload.size > MAX_UPLOAD_BYTES:
            form.add_error("file", _("The file is larger than 5 MB."))
        else:
            context.update(_imported(request, upload, employer))
    return render(request, "vacancies/import.html", context)


def _imported(request, upload, employer) -> dict:
    raw = upload.read()
    is_json = upload.name.lower().endswith(".json") or raw.lstrip()[:1] in (b"{", b"[")
    try:
        if is_json:
            result = import_tmt(
                actor=request.user,
                organisation=request.organisation,
                data=tmt.loads(raw),
                employer=employer,
            )
        else:
            result = import_csv(actor=request.user, organisation=request.organisation, raw=raw)
    except (ImportFailed, tmt.TmtError) as exc:
        return {"problems": exc.errors}
    messages.success(
        request,
        _("%(created)s vacancies created, %(updated)s updated.")
        % {"created": len(result.created), "updated": len(result.updated)},
    )
    return {"result": result, "fresh": reverse("www:vacancies")}
