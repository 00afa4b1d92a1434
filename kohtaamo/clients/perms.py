"""Who may do what with a job seeker's record, one small named predicate each.

Seeing a record is `Client.objects.visible_to(user, scope=...)`: coordinators and organisation
admins of the owner organisation see everything ("full"); those of an organisation with an
active consent see what the consent's scope allows; everyone else, including company
coordinators and regional analysts, sees nothing and gets 404.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)

from kohtaamo.accounts.models import User
from kohtaamo.clients.enums import ConsentScope
from kohtaamo.clients.models import CLIENT_ROLES, SCOPE_ORDER, Client, Consent
from kohtaamo.organisations.enums import Role
from kohtaamo.organisations.models import Membership, Organisation

FULL = ConsentScope.FULL.value
COMPETENCES = ConsentScope.COMPETENCES.value
BASIC = ConsentScope.BASIC.value


def working_memberships(user) -> QuerySet[Membership]:
    """The user's active memberships in a role that works with job seekers."""
    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    return Membership.objects.active().filter(user=user, role__in=CLIENT_ROLES)


def working_organisations(user) -> QuerySet[Organisation]:
    """Organisations on whose behalf the user works with job seekers."""
    return Organisation.objects.filter(
        pk__in=working_memberships(user).values("organisation")
    ).order_by("name")


def coordinators_of(organisation: Organisation) -> QuerySet[User]:
    """The users who work with job seekers at `organisation`: who may be responsible."""
    memberships = Membership.objects.active().filter(
        organisation=organisation, role__in=CLIENT_ROLES
    )
    return User.objects.filter(pk__in=memberships.values("user")).order_by(
        "first_name", "last_name", "username"
    )


def can_create_clients(user) -> bool:
    return working_memberships(user).exists()


def can_create_clients_in(user, organisation: Organisation | None) -> bool:
    """The user may add a job seeker whom `organisation` then owns."""
    if organisation is None:
        return False
    return working_memberships(user).filter(organisation=organisation).exists()


def scope_at_least(scope: str | None, wanted: str) -> bool:
    """`scope` includes `wanted` (full includes competences includes basic)."""
    if scope is None:
        return False
    return SCOPE_ORDER.index(ConsentScope(scope)) >= SCOPE_ORDER.index(ConsentScope(wanted))


def _widest(scopes: Iterable[str]) -> str | None:
    found = [SCOPE_ORDER.index(ConsentScope(s)) for s in scopes]
    return SCOPE_ORDER[max(found)].value if found else None


def scope_for(user, client: Client) -> str | None:
    """What the user may see of the record: None, "basic", "competences" or "full"."""
    if client.erased_at is not None:
        return None
    organisations = set(working_memberships(user).values_list("organisation", flat=True))
    if client.organisation_id in organisations:
        return FULL
    return _widest(
        Consent.objects.active()
        .filter(client=client, organisation__in=organisations)
        .values_list("scope", flat=True)
    )


def with_scopes(clients: QuerySet[Client], user) -> QuerySet[Client]:
    """Annotate each client with what the user sees of it, in the list's own query: a list
    page then costs the same number of queries however long it is. Read with `row_scope`."""
    organisations = working_memberships(user).values("organisation")
    rank = Case(
        *(When(scope=scope.value, then=Value(i)) for i, scope in enumerate(SCOPE_ORDER)),
        output_field=IntegerField(),
    )
    widest = (
        Consent.objects.active()
        .filter(client=OuterRef("pk"), organisation__in=organisations)
        .annotate(rank=rank)
        .order_by("-rank")
        .values("rank")[:1]
    )
    return clients.annotate(
        owned_by_user=Exists(organisations.filter(organisation=OuterRef("organisation"))),
        consent_rank=Subquery(widest, output_field=IntegerField()),
    )


def row_scope(client: Client) -> str | None:
    """The scope of a client annotated by `with_scopes`."""
    if client.owned_by_user:
        return FULL
    if client.consent_rank is None:
        return None
    return SCOPE_ORDER[client.consent_rank].value


def acting_organisation(user, client: Client) -> Organisation | None:
    """The organisation through which the user sees the client: the owner when the user
    works there, else the consented organisation with the widest scope."""
    organisations = working_organisations(user)
    if organisations.filter(pk=client.organisation_id).exists():
        return client.organisation
    consents = Consent.objects.active().filter(client=client, organisation__in=organisations)
    best = max(consents.select_related("organisation"), key=_scope_rank, default=None)
    return best.organisation if best else None


def _scope_rank(consent: Consent) -> int:
    return SCOPE_ORDER.index(ConsentScope(consent.scope))


def is_owner(user, client: Client) -> bool:
    """The user works with job seekers in the organisation that owns the record."""
    return working_memberships(user).filter(organisation=client.organisation_id).exists()


def can_edit_client(user, client: Client) -> bool:
    """The owner organisation's coordinators and admins, or a coordinator of an organisation
    whose consent covers everything ("full"), may change the record."""
    return scope_for(user, client) == FULL


def can_manage_consents(user, client: Client) -> bool:
    """Consents are recorded and withdrawn by the owner organisation, which answers for the
    record, or by the person in their own view (not this predicate)."""
    return client.erased_at is None and is_owner(user, client)


def can_record_contact(user, client: Client) -> bool:
    """Every organisation in the team may note that it met or called the person."""
    return scope_for(user, client) is not None


def can_erase_client(user, client: Client) -> bool:
    """Only an admin of the owner organisation erases a person's data, on the person's
    request."""
    return (
        client.erased_at is None
        and working_memberships(user)
        .filter(organisation=client.organisation_id, role=Role.ORGANISATION_ADMIN)
        .exists()
    )


def editable_fields(user, client: Client, fields: Iterable[str]) -> set[str]:
    """Of `fields`, those the user may change. A partner with full scope edits the record
    like the owner, but the identity code and the responsible coordinator stay the owner's
    decisions: the owner's policy and staff."""
    scope = scope_for(user, client)
    if scope != FULL:
        return set()
    if is_owner(user, client):
        return set(fields)
    return set(fields) - OWNER_ONLY_FIELDS


OWNER_ONLY_FIELDS = frozenset({"identity_code", "responsible"})
