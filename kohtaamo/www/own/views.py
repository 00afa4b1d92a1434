"""Oma Kohtaamo: the job seeker's own view of their record.

Every page starts from `own_client(request.user)`, the record linked to the login; no page
takes a record's id, so that nobody can reach another person's data here. A login without a
record (the staff) gets 404. Changes go through `kohtaamo.clients.own` and
`kohtaamo.clients.consents`, which audit them.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kohtaamo.clients import export, own
from kohtaamo.clients.consents import give_consent, withdraw_consent
from kohtaamo.clients.enums import CompetenceSource
from kohtaamo.clients.models import Client, Consent
from kohtaamo.competences.enums import CompetenceKind
from kohtaamo.competences.services import normalise_title
from kohtaamo.core.pdf import pdf_response, render_pdf
from kohtaamo.taxonomy.models import Concept
from kohtaamo.taxonomy.search import display_labels, search
from kohtaamo.www.own.forms import SCOPE_CHOICES, ConsentForm, ContactForm, LevelForm, WishesForm

SEARCH_RESULTS = 12
TITLE_CANDIDATES = 5
DECISIONS = ("confirm", "reject")
SCOPE_TEXT = dict(SCOPE_CHOICES)


def _client(request) -> Client:
    client = own.own_client(request.user)
    if client is None:
        raise Http404
    return client


def _viewed(request, client: Client, page: str) -> None:
    own.record_own_view(actor=request.user, client=client, page=page)


def competence_groups(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """The person's competences, one entry per competence with its rows of each source, and
    apart from them the suggestions from work history that wait for the person's answer."""
    groups: dict[str, dict] = {}
    suggestions = []
    for row in rows:
        if row["source"] == CompetenceSource.WORK_HISTORY and not row["confirmed"]:
            suggestions.append(row)
            continue
        group = groups.setdefault(
            row["uri"],
            {"uri": row["uri"], "label": row["label"], "kind": row["kind"], "rows": []},
        )
        group["rows"].append(row)
        if row["source"] == CompetenceSource.SELF:
            group["own_level"] = row["level"]
    ordered = sorted(groups.values(), key=lambda g: g["label"].lower())
    return ordered, sorted(suggestions, key=lambda r: r["label"].lower())


def _team(client: Client) -> list[Consent]:
    """The organisations with a permission in force, each with what it sees in plain words."""
    team = list(Consent.objects.active().filter(client=client).select_related("organisation"))
    for consent in team:
        consent.plain_scope = SCOPE_TEXT.get(consent.scope, consent.get_scope_display())
    return team


@require_GET
def home(request):
    client = _client(request)
    groups, suggestions = competence_groups(export.competences(client))
    _viewed(request, client, "home")
    context = {
        "client": client,
        "competences": groups,
        "suggestions": suggestions,
        "wishes": export.wishes(client),
        "team": _team(client),
    }
    return render(request, "own/home.html", context)


