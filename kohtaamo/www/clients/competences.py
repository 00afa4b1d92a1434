"""The competence mapping of a job seeker, for counsellors: competences with level and source,
added by search, from a pasted CV (two clicks: "Suggest competences", "Add the checked
competences") or from work history; languages; strengths and development needs.

Seeing the page takes the "competences" scope (`competences_visible_to`): anyone else gets
404. Changing takes `can_edit` (owner organisation, or a consent covering everything); a
partner who may only see gets 404 on every change. Every view of the page is audited.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from kohtaamo.clients import competences as services
from kohtaamo.clients.enums import CompetenceSource
from kohtaamo.clients.languages import LEVELS, language_choices, language_name, level_label
from kohtaamo.competences.enums import CompetenceKind
from kohtaamo.lang.extract import MAX_TEXT_CHARS
from kohtaamo.taxonomy.search import display_labels, search

SEARCH_RESULTS = 15
LEVEL_CHOICES = [(level, f"{level} – {word}") for level, word in services.LEVEL_WORDS.items()]
TEXT_LANGUAGES = [
    ("detect", gettext_lazy("detect")),
    ("fi", gettext_lazy("Finnish")),
    ("sv", gettext_lazy("Swedish")),
    ("en", gettext_lazy("English")),
]
KIND_HEADINGS = {
    CompetenceKind.SKILL: gettext_lazy("Skills"),
    CompetenceKind.LICENCE: gettext_lazy("Licences and cards"),
    CompetenceKind.UNIT: gettext_lazy("Qualification units"),
}


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else value


def _level_field(**kwargs) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=gettext_lazy("Level"),
        choices=LEVEL_CHOICES,
        coerce=int,
        initial=services.PROPOSED_LEVEL,
        **kwargs,
    )


def _source_choices() -> list[tuple[str, str]]:
    return [(value, capfirst(label)) for value, label in CompetenceSource.choices]


def _source_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=gettext_lazy("Source"),
        choices=_source_choices,
        initial=CompetenceSource.COUNSELLOR,
    )


class AddCompetenceForm(forms.Form):
    """The level, source and dates of a competence added by search; the URI is the button."""

    uri = forms.CharField(max_length=200, required=False)
    level = _level_field()
    source = _source_field()
    completed_on = forms.DateField(
        label=gettext_lazy("Completed on (licences)"),
        required=False,
        widget=DateInput,
        help_text=gettext_lazy("The expiry date follows from the licence's validity."),
    )
    expires_on = forms.DateField(
        label=gettext_lazy("Valid until (licences)"), required=False, widget=DateInput
    )


class ChangeCompetenceForm(forms.Form):
    """One row of the competences table; the row's id is read apart, to find it or 404."""

    action = forms.ChoiceField(
        choices=[("save", "save"), ("confirm", "confirm"), ("remove", "remove")]
    )
    level = _level_field(required=False)
    source = forms.ChoiceField(
        label=gettext_lazy("Source"), choices=CompetenceSource.choices, required=False
    )
    expires_on = forms.DateField(label=gettext_lazy("Valid until"), required=False)


class CvForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("CV or other text about the person"),
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=gettext_lazy(
            "Paste a CV, an application or your notes. Nothing is saved until you add the "
            "competences you check."
        ),
        error_messages={"required": gettext_lazy("Paste or write a text first.")},
    )
    text_lang = forms.ChoiceField(
        label=gettext_lazy("Language of the text"), choices=TEXT_LANGUAGES, initial="detect"
    )
    source = _source_field()


class WorkHistoryForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Job title"), max_length=200)
    employer_name = forms.CharField(label=gettext_lazy("Employer"), max_length=200, required=False)
    years = forms.DecimalField(
        label=gettext_lazy("Years"), min_value=0, max_value=60, decimal_places=1, initial=1
    )
    ended_year = forms.IntegerField(
        label=gettext_lazy("Ended (year)"), required=False, min_value=1950, max_value=2100
    )


class LanguageForm(forms.Form):
    code = forms.ChoiceField(label=gettext_lazy("Language"), choices=language_choices)
    level = forms.ChoiceField(
        label=gettext_lazy("Level"),
        choices=lambda: [(level, level_label(level)) for level in LEVELS],
        initial="B1",
    )


