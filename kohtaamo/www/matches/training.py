"""Training that unlocks matches: a job seeker's courses ranked by the vacancies they would
open, and an area's courses and gaps for training planners.

The person's page names vacancies and the gaps the person has, so it needs the competences
scope: the person is looked up through `Client.objects.visible_to(user, COMPETENCES)` (anyone
else gets 404) and the view is audited like the record. The area page shows only protected
counts of people (kohtaamo.matches.training): any staff member (an active membership of an
organisation) may see it; a job seeker's own login gets 404.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from kohtaamo.matches import lists, training
from kohtaamo.matching.unlock import MINIMUM_COUNT

CLIENT_LIMIT = 20
COURSE_LIMIT = 25
GAP_LIMIT = 15


def client_training(request, public_id):
    client = lists.viewed_client(request.user, public_id, page="training")
    if client is None:
        raise Http404
    return render(
        request,
        "matches/client_training.html",
        {
            "client": client,
            "courses": training.client_training(client, limit=CLIENT_LIMIT),
            "suitable": training.LIMITS.near_potential,
        },
    )


def region_training(request, code):
    if not getattr(request, "memberships", None):
        raise Http404
    try:
        area = training.resolve_area(code)
    except training.UnknownArea as exc:
        raise Http404(str(exc)) from exc
    # Sessions of a course are grouped into one row: read enough sessions for COURSE_LIMIT rows.
    impact = training.area_impact(area, limit=COURSE_LIMIT * 10, gap_limit=GAP_LIMIT)
    return render(
        request,
        "matches/region_training.html",
        {
            "area": area,
            "impact": impact,
            "courses": training.group_sessions(impact.courses, COURSE_LIMIT),
            "minimum": MINIMUM_COUNT,
            "suitable": training.LIMITS.near_potential,
        },
    )
