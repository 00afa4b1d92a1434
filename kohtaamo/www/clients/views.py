"""The job seekers' pages for coordinators: the lists, the record, its form and its consents.

Every record is looked up through `Client.objects.visible_to`: someone outside the person's
team gets 404, whatever their role. Each look at a record writes an audit VIEW row with the
scope the viewer had.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kohtaamo.clients import consents as consent_services
from kohtaamo.clients import perms, services
from kohtaamo.clients.languages import language_name, level_label
from kohtaamo.clients.models import TARGET_GROUPS, Client, Consent
from kohtaamo.clients.search import filter_clients
from kohtaamo.geo.models import Municipality
from kohtaamo.taxonomy.search import display_labels
from kohtaamo.www.clients.forms import (
    ClientEditor,
    ClientFilterForm,
    ConsentForm,
    title_matches,
)

PAGE_SIZE = 50
TABS = ("mine", "team")
GROUP_LABELS = dict(TARGET_GROUPS)


# Lists -------------------------------------------------------------------------------------


def index(request):
    """ "My clients" (I am responsible) and "my team's clients" (every record I may see)."""
    tab = request.GET.get("tab") if request.GET.get("tab") in TABS else "mine"
    visible = Client.objects.visible_to(request.user)
    filter_form = ClientFilterForm(
        request.GET or None,
        municipalities=Municipality.objects.filter(
            pk__in=visible.values("municipality")
        ).order_by(),
    )
    filters = filter_form.filters()
    clients = filter_clients(visible, user=request.user, mine=tab == "mine", **filters)
    rows = clients.select_related("municipality", "responsible", "organisation")
    page = Paginator(
        perms.with_scopes(rows, request.user).order_by("last_name", "first_name", "pk"),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    _label_rows(page.object_list)
    return render(
        request,
        "clients/index.html",
        {
            "tab": tab,
            "filter_form": filter_form,
            "filtered": bool(filters),
            "page": page,
            "can_create": perms.can_create_clients_in(request.user, request.organisation),
            "works_with_clients": perms.can_create_clients(request.user),
        },
    )


def _label_rows(clients) -> None:
    """Each row's scope, and its target groups only when the user sees the record in full."""
    for client in clients:
        client.scope = perms.row_scope(client)
        client.group_labels = (
            [GROUP_LABELS[code] for code in client.target_groups()]
            if client.scope == perms.FULL
            else None
        )


# The record --------------------------------------------------------------------------------


def detail(request, public_id):
    client = _visible_client(request, public_id)
    scope = perms.scope_for(request.user, client)
    services.record_view(actor=request.user, client=client, scope=scope)
    sees_competences = perms.scope_at_least(scope, perms.COMPETENCES)
    can_edit = scope == perms.FULL
    context = {
        "client": client,
        "scope": scope,
        "sees_competences": sees_competences,
        "sees_full": scope == perms.FULL,
        "can_edit": can_edit,
        "can_manage_consents": perms.can_manage_consents(request.user, client),
        "can_erase": perms.can_erase_client(request.user, client),
        "client_languages": [
            (language_name(lang.code), level_label(lang.level)) for lang in client.languages.all()
        ],
        "wished_occupations": list(client.wished_occupations.all()),
        "wished_municipalities": list(client.wished_municipalities.all()),
        "team": _team(client),
        "target_groups": [GROUP_LABELS[code] for code in client.target_groups()],
    }
    if sees_competences:
        context["competences"] = _competences(client)
        context["work_history"] = list(client.work_history.select_related("occupation"))
    return render(request, "clients/detail.html", context)


