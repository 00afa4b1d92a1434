from django.shortcuts import render
from django.utils import timezone

from kohtaamo.events.models import Event
from kohtaamo.paths.models import Referral
from kohtaamo.taxonomy.models import Concept, Licence

HOME_EVENTS = 3


def home(request):
    counts = {
        "concepts": Concept.objects.active().count(),
        "licences": Licence.objects.count(),
    }
    return render(
        request,
        "home.html",
        {
            "counts": counts,
            "overdue_referrals": _overdue_referrals(request),
            "upcoming_events": _upcoming_events(request),
        },
    )


def _upcoming_events(request) -> list[Event]:
    """The next events the user sees (published, or their own in preparation)."""
    return list(
        Event.objects.visible_to(request.user)
        .filter(date__gte=timezone.localdate())
        .select_related("municipality")
        .order_by("date", "start_time", "id")[:HOME_EVENTS]
    )


def _overdue_referrals(request) -> int:
    """Referrals of the current organisation still waiting for an answer past their due day."""
    if request.organisation is None:
        return 0
    return (
        Referral.objects.visible_to(request.user)
        .filter(organisation=request.organisation)
        .unanswered()
        .count()
    )
