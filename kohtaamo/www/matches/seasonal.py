"""Stub: replaced by the helper that owns this module."""

from django.http import Http404


def _todo(request, **kwargs):
    raise Http404


client_seasonal = region_employer_pairs = _todo
