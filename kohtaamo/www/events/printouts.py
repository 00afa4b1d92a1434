"""STUB: to be written."""

from django.http import Http404


def seeker_schedule(request, **kwargs):
    raise Http404


def seeker_schedule_pdf(request, **kwargs):
    raise Http404


def seeker_schedule_ics(request, **kwargs):
    raise Http404


def seeker_schedules_pdf(request, **kwargs):
    raise Http404


def employer_schedule(request, **kwargs):
    raise Http404


def employer_schedule_pdf(request, **kwargs):
    raise Http404


def employer_schedule_ics(request, **kwargs):
    raise Http404


def employer_schedules_pdf(request, **kwargs):
    raise Http404


def board(request, **kwargs):
    raise Http404


def board_pdf(request, **kwargs):
    raise Http404
