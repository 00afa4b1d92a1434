"""STUB: to be written."""

from django.http import Http404


def followup(request, **kwargs):
    raise Http404


def send_links(request, **kwargs):
    raise Http404


def interview_outcome(request, **kwargs):
    raise Http404


def report(request, **kwargs):
    raise Http404


def report_csv(request, **kwargs):
    raise Http404


def employer_link(request, **kwargs):
    raise Http404
