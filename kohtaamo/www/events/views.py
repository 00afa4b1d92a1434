"""STUB: to be written."""

from django.http import Http404


def event_list(request, **kwargs):
    raise Http404


def event_add(request, **kwargs):
    raise Http404


def event_detail(request, **kwargs):
    raise Http404


def event_edit(request, **kwargs):
    raise Http404


def employer_add(request, **kwargs):
    raise Http404


def employer_edit(request, **kwargs):
    raise Http404


def employer_cancel(request, **kwargs):
    raise Http404


def registrations(request, **kwargs):
    raise Http404


def registration_add(request, **kwargs):
    raise Http404


def registration_cancel(request, **kwargs):
    raise Http404


def registration_wishes(request, **kwargs):
    raise Http404


def schedule(request, **kwargs):
    raise Http404


def replan(request, **kwargs):
    raise Http404


def client_events(request, **kwargs):
    raise Http404
