"""Keeps job seekers in their own view.

A job seeker logs in with the same login page as the staff, but the coordinators' pages are not
for them: every page outside "Oma Kohtaamo" sends them there, the front page and the page after
logging in included. The API, static files, the language switch and logging out stay open; the
API answers for itself (a job seeker sees nobody through `Client.objects.visible_to`).
"""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from kohtaamo.clients.own import own_client

OPEN_PREFIXES = ("/api/", "/i18n/")


def is_job_seeker(request) -> bool:
    """A login with a job seeker's record and no active membership of an organisation.

    Staff are ruled out by `request.memberships` (set by CurrentOrganisationMiddleware) before
    the record is looked up, so that their pages cost no extra query.
    """
    if not request.user.is_authenticated or getattr(request, "memberships", None):
        return False
    return own_client(request.user) is not None


class JobSeekerMiddleware:
    """Must come after CurrentOrganisationMiddleware, which sets `request.memberships`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._is_open(request.path) and is_job_seeker(request):
            return redirect("www:own_home")
        return self.get_response(request)

    @staticmethod
    def _is_open(path: str) -> bool:
        static = "/" + settings.STATIC_URL.lstrip("/")
        own = reverse("www:own_home")
        logout = reverse("www:logout")
        return path.startswith((own, static, *OPEN_PREFIXES)) or path == logout
