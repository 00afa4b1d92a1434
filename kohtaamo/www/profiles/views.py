"""Occupational competence profiles: aggregates over employers, open to every member.

A profile names no employer and no person, so viewing it is not audited; the PDF export is.
"""

from contextlib import suppress
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from kohtaamo.core.pdf import pdf_response
from kohtaamo.profiles import perms
from kohtaamo.profiles.enums import Audience
from kohtaamo.profiles.services import (
    UnknownProfile,
    export_profile_pdf,
    find_occupations,
    occupation_profile,
    profile_index,
)
from kohtaamo.www.profiles.forms import ProfileOptionsForm


def _require_member(request) -> None:
    """Nobody but members learns that profiles exist."""
    if not perms.can_view_profiles(request.user):
        raise Http404


def index(request):
    """Search by job title, and the occupations that have data, the most asked first."""
    _require_member(request)
    title = request.GET.get("title", "").strip()[:300]
    lang, suggestions = None, []
    if title:
        with suppress(ValueError):  # nothing left of the title once cleaned
            lang, suggestions = find_occupations(title=title)
    context = {"title": title, "suggestions": suggestions, "lang": lang}
    if request.headers.get("HX-Request"):
        return render(request, "profiles/_suggestions.html", context)
    return render(request, "profiles/index.html", {**context, "entries": profile_index()})


def _load(request, key: str):
    _require_member(request)
    form = ProfileOptionsForm(request.GET)
    audience, area = form.options()
    try:
        view = occupation_profile(key=key, area=area or None)
    except UnknownProfile:
        raise Http404 from None
    return form, audience, view


def profile(request, key: str):
    """`?audience=seeker` in plain words for job seekers; `counsellor` in detail."""
    form, audience, view = _load(request, key)
    context = {"form": form, "audience": audience, "view": view, "Audience": Audience}
    return render(request, "profiles/profile.html", {**context, **_links(view, audience)})


def _links(view, audience: str) -> dict[str, str]:
    """The other version, and the PDF of this one, keeping the area."""
    base = reverse("www:profile", kwargs={"key": view.scope.key})
    area = {"area": view.area.code} if view.area else {}
    return {
        "seeker_url": f"{base}?{urlencode({'audience': Audience.SEEKER, **area})}",
        "counsellor_url": f"{base}?{urlencode({'audience': Audience.COUNSELLOR, **area})}",
        "pdf_url": reverse("www:profile_pdf", kwargs={"key": view.scope.key})
        + "?"
        + urlencode({"audience": audience, **area}),
    }


def profile_pdf(request, key: str):
    form, audience, view = _load(request, key)
    content = export_profile_pdf(
        actor=request.user,
        organisation=request.organisation,
        profile=view,
        audience=audience,
        request=request,
    )
    return pdf_response(content, f"{view.title} {audience}")
