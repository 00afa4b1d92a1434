"""The competence mapping interview: a guided form for drafts, a read-only page for versions,
and the company's report as a web page and a PDF.

Every page starts from `CompetenceMapping.objects.visible_to(user)`: a mapping of an employer
the user's organisations do not work with is a 404.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kohtaamo.competences.services import TextTooLong, normalise_title
from kohtaamo.core.pdf import pdf_response, render_pdf
from kohtaamo.employers.models import Employer
from kohtaamo.mappings import perms
from kohtaamo.mappings.enums import NeedPurpose, NeedSource, Support
from kohtaamo.mappings.models import CompetenceMapping
from kohtaamo.mappings.report import build_report
from kohtaamo.mappings.services import (
    NEED_KINDS,
    WILLINGNESS_FIELDS,
    NeedRow,
    add_needs_from_text,
    finish_mapping,
    record_report_export,
    record_report_view,
    revise_mapping,
    save_draft,
    start_mapping,
    text_suggestions,
)
from kohtaamo.mappings.support import describe
from kohtaamo.taxonomy.models import Concept
from kohtaamo.taxonomy.search import display_labels, search
from kohtaamo.www.mappings.forms import FreeTextForm, MappingEditor, MappingForm

SEARCH_RESULTS = 15
TITLE_CANDIDATES = 8
PURPOSES = {NeedPurpose.HIRES: "hires", NeedPurpose.STAFF: "staff"}  # purpose -> form suffix


def _visible(request):
    return CompetenceMapping.objects.visible_to(request.user).select_related(
        "employer", "employer__municipality", "organisation", "interviewer", "previous"
    )


@require_POST
def mapping_create(request, public_id):
    """Start (or continue) the employer's mapping for the user's current organisation."""
    employer = get_object_or_404(Employer.objects.visible_to(request.user), public_id=public_id)
    organisations = perms.interviewing_organisations(request.user, employer)
    organisation = organisations.filter(pk=getattr(request.organisation, "pk", None)).first()
    organisation = organisation or organisations.first()
    if organisation is None:
        raise Http404
    mapping = start_mapping(actor=request.user, employer=employer, organisation=organisation)
    return redirect(mapping)


def mapping_detail(request, public_id):
    mapping = get_object_or_404(_visible(request), public_id=public_id)
    if request.method == "POST":
        return _save(request, mapping, finish=False)
    if mapping.is_draft:
        return _render_editor(request, mapping, MappingEditor(mapping))
    return _render_finished(request, mapping)


@require_POST
def mapping_finish(request, public_id):
    """Save what the form holds, then finish the draft (the form's "Finish" button)."""
    mapping = get_object_or_404(_visible(request), public_id=public_id)
    return _save(request, mapping, finish=True)


@require_POST
def mapping_revise(request, public_id):
    mapping = get_object_or_404(_visible(request).finished(), public_id=public_id)
    try:
        draft = revise_mapping(
            actor=request.user, mapping=mapping, organisation=_organisation(request, mapping)
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(mapping)
    messages.success(
        request, _("A new version was started from version %(v)s.") % {"v": mapping.version}
    )
    return redirect(draft)


def _organisation(request, mapping):
    """The user's current organisation if it may interview the employer, else the mapping's."""
    organisations = perms.interviewing_organisations(request.user, mapping.employer)
    return organisations.filter(pk=getattr(request.organisation, "pk", None)).first()


def _save(request, mapping: CompetenceMapping, *, finish: bool):
    if not perms.can_edit_mapping(request.user, mapping):
        messages.error(
            request,
            _("Version %(v)s is finished and cannot be changed: start a new version to change it.")
            % {"v": mapping.version},
        )
        return redirect(mapping)
    editor = MappingEditor(mapping, request.POST)
    if not editor.is_valid():
        return _render_editor(request, mapping, editor, status=400)
    action = request.POST.get("action", "save")
    try:
        mapping = save_draft(
            actor=request.user, mapping=mapping, data=editor.answers(_added(request))
        )
    except ValidationError as exc:
        editor.add_service_error(exc)
        return _render_editor(request, mapping, editor, status=400)
    try:
        _add_checked_text_needs(request, mapping, editor)
        if finish:
            mapping = finish_mapping(actor=request.user, mapping=mapping)
    except ValidationError as exc:  # the answers are saved: show them as stored, and why
        saved = MappingEditor(mapping)
        saved.free_text = FreeTextForm(initial=editor.free_text.cleaned_data)
        saved.add_service_error(exc)
        return _render_editor(request, mapping, saved, status=400)
    if finish:
        messages.success(
            request, _("Version %(v)s of the mapping is finished.") % {"v": mapping.version}
        )
        return redirect(mapping)
    if action == "suggest":
        return _render_suggestions(request, mapping, editor.free_text.cleaned_data)
    messages.success(
        request,
        _("The draft was saved at %(time)s.") % {"time": time_format(timezone.localtime(), "H:i")},
    )
    return redirect(_after_save_url(request, mapping, action))


def _added(request) -> list[NeedRow]:
    """The search results the coordinator checked, as new needs for their section."""
    return [
        NeedRow(uri=uri, purpose=purpose, source=NeedSource.SEARCH)
        for purpose, suffix in PURPOSES.items()
        for uri in request.POST.getlist(f"add_{suffix}")
    ]


def _add_checked_text_needs(request, mapping, editor) -> None:
    uris = request.POST.getlist("text_uri")
    text = editor.free_text.cleaned_data.get("text", "")
    if uris and text.strip():
        try:
            add_needs_from_text(
                actor=request.user,
                mapping=mapping,
                text=text,
                lang=editor.free_text.cleaned_data["text_lang"],
                uris=uris,
            )
        except (TextTooLong, ValueError) as exc:
            raise ValidationError({"needs": str(exc)}) from exc


def _after_save_url(request, mapping, action: str) -> str:
    """Back to the form, where the coordinator was: searches kept, at the right section."""
    query = {
        f"q_{suffix}": q
        for suffix in PURPOSES.values()
        if (q := request.POST.get(f"q_{suffix}", "").strip())
    }
    anchors = {
        "search_hires": "section-needs",
        "add_hires": "section-needs",
        "add_text": "section-needs",
        "search_staff": "section-staff",
        "add_staff": "section-staff",
    }
    url = mapping.get_absolute_url()
    if query:
        url += "?" + urlencode(query)
    return url + "#" + anchors.get(action, "mapping-form")


def _render_suggestions(request, mapping, free_text: dict):
    editor = MappingEditor(mapping)
    editor.free_text = FreeTextForm(initial=free_text)
    suggestions, problem = [], ""
    if free_text.get("text", "").strip():
        try:
            suggestions = text_suggestions(
                text=free_text["text"],
                lang=free_text["text_lang"],
                organisation=mapping.organisation,
            )
        except (TextTooLong, ValueError) as exc:
            problem = str(exc)
    else:
        problem = _("Paste or write a text first.")
    return _render_editor(
        request,
        mapping,
        editor,
        suggestions=suggestions,
        suggestion_problem=problem,
        suggested=True,
    )


def _render_editor(request, mapping, editor: MappingEditor, *, status: int = 200, **extra):
    """The guided form of a draft; the user's own searches come from the address."""
    if not perms.can_edit_mapping(request.user, mapping):
        raise Http404
    rows = list(editor.workforce.forms) + list(editor.hires.forms)
    candidates = _occupation_candidates(rows)
    for form in rows:
        form.candidates = candidates.get(form.prefix, [])
    occupations = _mapping_occupations(rows, candidates)
    need_labels = display_labels([f["uri"].value() for f in editor.needs.forms], None)
    for form in editor.needs.forms:
        form.label = need_labels.get(form["uri"].value(), form["uri"].value())
        form.kind = _need_kind(form["uri"].value())
        form.occupations = occupations
    searches = {suffix: _search(request.GET.get(f"q_{suffix}", "")) for suffix in PURPOSES.values()}
    context = {
        "mapping": mapping,
        "employer": mapping.employer,
        "editor": editor,
        "errors": editor.error_list(),
        "hire_needs": [f for f in editor.needs.forms if f["purpose"].value() != NeedPurpose.STAFF],
        "staff_needs": [f for f in editor.needs.forms if f["purpose"].value() == NeedPurpose.STAFF],
        "searches": searches,
        "support": [describe(code) for code in Support.values],
        "history": _history(mapping),
        **extra,
    }
    return render(request, "mappings/edit.html", context, status=status)


def _need_kind(uri: str) -> str:
    if uri.startswith("urn:kohtaamo:licence:"):
        return "licence"
    return "unit" if uri.startswith("urn:eperusteet:") else "skill"


def _occupation_candidates(rows) -> dict[str, list[tuple[str, str]]]:
    """For each row: (uri, label) of its occupation and of those its job title may mean."""
    chosen = {f["occupation"].value() for f in rows if f["occupation"].value()}
    labels = {c.uri: c.label for c in Concept.objects.filter(uri__in=chosen, kind="occupation")}
    by_title: dict[str, list] = {}
    found = {}
    for form in rows:
        title, uri = (form["title"].value() or "").strip(), form["occupation"].value() or ""
        options = [(uri, labels[uri])] if uri in labels else []
        if title:
            if title not in by_title:
                by_title[title] = _title_matches(title)
            options += [(m.uri, m.label) for m in by_title[title] if m.uri != uri]
        found[form.prefix] = options
    return found


def _title_matches(title: str) -> list:
    try:
        return normalise_title(title=title[:200], limit=TITLE_CANDIDATES)[1]
    except ValueError:
        return []


def _mapping_occupations(rows, candidates) -> list[tuple[str, str]]:
    """The occupations of the workforce and hires rows, for the needs' occupation lists."""
    chosen = {}
    for form in rows:
        uri = form["occupation"].value()
        for option_uri, label in candidates.get(form.prefix, []):
            if option_uri == uri:
                chosen[uri] = label
    return sorted(chosen.items(), key=lambda item: item[1])


def _search(query: str) -> dict:
    query = query.strip()[:200]
    hits = search(query, kinds=list(NEED_KINDS), limit=SEARCH_RESULTS) if query else []
    return {"query": query, "hits": hits}


def _history(mapping):
    return CompetenceMapping.objects.filter(employer=mapping.employer_id).order_by(
        F("version").desc(nulls_first=True)
    )


def _render_finished(request, mapping):
    needs = list(mapping.needs.select_related("occupation"))
    labels = display_labels([n.uri for n in needs], None)
    for need in needs:
        need.label = labels.get(need.uri, need.uri)
    context = {
        "mapping": mapping,
        "employer": mapping.employer,
        "workforce": mapping.workforce.select_related("occupation"),
        "hires": mapping.planned_hires.select_related("occupation"),
        "hire_needs": [n for n in needs if n.purpose == NeedPurpose.HIRES],
        "staff_needs": [n for n in needs if n.purpose == NeedPurpose.STAFF],
        "unknown_support": [Support(code).label for code in mapping.unknown_support],
        "willingness": [
            MappingForm.base_fields[name].label
            for name in WILLINGNESS_FIELDS
            if getattr(mapping, name)
        ],
        "history": _history(mapping),
        "can_revise": perms.can_revise_mapping(request.user, mapping),
    }
    return render(request, "mappings/finished.html", context)


@require_GET
def need_search(request, public_id):
    """Live results of the competence search of one section (htmx), as checkboxes to add."""
    mapping = get_object_or_404(_visible(request), public_id=public_id)
    if not perms.can_edit_mapping(request.user, mapping):
        raise Http404
    suffix = request.GET.get("purpose", "hires")
    if suffix not in PURPOSES.values():
        raise Http404
    context = {"suffix": suffix, "search": _search(request.GET.get(f"q_{suffix}", ""))}
    return render(request, "mappings/_need_results.html", context)


@require_GET
def occupation_options(request, public_id):
    """The occupations a row's job title may mean, as <option>s of its list (htmx)."""
    mapping = get_object_or_404(_visible(request), public_id=public_id)
    if not perms.can_edit_mapping(request.user, mapping):
        raise Http404
    title = next((v for k, v in request.GET.items() if k.endswith("-title")), "").strip()
    matches = _title_matches(title) if title else []
    return render(request, "mappings/_occupation_options.html", {"matches": matches})


def mapping_report(request, public_id):
    mapping = get_object_or_404(_visible(request).finished(), public_id=public_id)
    report = build_report(mapping)
    record_report_view(actor=request.user, mapping=mapping)
    return render(request, "mappings/report.html", {"mapping": mapping, "report": report})


def mapping_report_pdf(request, public_id):
    mapping = get_object_or_404(_visible(request).finished(), public_id=public_id)
    report = build_report(mapping)
    content = render_pdf(
        "mappings/report.html", {"mapping": mapping, "report": report}, request=request
    )
    record_report_export(actor=request.user, mapping=mapping, file_format="pdf")
    name = _("competence mapping %(employer)s %(version)s") % {
        "employer": mapping.employer.name,
        "version": mapping.version,
    }
    return pdf_response(content, name)