class StrengthsForm(forms.Form):
    strengths_counsellor = forms.CharField(
        label=gettext_lazy("Strengths as the counsellor sees them"),
        required=False,
        max_length=services.MAX_OWN_WORDS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    development_counsellor = forms.CharField(
        label=gettext_lazy("Development needs as the counsellor sees them"),
        required=False,
        max_length=services.MAX_OWN_WORDS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    strengths_own = forms.CharField(
        label=gettext_lazy("Strengths in the person's own words"),
        required=False,
        max_length=services.MAX_OWN_WORDS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    development_own = forms.CharField(
        label=gettext_lazy("Development needs in the person's own words"),
        required=False,
        max_length=services.MAX_OWN_WORDS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# -- Access ---------------------------------------------------------------------------------


def _visible(request, public_id):
    clients = services.competences_visible_to(request.user).select_related("organisation")
    return get_object_or_404(clients, public_id=public_id)


def _editable(request, public_id):
    """The client if the user may change it; a partner who may only see gets 404 too."""
    client = _visible(request, public_id)
    if not services.can_edit(request.user, client):
        raise Http404
    return client


def _page_url(client, anchor: str = "") -> str:
    url = reverse("www:client_competences", kwargs={"public_id": client.public_id})
    return f"{url}#{anchor}" if anchor else url


# -- The page -------------------------------------------------------------------------------


@require_GET
def competences_page(request, public_id):
    client = _visible(request, public_id)
    return _render(request, client)


def _render(request, client, *, status: int = 200, errors=(), **forms_and_extra):
    """The whole page; a bound form with errors, or the CV's suggestions, passed in replace
    the empty ones."""
    services.record_view(actor=request.user, client=client)
    can_edit = services.can_edit(request.user, client)
    context = {
        "client": client,
        "can_edit": can_edit,
        "errors": list(errors),
        "groups": _competence_groups(client),
        "work_history": _work_history(client),
        "languages": _languages(client),
        "level_choices": LEVEL_CHOICES,
        "source_choices": CompetenceSource.choices,
        "search": _search(request.GET.get("q", "")) if can_edit else None,
        "add_form": AddCompetenceForm(prefix="add"),
        "cv_form": CvForm(prefix="cv"),
        "work_form": WorkHistoryForm(prefix="work"),
        "language_form": LanguageForm(prefix="language"),
        "strengths_form": StrengthsForm(prefix="strengths", initial=_strengths(client)),
        "pending_from_work": client.competences.filter(
            confirmed=False, source=CompetenceSource.WORK_HISTORY
        ).count(),
        **forms_and_extra,
    }
    return render(request, "clients/competences.html", context, status=status)


def _competence_groups(client) -> list[dict]:
    """The competences by kind, each with its label in the UI language."""
    competences = list(client.competences.all())
    labels = display_labels([c.uri for c in competences], None)
    for competence in competences:
        competence.label = labels.get(competence.uri, competence.uri)
        competence.level_word = services.LEVEL_WORDS.get(competence.level, "")
    return [
        {
            "kind": kind,
            "heading": heading,
            "competences": sorted(
                (c for c in competences if c.kind == kind),
                key=lambda c: (c.confirmed, c.label.lower()),
            ),
        }
        for kind, heading in KIND_HEADINGS.items()
    ]


def _work_history(client) -> list:
    entries = list(client.work_history.select_related("occupation"))
    labels = display_labels([e.occupation.uri for e in entries if e.occupation], None)
    for entry in entries:
        entry.occupation_label = labels.get(entry.occupation.uri, "") if entry.occupation else ""
    return entries


def _languages(client) -> list:
    languages = list(client.languages.all())
    for language in languages:
        language.name = language_name(language.code)
    return languages


def _strengths(client) -> dict:
    return {name: getattr(client, name) for name in services.STRENGTH_FIELDS}


def _search(query: str) -> dict:
    query = query.strip()[:200]
    kinds = list(services.COMPETENCE_KINDS)
    hits = search(query, kinds=kinds, limit=SEARCH_RESULTS) if query else []
    return {"query": query, "hits": hits}


def _form_errors(form: forms.Form, prefix: str = "") -> list[tuple[str, str]]:
    """(anchor, message) pairs for the error summary, linking to each field."""
    return [
        (f"id_{prefix}{name}" if name in form.fields else "", f"{_label(form, name)}{msg}")
        for name, messages_ in form.errors.items()
        for msg in messages_
    ]


def _label(form: forms.Form, name: str) -> str:
    field = form.fields.get(name)
    return f"{field.label}: " if field is not None and field.label else ""


def _service_errors(exc: ValidationError, anchor: str) -> list[tuple[str, str]]:
    return [(anchor, message) for message in exc.messages]


# -- Competences ----------------------------------------------------------------------------


@require_GET
def competence_search(request, public_id):
    """Live results of the competence search (htmx): buttons that add one competence each."""
    client = _editable(request, public_id)
    context = {"client": client, "search": _search(request.GET.get("q", ""))}
    return render(request, "clients/competences_search_results.html", context)


@require_POST
def competence_add(request, public_id):
    client = _editable(request, public_id)
    form = AddCompetenceForm(request.POST, prefix="add")
    if not form.is_valid() or not form.cleaned_data["uri"]:
        errors = _form_errors(form, "add-") or [
            ("id_q", _("Search for a competence and choose one."))
        ]
        return _render(request, client, status=400, errors=errors, add_form=form)
    data = form.cleaned_data
    try:
        services.add_competence(
            actor=request.user,
            client=client,
            uri=data["uri"],
            level=data["level"],
            source=data["source"],
            completed_on=data["completed_on"],
            expires_on=data["expires_on"],
        )
    except ValidationError as exc:
        errors = _service_errors(exc, "id_q")
        return _render(request, client, status=400, errors=errors, add_form=form)
    messages.success(request, _("The competence was added."))
    return redirect(_page_url(client, "section-competences"))


ROW_ANCHORS = {"level": "level", "source": "source", "expires_on": "expires"}


@require_POST
def competence_change(request, public_id):
    """Save, confirm or remove one competence row (its own small form on the page)."""
    client = _editable(request, public_id)
    competence = get_object_or_404(client.competences, pk=_int(request.POST.get("competence")))
    form = ChangeCompetenceForm(request.POST)
    if not form.is_valid():
        errors = [
            (f"{ROW_ANCHORS.get(name, 'competence')}-{competence.pk}", f"{_label(form, name)}{m}")
            for name, found in form.errors.items()
            for m in found
        ]
        return _render(request, client, status=400, errors=errors)
    try:
        _change(request, competence, form.cleaned_data)
    except ValidationError as exc:
        errors = _service_errors(exc, f"competence-{competence.pk}")
        return _render(request, client, status=400, errors=errors)
    return redirect(_page_url(client, "section-competences"))


def _change(request, competence, data: dict) -> None:
    action = data["action"]
    if action == "confirm":
        services.confirm(actor=request.user, competence=competence)
        messages.success(request, _("The competence was confirmed."))
    elif action == "remove":
        services.remove_competence(actor=request.user, competence=competence)
        messages.success(request, _("The competence was removed."))
    else:
        services.update_competence(
            actor=request.user,
            competence=competence,
            level=data["level"] or competence.level,
            source=data["source"] or competence.source,
            expires_on=data["expires_on"],
        )
        messages.success(request, _("The competence was saved."))


@require_POST
def confirm_all(request, public_id):
    client = _editable(request, public_id)
    count = services.confirm_all_from_work_history(actor=request.user, client=client)
    messages.success(
        request,
        ngettext(
            "%(n)s suggested competence was confirmed.",
            "%(n)s suggested competences were confirmed.",
            count,
        )
        % {"n": count},
    )
    return redirect(_page_url(client, "section-competences"))


@require_POST
def competence_text(request, public_id):
    """Click 1 ("suggest"): the text's competences as checkboxes, the clear ones checked.
    Click 2 ("add"): the checked ones stored, confirmed. The text travels in the form, and
    the second click reads the suggestions again from it, so nothing is trusted from the
    browser but the choice."""
    client = _editable(request, public_id)
    form = CvForm(request.POST, prefix="cv")
    if not form.is_valid():
        errors = _form_errors(form, "cv-")
        return _render(request, client, status=400, errors=errors, cv_form=form)
    try:
        suggestions = services.suggest_from_text(
            actor=request.user,
            client=client,
            text=form.cleaned_data["text"],
            lang=form.cleaned_data["text_lang"],
        )
        chosen = request.POST.getlist("uri")
        adding = request.POST.get("action") == "add"
        if not adding or not chosen:
            return _render_suggestions(request, client, form, suggestions, nothing_checked=adding)
        added = services.add_suggestions(
            actor=request.user,
            client=client,
            chosen=chosen,
            suggestions=suggestions,
            source=form.cleaned_data["source"],
            levels=_suggestion_levels(request, suggestions),
        )
    except ValidationError as exc:
        errors = _service_errors(exc, "id_cv-text")
        return _render(request, client, status=400, errors=errors, cv_form=form)
    message = ngettext(
        "%(n)s competence was added from the text.",
        "%(n)s competences were added from the text.",
        len(added),
    )
    messages.success(request, message % {"n": len(added)})
    return redirect(_page_url(client, "section-competences"))


def _render_suggestions(request, client, form, suggestions, *, nothing_checked: bool):
    """The page after click 1: the text kept, its suggestions as checkboxes under it."""
    errors = [("cv-suggestions", _("Check at least one competence to add."))]
    return _render(
        request,
        client,
        status=400 if nothing_checked else 200,
        errors=errors if nothing_checked else [],
        cv_form=form,
        suggestions=suggestions,
        suggested=True,
    )


def _suggestion_levels(request, suggestions) -> dict[str, int]:
    """The level chosen for each suggestion (`level-<n>` beside checkbox n)."""
    levels = {}
    for number, suggestion in enumerate(suggestions, start=1):
        value = request.POST.get(f"level-{number}", "")
        if value.isdigit():
            levels[suggestion.uri] = int(value)
    return levels


# -- Work history, languages, strengths -----------------------------------------------------


@require_POST
def work_history(request, public_id):
    """Add or remove a past job, or suggest skills from all of them."""
    client = _editable(request, public_id)
    action = request.POST.get("action", "add")
    if action == "suggest":
        derived = services.suggest_from_work_history(actor=request.user, client=client)
        messages.success(
            request,
            ngettext(
                "%(n)s skill was suggested from the work history: confirm it if it fits.",
                "%(n)s skills were suggested from the work history: confirm the ones that fit.",
                len(derived),
            )
            % {"n": len(derived)},
        )
        return redirect(_page_url(client, "section-competences"))
    if action == "remove":
        entry = get_object_or_404(client.work_history, pk=_int(request.POST.get("entry")))
        services.remove_work_history(actor=request.user, entry=entry)
        messages.success(request, _("The job was removed from the work history."))
        return redirect(_page_url(client, "section-work"))
    return _add_work(request, client)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc


def _add_work(request, client):
    form = WorkHistoryForm(request.POST, prefix="work")
    if not form.is_valid():
        errors = _form_errors(form, "work-")
        return _render(request, client, status=400, errors=errors, work_form=form)
    try:
        entry = services.add_work_history(actor=request.user, client=client, **form.cleaned_data)
    except ValidationError as exc:
        errors = _service_errors(exc, "id_work-title")
        return _render(request, client, status=400, errors=errors, work_form=form)
    if entry.occupation is None:
        messages.warning(
            request,
            _("The job was added, but its title matched no occupation: no skills follow from it."),
        )
    else:
        messages.success(request, _("The job was added to the work history."))
    return redirect(_page_url(client, "section-work"))


@require_POST
def languages(request, public_id):
    """Add a language, change a language's level or remove it."""
    client = _editable(request, public_id)
    action = request.POST.get("action", "add")
    if action in ("save", "remove"):
        language = get_object_or_404(client.languages, pk=_int(request.POST.get("language")))
        try:
            if action == "remove":
                services.remove_language(actor=request.user, language=language)
            else:
                services.update_language(
                    actor=request.user, language=language, level=request.POST.get("level", "")
                )
        except ValidationError as exc:
            errors = _service_errors(exc, f"language-level-{language.pk}")
            return _render(request, client, status=400, errors=errors)
        messages.success(request, _("The languages were saved."))
        return redirect(_page_url(client, "section-languages"))
    form = LanguageForm(request.POST, prefix="language")
    if not form.is_valid():
        errors = _form_errors(form, "language-")
        return _render(request, client, status=400, errors=errors, language_form=form)
    try:
        services.add_language(actor=request.user, client=client, **form.cleaned_data)
    except ValidationError as exc:
        errors = _service_errors(exc, "id_language-code")
        return _render(request, client, status=400, errors=errors, language_form=form)
    messages.success(request, _("The language was added."))
    return redirect(_page_url(client, "section-languages"))


@require_POST
def strengths(request, public_id):
    client = _editable(request, public_id)
    form = StrengthsForm(request.POST, prefix="strengths")
    if not form.is_valid():
        errors = _form_errors(form, "strengths-")
        return _render(request, client, status=400, errors=errors, strengths_form=form)
    services.update_strengths(actor=request.user, client=client, **form.cleaned_data)
    messages.success(request, _("The strengths and development needs were saved."))
    return redirect(_page_url(client, "section-strengths"))