def profile(request):
    client = _client(request)
    form = ContactForm(request.POST or None, initial=ContactForm.initial_for(client))
    if request.method == "POST" and form.is_valid():
        try:
            own.update_own_contact(actor=request.user, client=client, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your details were saved."))
            return redirect("www:own_profile")
    if request.method == "GET":
        _viewed(request, client, "profile")
    context = {"client": client, "form": form, "languages": export.languages(client)}
    return render(request, "own/profile.html", context, status=400 if form.errors else 200)


# Competences -------------------------------------------------------------------------------


def _search(query: str) -> dict:
    query = query.strip()[:200]
    hits = search(query, kinds=list(CompetenceKind.values), limit=SEARCH_RESULTS) if query else []
    return {"query": query, "hits": hits}


@require_GET
def competences(request):
    client = _client(request)
    groups, suggestions = competence_groups(export.competences(client))
    _viewed(request, client, "competences")
    context = {
        "client": client,
        "competences": groups,
        "suggestions": suggestions,
        "search": _search(request.GET.get("q", "")),
        "level_form": LevelForm(),
        "today": timezone.localdate(),
    }
    return render(request, "own/competences.html", context)


@require_GET
def competence_search(request):
    """The live results of the competence search (htmx); the page itself works without it."""
    _client(request)
    context = {"search": _search(request.GET.get("q", "")), "level_form": LevelForm()}
    return render(request, "own/_search_results.html", context)


def _level_form(request) -> LevelForm:
    form = LevelForm(request.POST)
    if not form.is_valid():
        raise Http404  # only a tampered form lacks the competence
    return form


@require_POST
def competence_assess(request):
    client = _client(request)
    form = _level_form(request)
    try:
        own.set_self_assessment(actor=request.user, client=client, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your own level was saved."))
    return redirect("www:own_competences")


@require_POST
def competence_add(request):
    client = _client(request)
    form = _level_form(request)
    try:
        own.add_own_competence(actor=request.user, client=client, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        label = display_labels([form.cleaned_data["uri"]], None).get(form.cleaned_data["uri"])
        messages.success(request, _("Added: %(label)s.") % {"label": label})
    return redirect("www:own_competences")


@require_POST
def suggestion_answer(request):
    """Yes or no to a competence suggested from the person's work history."""
    client = _client(request)
    uri, decision = request.POST.get("uri", ""), request.POST.get("decision", "")
    if decision not in DECISIONS:
        raise Http404
    service = own.confirm_suggestion if decision == "confirm" else own.reject_suggestion
    try:
        service(actor=request.user, client=client, uri=uri)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        done = _("Confirmed.") if decision == "confirm" else _("Removed from the suggestions.")
        messages.success(request, done)
    return redirect("www:own_competences")


# Wishes -----------------------------------------------------------------------------------


def _title_candidates(title: str) -> list[tuple[str, str]]:
    title = title.strip()[:200]
    if not title:
        return []
    try:
        return [(m.uri, m.label) for m in normalise_title(title=title, limit=TITLE_CANDIDATES)[1]]
    except ValueError:
        return []


def _occupation_choices(client: Client, posted: list[str], candidates) -> list[tuple[str, str]]:
    """The person's wished occupations, those just checked, and the title's candidates."""
    uris = [o.uri for o in client.wished_occupations.all()]
    uris += list(
        Concept.objects.active()
        .filter(kind="occupation", uri__in=posted[:50])
        .values_list("uri", flat=True)
    )
    uris += [uri for uri, _label in candidates]
    uris = list(dict.fromkeys(uris))
    labels = display_labels(uris, None) | dict(candidates)
    return [(uri, labels.get(uri, uri)) for uri in uris]


def wishes(request):
    client = _client(request)
    posted = request.POST if request.method == "POST" else None
    candidates = _title_candidates(posted.get("title", "")) if posted else []
    form = WishesForm(
        posted,
        initial=WishesForm.initial_for(client),
        occupations=_occupation_choices(
            client, posted.getlist("occupations") if posted else [], candidates
        ),
        municipalities=WishesForm.municipalities_for(client),
    )
    if posted and posted.get("action") != "find" and form.is_valid():
        saved = _save_wishes(request, client, form, candidates)
        if saved:
            return redirect("www:own_wishes")
    if not posted:
        _viewed(request, client, "wishes")
    context = {"client": client, "form": form, "candidates": _unchosen(form, candidates)}
    status = 400 if posted and posted.get("action") != "find" and form.errors else 200
    return render(request, "own/wishes.html", context, status=status)


def _unchosen(form: WishesForm, candidates) -> list[tuple[str, str]]:
    chosen = set(form["occupations"].value() or [])
    return [(uri, label) for uri, label in candidates if uri not in chosen]


def _save_wishes(request, client: Client, form: WishesForm, candidates) -> bool:
    """A title whose candidates were not checked adds its best match, so that writing a title
    and pressing Save is enough."""
    data = dict(form.cleaned_data)
    title, uris = data.pop("title"), list(data.pop("occupations"))
    if title and not set(uris) & {uri for uri, _label in candidates}:
        if not candidates:
            form.add_error("title", _("No occupation was found for this title. Try another word."))
            return False
        uris.append(candidates[0][0])
    try:
        own.update_own_wishes(actor=request.user, client=client, occupations=uris, **data)
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    messages.success(request, _("Your wishes were saved."))
    return True


@require_GET
def occupation_options(request):
    """The occupations a job title may mean, as checkboxes to add (htmx)."""
    _client(request)
    candidates = _title_candidates(request.GET.get("title", ""))
    chosen = set(request.GET.getlist("occupations"))
    candidates = [(uri, label) for uri, label in candidates if uri not in chosen]
    return render(request, "own/_occupation_candidates.html", {"candidates": candidates})


# Consents ---------------------------------------------------------------------------------


def consents(request):
    client = _client(request)
    form = ConsentForm(request.POST or None, client=client)
    if request.method == "POST" and form.is_valid():
        try:
            give_consent(actor=request.user, client=client, in_own_view=True, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(organisation)s is now in your team.")
                % {"organisation": form.cleaned_data["organisation"].name},
            )
            return redirect("www:own_consents")
    if request.method == "GET":
        _viewed(request, client, "consents")
    team = _team(client)
    earlier = client.consents.exclude(pk__in=[c.pk for c in team]).select_related("organisation")
    context = {"client": client, "form": form, "team": team, "earlier": earlier}
    return render(request, "own/consents.html", context, status=400 if form.errors else 200)


def consent_withdraw(request, consent_id):
    """A confirmation page, then the withdrawal: it takes effect at once."""
    client = _client(request)
    consent = get_object_or_404(
        client.consents.filter(withdrawn_at__isnull=True).select_related("organisation"),
        public_id=consent_id,
    )
    if request.method == "POST":
        withdraw_consent(actor=request.user, consent=consent)
        messages.success(
            request,
            _("%(organisation)s is no longer in your team. They cannot see your details now.")
            % {"organisation": consent.organisation.name},
        )
        return redirect("www:own_consents")
    return render(request, "own/consent_withdraw.html", {"consent": consent})


# Downloading one's data -------------------------------------------------------------------


@require_GET
def export_page(request):
    _client(request)
    return render(request, "own/export.html", {})


@require_GET
def export_json(request):
    client = _client(request)
    data = own.export_own_data(actor=request.user, client=client, file_format="json")
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"kohtaamo-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def export_pdf(request):
    client = _client(request)
    data = own.export_own_data(actor=request.user, client=client, file_format="pdf")
    context = {
        "data": data,
        "today": timezone.localdate(),
        # The person's own visits would fill the paper; the JSON file has them too.
        "trail": [
            row for row in data["audit_trail"] if not (row["by_you"] and row["action"] == "view")
        ],
    }
    content = render_pdf("own/export_pdf.html", context, request=request)
    return pdf_response(content, f"kohtaamo {timezone.localdate().isoformat()}")
