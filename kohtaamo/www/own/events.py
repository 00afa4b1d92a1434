"""STUB: to be written."""

from django.http import Http404


def event_list(request, **kwargs):
    raise Http404


def register(request, **kwargs):
    raise Http404


def cancel(request, **kwargs):
    raise Http404


def schedule(request, **kwargs):
    raise Http404


def schedule_ics(request, **kwargs):
    raise Http404
