from django.shortcuts import render

from kohtaamo.paths.models import Referral
from kohtaamo.taxonomy.models import Concept, Licence


def home(request):
    counts = {
        "concepts": Concept.objects.active().count(),
        "licences": Licence.objects.count(),
    }
    return render(
        request,
        "home.html",
        {"counts": counts, "overdue_referrals": _overdue_referrals(request)},
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
