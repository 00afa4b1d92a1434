"""Stub: filled in by the helper that owns this module (issue 9)."""

from django.http import Http404


def situation(request, **kwargs):
    raise Http404


def situation_csv(request, **kwargs):
    raise Http404
