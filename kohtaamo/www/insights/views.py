"""The front page of regional insight: where the situation picture, the bottlenecks, the
situation room and the monitoring are, for every staff member (analysts' main page)."""

from django.http import Http404
from django.shortcuts import render

from kohtaamo.geo.models import Region, SubRegion
from kohtaamo.organisations.services import active_memberships


def index(request):
    if not active_memberships(request.user).exists():
        raise Http404
    regions = Region.objects.filter(code="19") or Region.objects.all()
    return render(
        request,
        "insights/index.html",
        {
            "regions": regions,
            "sub_regions": SubRegion.objects.filter(region__in=regions).prefetch_related(
                "municipalities"
            ),
        },
    )