def _team(client: Client) -> list[Consent]:
    return list(
        Consent.objects.active()
        .filter(client=client)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def _competences(client: Client) -> list:
    competences = list(client.competences.all())
    labels = display_labels([c.uri for c in competences], None)
    for competence in competences:
        competence.label = labels.get(competence.uri, competence.uri)
    return competences


def create(request):
    organisation = request.organisation
    if not perms.can_create_clients_in(request.user, organisation):
        raise Http404
    editor = ClientEditor(organisation=organisation, data=request.POST or None)
    editor.form.initial.setdefault("responsible", request.user.pk)
    if request.method == "POST" and editor.is_valid():
        arguments = editor.service_arguments()
        try:
            client = services.create_client(
                actor=request.user, organisation=organisation, **arguments
            )
        except ValidationError as exc:
            editor.add_service_errors(exc)
        else:
            messages.success(request, _("The job seeker was added."))
            return redirect(client)
    return _render_form(request, editor, organisation=organisation)


def edit(request, public_id):
    client = _visible_client(request, public_id)
    if not perms.can_edit_client(request.user, client):
        raise Http404
    editor = ClientEditor(
        organisation=client.organisation,
        client=client,
        owner=perms.is_owner(request.user, client),
        data=request.POST or None,
    )
    if request.method == "POST" and editor.is_valid():
        arguments = editor.service_arguments()
        try:
            services.update_client(actor=request.user, client=client, **arguments)
        except ValidationError as exc:
            editor.add_service_errors(exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(client)
    else:
        services.record_view(actor=request.user, client=client, page="edit")
    return _render_form(request, editor, client=client)


def _render_form(request, editor: ClientEditor, **context):
    editor.occupation_options()
    client = context.get("client")
    return render(
        request,
        "clients/form.html",
        {
            "editor": editor,
            "form": editor.form,
            "errors": editor.errors(),
            "derived_groups": [
                GROUP_LABELS[code]
                for code in (client.target_groups() if client else [])
                if code not in ("immigrant", "partial_work_ability")
            ],
            **context,
        },
        status=400 if editor.form.is_bound and editor.errors() else 200,
    )


@require_POST
def contact(request, public_id):
    """Note today's meeting or call with the person: any organisation in the team may."""
    client = _visible_client(request, public_id)
    services.record_contact(actor=request.user, client=client)
    messages.success(request, _("Today's contact was recorded."))
    return redirect(client)


@require_GET
def occupation_options(request):
    """The occupations a wished job title may mean, as <option>s of its list (htmx)."""
    if not perms.can_create_clients(request.user):
        raise Http404
    title = next((v for k, v in request.GET.items() if k.endswith("-title")), "").strip()
    matches = title_matches(title) if title else []
    return render(request, "clients/_occupation_options.html", {"matches": matches})


# Consents ----------------------------------------------------------------------------------


def consents(request, public_id):
    """The person's consents: record a new one, see them all, withdraw one."""
    client = _consent_managed_client(request, public_id)
    form = ConsentForm(request.POST or None, client=client)
    if request.method == "POST" and form.is_valid():
        try:
            consent = consent_services.give_consent(
                actor=request.user, client=client, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("%(organisation)s joined the team.") % {"organisation": consent.organisation},
            )
            return redirect("www:client_consents", public_id=client.public_id)
    if request.method != "POST":
        services.record_view(actor=request.user, client=client, page="consents")
    rows = client.consents.select_related("organisation", "recorded_by", "withdrawn_by")
    return render(
        request,
        "clients/consents.html",
        {"client": client, "form": form, "consents": rows},
        status=400 if form.errors else 200,
    )


@require_POST
def consent_withdraw(request, public_id, consent_id):
    """Withdrawal takes effect at once: the organisation gets 404 from the next request."""
    client = _consent_managed_client(request, public_id)
    consent = get_object_or_404(
        client.consents.select_related("organisation"), public_id=consent_id
    )
    try:
        consent_services.withdraw_consent(actor=request.user, consent=consent)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The consent of %(organisation)s was withdrawn.")
            % {"organisation": consent.organisation},
        )
    return redirect("www:client_consents", public_id=client.public_id)


# Look-ups ----------------------------------------------------------------------------------


def _visible_client(request, public_id) -> Client:
    return get_object_or_404(
        Client.objects.visible_to(request.user).select_related(
            "municipality", "organisation", "responsible"
        ),
        public_id=public_id,
    )


def _consent_managed_client(request, public_id) -> Client:
    client = _visible_client(request, public_id)
    if not perms.can_manage_consents(request.user, client):
        raise Http404
    return client
