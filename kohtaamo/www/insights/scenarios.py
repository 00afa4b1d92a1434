"""Stub: filled in by the helper that owns this module (issue 9)."""

from django.http import Http404


def scenario_list(request, **kwargs):
    raise Http404


def scenario_add(request, **kwargs):
    raise Http404


def scenario_detail(request, **kwargs):
    raise Http404


def scenario_edit(request, **kwargs):
    raise Http404


def scenario_pdf(request, **kwargs):
    raise Http404
