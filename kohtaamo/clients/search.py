"""The filters of the job seeker lists (the page and the API), in one place."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from kohtaamo.clients.enums import ConsentScope
from kohtaamo.clients.models import TARGET_GROUPS, Client

TARGET_GROUP_CODES = tuple(code for code, _label in TARGET_GROUPS)
NO_CONTACT_DAYS = (30, 90, 180)


def filter_clients(
    clients: QuerySet[Client],
    *,
    user,
    mine: bool = False,
    q: str = "",
    target_group: str = "",
    municipality: str = "",
    status: str = "",
    no_contact_days: int | None = None,
) -> QuerySet[Client]:
    """Narrow the clients `user` sees. A target group is read from the full record, so that
    filter finds only the clients the user sees in full: a partner with a narrower consent
    must not learn, say, who is an immigrant by filtering. Unknown values match nothing."""
    if mine:
        clients = clients.filter(responsible=user)
    for word in (q or "").split()[:5]:
        clients = clients.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    if target_group:
        if target_group not in TARGET_GROUP_CODES:
            return clients.none()
        in_full = Client.objects.visible_to(user, scope=ConsentScope.FULL)
        clients = clients.filter(pk__in=in_full.target_group(target_group).values("pk"))
    if municipality:
        clients = clients.filter(municipality__code=municipality)
    if status:
        clients = clients.filter(status=status)
    if no_contact_days:
        since = timezone.localdate() - timedelta(days=int(no_contact_days))
        clients = clients.filter(Q(last_contact_on__lt=since) | Q(last_contact_on__isnull=True))
    return clients
