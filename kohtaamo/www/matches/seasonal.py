"""Seasonal pairs: a job seeker's two seasonal jobs that make a year, and the employers of an
area who could share a worker.

The person's page shows competences (each half's gaps), so it needs the competences scope: the
person is looked up through `Client.objects.visible_to(user, COMPETENCES)` (anyone else gets
404) and the view is audited like the record. The area's page shows employers (public business
data) and counts of people, suppressed under five; any staff member (an active membership of an
organisation) may see it, a job seeker's login gets 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import render
from django.utils.dates import MONTHS, MONTHS_3

from kohtaamo.clients.enums import SeasonWish
from kohtaamo.employers.models import Employer
from kohtaamo.matches import lists, seasonal

CLIENT_LIMIT = 10
EMPLOYER_LIMIT = 50


def client_seasonal(request, public_id):
    client = lists.viewed_client(request.user, public_id, page="seasonal")
    if client is None:
        raise Http404
    found = seasonal.client_pairs(client, limit=CLIENT_LIMIT)
    return render(
        request,
        "matches/client_seasonal.html",
        {
            "client": client,
            "found": found,
            "ready": [_row(p) for p in found.pairs if not p.near],
            "near": [_row(p) for p in found.pairs if p.near],
            "wishes_year_round": client.season_wish == SeasonWish.YEAR_ROUND,
            "params": seasonal.SEASON_PARAMS,
        },
    )


def region_employer_pairs(request, code):
    if not getattr(request, "memberships", None):
        raise Http404
    area = seasonal.area_for(code)
    if area is None:
        raise Http404
    pairs = seasonal.employer_pairs(area, limit=EMPLOYER_LIMIT)
    ids = {side.employer.pk for pair in pairs for side in (pair.first, pair.second)}
    visible = set(
        Employer.objects.visible_to(request.user).filter(pk__in=ids).values_list("pk", flat=True)
    )
    return render(
        request,
        "matches/region_employer_pairs.html",
        {
            "area": area,
            "pairs": [_row(p) for p in pairs],
            "visible_employers": visible,
            "params": seasonal.SEASON_PARAMS,
            "min_reported": seasonal.MIN_REPORTED,
        },
    )


@dataclass(frozen=True)
class Cell:
    """A month of the strip: its name shown (short) and read (full), and who works in it."""

    short: str
    name: str
    who: str  # "first", "second", "both" or "" (out of work)


@dataclass(frozen=True)
class PairRow:
    item: object  # seasonal.PairItem or seasonal.EmployerPairItem
    cells: list[Cell]
    first_months: str
    second_months: str
    gap_months: str


def _row(item) -> PairRow:
    """The strip starts from the first season's first month: "Dec ... Nov" reads as the year
    the person would have."""
    runs = month_runs(item.first.months)
    start = runs[0][0] - 1 if runs else 0
    strip = item.strip[start:] + item.strip[:start]
    return PairRow(
        item=item,
        cells=[Cell(_short(m), _name(m), who) for m, who in strip],
        first_months=_names(item.first.months),
        second_months=_names(item.second.months),
        gap_months=_names(item.gap_months),
    )


def _short(month: int) -> str:
    return str(MONTHS_3[month]).capitalize()


def _name(month: int) -> str:
    return str(MONTHS[month])


def _names(months) -> str:
    """The months in words as runs in the order of the seasons: "joulukuu–huhtikuu, kesäkuu"."""
    return ", ".join(
        _name(run[0]) if len(run) == 1 else f"{_name(run[0])}–{_name(run[-1])}"
        for run in month_runs(months)
    )


def month_runs(months) -> list[list[int]]:
    """Consecutive months on the annual cycle, each run from its first month: {1, 2, 12, 6} ->
    [[6], [12, 1, 2]] (a run that crosses the new year stays one)."""
    chosen = set(months)
    if len(chosen) in (0, 12):
        return [sorted(chosen)] if chosen else []
    runs = []
    for start in sorted(m for m in chosen if (m - 2) % 12 + 1 not in chosen):
        run, month = [start], start % 12 + 1
        while month in chosen:
            run.append(month)
            month = month % 12 + 1
        runs.append(run)
    return runs
