"""The situation room: what a closure or an investment means for the region, as a snapshot.

`compute(scenario)` returns the result stored in `Scenario.result` (JSON); scenario_services
saves it. Both kinds work per occupation of the scenario, with the matching engine's
definitions (kohtaamo.matching: suitable = a score of at least 0.25, within reach = the
commuting radius x (1 + tolerance), a course unlocks a vacancy it would make suitable):

* closure: the laid-off workers of an occupation are imagined as people who hold the
  occupation's essential ESCO skills (from work history), live in the scenario's municipality
  and commute up to RADIUS_KM, Finnish as their language, no licences (a course may give
  them). For them: the open vacancies they fit now and those an upcoming
  course would open ("near"), the courses that open the most and the gaps those close, the
  public statistics' demand for the occupation's ISCO group in the region (last 12 months),
  and a re-employment estimate by month (kohtaamo.insights.scenario_model);
* investment: each occupation's need is a vacancy made of the occupation's most specific
  essential skills in the municipality. The region's active job seekers within commuting
  distance are scored against it: who could fill it now, who after a course within their
  reach, each person counted for one occupation only; what remains is the supply gap; the
  statistics' unemployed of the ISCO group are the wider pool.

Privacy: counts of real people (job seekers) and of vacancies are 0, at least 5, or hidden
(null with `*_suppressed: true`); the per-occupation counts of people are disjoint and add up
to the total, so they are protected together (unlock.protect). Figures about the scenario's
own hypothetical workers are estimates rounded to multiples of 5. The statistics' numbers keep
the flags set at import (kohtaamo.insights.models.LabourStat) and a mean of 1-4 is hidden.
The snapshot stores URIs; `labelled` adds labels in the reader's language.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db.models import Avg, Count, Max, Q
from django.utils import timezone

from kohtaamo.geo.models import Municipality
from kohtaamo.matches.inputs import (
    load_people,
    load_vacancies,
    matchable_clients,
    matchable_vacancies,
    relations,
)
from kohtaamo.matches.services import LIMITS, PARAMS
from kohtaamo.matches.training import offer_places
from kohtaamo.matching.pairs import reachable
from kohtaamo.matching.score import score_candidates
from kohtaamo.matching.unlock import MINIMUM_COUNT, Unlock, is_small, prepare, protect, unlocks_for
from kohtaamo.matching.vectors import (
    Competence,
    PersonCompetences,
    Requirement,
    VacancyRequirements,
    build_index,
)
from kohtaamo.taxonomy.models import Concept, OccupationSkill
from kohtaamo.taxonomy.search import display_labels
from kohtaamo.training.models import TrainingOffer

from . import scenario_model as model
from .models import LabourStat, Scenario

RADIUS_KM = 80  # the laid-off workers' commuting radius
NEED_SKILLS = 8  # an investment's vacancy asks for the occupation's most specific essentials
COURSES = 5
GAPS = 8
STAT_MONTHS = 12


def compute(scenario: Scenario, today: date | None = None) -> dict:
    """The scenario's result as JSON-ready data (not saved here)."""
    today = today or timezone.localdate()
    rows = list(scenario.occupations.select_related("occupation").order_by("-count", "pk"))
    needs = [Need(r.occupation.uri, r.occupation.code, r.count) for r in rows]
    skills = essential_skills([r.occupation_id for r in rows])
    place = scenario.municipality
    region = place.region.code
    common = {
        "kind": scenario.kind,
        "computed_on": today.isoformat(),
        "radius_km": RADIUS_KM,
        "minimum": MINIMUM_COUNT,
        "statistics": statistics_window(region),
    }
    skill_lists = [skills.get(r.occupation_id, []) for r in rows]
    if scenario.kind == Scenario.Kind.CLOSURE:
        return common | closure(needs, skill_lists, place, region, today)
    return common | investment(needs, skill_lists, place, region, today)


@dataclass(frozen=True)
class Need:
    """One occupation of a scenario: its ESCO URI and code, and the workers."""

    uri: str
    code: str
    workers: int

    @property
    def isco(self) -> str:
        return self.code.split(".")[0]


def essential_skills(occupation_ids: list[int]) -> dict[int, list[str]]:
    """Occupation id -> its essential skill URIs, the most specific first (fewest
    occupations share them), as the demo's vacancies pick them."""
    rows = (
        OccupationSkill.objects.filter(
            occupation_id__in=occupation_ids, relation="essential", skill__is_active=True
        )
        .order_by("occupation_id", "skill__occupation_count", "skill__uri")
        .values_list("occupation_id", "skill__uri")
    )
    found: dict[int, list[str]] = defaultdict(list)
    for occupation_id, uri in rows:
        found[occupation_id].append(uri)
    return found


# Counts -------------------------------------------------------------------------------------


def shown(count: int) -> tuple[int | None, bool]:
    """A count of vacancies or people as (value, suppressed): 1-4 hidden."""
    return (None, True) if is_small(count) else (count, False)


def protected(counts: list[int]) -> tuple[dict, list[dict]]:
    """Disjoint counts and their total, protected together: ({people, suppressed} of the
    total, the same for each part)."""
    total = sum(counts)
    hidden = protect(total, counts)
    cells = [
        {"people": None if h else c, "suppressed": h}
        for c, h in zip([total, *counts], hidden, strict=True)
    ]
    return cells[0], cells[1:]


# Statistics ---------------------------------------------------------------------------------


def statistics_window(region: str) -> dict:
    """The last STAT_MONTHS months of the region's statistics: {"from", "to"} (ISO months)."""
    last = LabourStat.objects.filter(area=f"MK{region}").aggregate(last=Max("month"))["last"]
    if last is None:
        return {"from": None, "to": None}
    first = _months_back(last, STAT_MONTHS - 1)
    return {"from": first.isoformat()[:7], "to": last.isoformat()[:7]}


def _months_back(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 - n
    return date(index // 12, index % 12 + 1, 1)


def demand(region: str, isco: str) -> dict:
    """The ISCO group's monthly mean of unemployed and vacancies in the region over the last
    12 months, and the tension (vacancies per unemployed). The group is the most detailed
    level the statistics have (4 digits, else 3, 2, 1). A mean is over the months whose count
    is shown (hidden ones are left out, so nothing hidden enters it), and hidden when no
    month is shown or the mean is 1-4; the tension is given only from two shown means."""
    area = f"MK{region}"
    window = statistics_window(region)
    if window["to"] is None or not isco:
        return _means({}, "")
    first = date.fromisoformat(window["from"] + "-01")
    for digits in range(min(len(isco), 4), 0, -1):
        rows = LabourStat.objects.filter(area=area, occupation=isco[:digits], month__gte=first)
        shown_unemployed = Q(unemployed_suppressed=False, unemployed__isnull=False)
        shown_vacancies = Q(vacancies_suppressed=False, vacancies__isnull=False)
        found = rows.aggregate(
            n=Count("id"),
            mean_unemployed=Avg("unemployed", filter=shown_unemployed),
            mean_vacancies=Avg("vacancies", filter=shown_vacancies),
        )
        if found["n"]:
            return _means(found, isco[:digits])
    return _means({}, "")


def _means(found: dict, isco: str) -> dict:
    out: dict = {"isco": isco}
    for name in ("unemployed", "vacancies"):
        value = found.get(f"mean_{name}")
        mean = None if value is None else round(value)
        hidden = mean is None or is_small(mean)
        out[name] = None if hidden else mean
        out[f"{name}_suppressed"] = hidden and bool(found)
    u, v = out["unemployed"], out["vacancies"]
    out["tension"] = round(v / u, 2) if u and v is not None else None
    return out


# Closure ------------------------------------------------------------------------------------


def worker(uri: str, skills: list[str], place: Municipality) -> PersonCompetences:
    """A laid-off worker of the occupation as the engine sees them."""
    return PersonCompetences(
        competences=tuple(
            Competence(uri=s, kind="skill", level=3, source="work_history") for s in skills
        ),
        languages={"fi": "native"},  # a Finnish workplace; other languages are not assumed
        lat=place.latitude,
        lon=place.longitude,
        radius_km=float(RADIUS_KM),
        wished_occupations=frozenset({uri}),
    )


def closure(needs: list[Need], skills: list[list[str]], place, region, today) -> dict:
    vacancy_rows = load_vacancies(matchable_vacancies())
    vacancies = [v.vacancy for v in vacancy_rows]
    workers = [worker(n.uri, s, place) for n, s in zip(needs, skills, strict=True)]
    offers = offer_places(today)
    found = [_closure_reach(workers, vacancies, offers, today)] if workers and vacancies else []
    reach = found[0] if found else [((), (), []) for _ in needs]
    all_fitting, all_near = set(), set()
    occupations, outlooks = [], []
    for need, (fitting, near, unlocks) in zip(needs, reach, strict=True):
        all_fitting |= set(fitting)
        all_near |= set(near)
        stats = demand(region, need.isco)
        outlook = model.Outlook(
            workers=need.workers,
            fitting=len(fitting),
            near=len(near),
            course_months=model.course_months(
                min((u.days_to_close for u in unlocks), default=None)
            ),
            tension=stats["tension"],
        )
        outlooks.append(outlook)
        occupations.append(_closure_row(need, outlook, stats, unlocks, offers, set(near)))
    estimate = model.total(outlooks)
    totals = {"vacancies": len(all_fitting), "near_vacancies": len(all_near - all_fitting)}
    parts = {
        "vacancies": [o.fitting for o in outlooks],
        "near_vacancies": [o.near for o in outlooks],
    }
    summary: dict = {}
    for name, total in totals.items():
        hidden = protect(total, parts[name])
        summary |= {name: None if hidden[0] else total, f"{name}_suppressed": hidden[0]}
        for row, count, hide in zip(occupations, parts[name], hidden[1:], strict=True):
            row |= {name: None if hide else count, f"{name}_suppressed": hide}
    return summary | {
        "workers": sum(n.workers for n in needs),
        "reemployed_estimate": [model.round5(v) for v in estimate],
        "occupations": occupations,
        "gaps": _common_gaps(occupations),
    }


def _closure_reach(workers, vacancies, offers, today):
    """Per worker: (fitting rows, near rows, unlocks)."""
    index = build_index(workers, vacancies, relations(), PARAMS, today)
    context = prepare(index, vacancies, offers, LIMITS.near_potential)
    within = reachable(workers, vacancies, PARAMS.distance_tolerance)
    found = []
    for i, person in enumerate(workers):
        pe_row = index.pe[i].toarray()[0]
        rows = np.flatnonzero(within[i])
        fitting: tuple[int, ...] = ()
        if len(rows):
            scores = score_candidates(
                index, person, [vacancies[j] for j in rows], rows, pe_row=pe_row
            ).score
            fitting = tuple(int(j) for j in rows[scores >= LIMITS.near_potential])
        unlocks = unlocks_for(context, person, pe_row) if offers else []
        near = tuple(sorted({j for u in unlocks for j in u.vacancies} - set(fitting)))
        found.append((fitting, near, unlocks))
    return found


def _closure_row(need: Need, outlook, stats, unlocks: list[Unlock], offers, near) -> dict:
    """One occupation's row; its vacancy counts are set by `closure`, protected with the
    total (the occupations' vacancies may overlap, but a reader cannot know that they do, so
    they are protected as if they added up to it)."""
    placed, trained, rest = model.split(outlook)
    return {
        "occupation": need.uri,
        "isco": need.isco,
        "workers": need.workers,
        "placed_estimate": model.round5(placed),
        "trained_estimate": model.round5(trained),
        "market_estimate": model.round5(rest),
        "demand": stats,
        "courses": _closure_courses(unlocks, offers),
        "gaps": _gaps(unlocks, near),
        "reemployed_estimate": [model.round5(v) for v in model.cumulative(outlook)],
    }


def _closure_courses(unlocks: list[Unlock], offers) -> list[dict]:
    """The courses that open the most vacancies, one row per course title (the first, best
    ranked session), with the vacancies counted 0 / 5+ / hidden."""
    details = _offer_details([offers[u.offer].key for u in unlocks])
    rows, titles = [], set()
    for unlock in unlocks:
        offer = details.get(offers[unlock.offer].key)
        if offer is None or offer["title"] in titles:
            continue
        titles.add(offer["title"])
        count, hidden = shown(len(unlock.vacancies))
        rows.append(
            offer
            | {
                "days_to_close": unlock.days_to_close,
                "vacancies": count,
                "vacancies_suppressed": hidden,
                "closes": list(unlock.closes),
            }
        )
        if len(rows) == COURSES:
            break
    return rows


def _gaps(unlocks: list[Unlock], near: set[int]) -> list[dict]:
    """The competences that courses would add for the near vacancies, by the vacancies."""
    opened: dict[str, set[int]] = defaultdict(set)
    for unlock in unlocks:
        for uri in unlock.closes:
            opened[uri] |= set(unlock.vacancies) & near
    ranked = sorted(opened.items(), key=lambda item: (-len(item[1]), item[0]))
    out = []
    for uri, rows in ranked[:GAPS]:
        count, hidden = shown(len(rows))
        if rows:
            out.append({"uri": uri, "vacancies": count, "vacancies_suppressed": hidden})
    return out


def _common_gaps(occupations: list[dict]) -> list[dict]:
    """The gaps of the whole workforce: each gap with the estimated workers of the
    occupations that have it (rounded to 5: they are the scenario's hypothetical workers)."""
    workers: Counter = Counter()
    for row in occupations:
        for gap in row["gaps"]:
            workers[gap["uri"]] += row["workers"]
    return [
        {"uri": uri, "workers_estimate": model.round5(n)}
        for uri, n in sorted(workers.items(), key=lambda item: (-item[1], item[0]))[:GAPS]
    ]


def _offer_details(keys: list[str]) -> dict[str, dict]:
    offers = TrainingOffer.objects.filter(public_id__in=set(keys)).select_related("municipality")
    return {
        str(o.public_id): {
            "offer": str(o.public_id),
            "title": o.title,
            "provider": o.provider_name,
            "municipality": "" if o.remote or not o.municipality else o.municipality.name,
            "remote": o.remote,
            "start_date": o.start_date.isoformat() if o.start_date else None,
        }
        for o in offers
    }


# Investment ---------------------------------------------------------------------------------


def need_vacancy(need: Need, skills: list[str], place: Municipality) -> VacancyRequirements:
    """An investment's need as a vacancy: the occupation's most specific essential skills."""
    return VacancyRequirements(
        requirements=tuple(Requirement(uri=s) for s in skills[:NEED_SKILLS]),
        occupation_uri=need.uri,
        lat=place.latitude,
        lon=place.longitude,
    )


def investment(needs: list[Need], skills: list[list[str]], place, region, today) -> dict:
    targets = [need_vacancy(n, s, place) for n, s in zip(needs, skills, strict=True)]
    people = load_people(matchable_clients().filter(municipality__region__code=region))
    offers = offer_places(today)
    now, later = {}, {}
    if people and targets:
        now, later = _candidates([p.person for p in people], targets, offers, today)
    need = [n.workers for n in needs]
    chosen_now = model.assign({i: dict(o) for i, o in now.items()}, need)
    room = [n - sum(1 for t in chosen_now.values() if t == j) for j, n in enumerate(need)]
    training_options = {i: {j: -u.days_to_close for j, u in o.items()} for i, o in later.items()}
    chosen_later = model.assign(training_options, room)
    now_counts = [sum(1 for t in chosen_now.values() if t == j) for j in range(len(needs))]
    later_counts = [sum(1 for t in chosen_later.values() if t == j) for j in range(len(needs))]
    now_total, now_parts = protected(now_counts)
    seekers, seekers_hidden = shown(len(people))
    later_total, later_parts = protected(later_counts)
    occupations = []
    for j, n in enumerate(needs):
        courses = _investment_courses(
            [later[i][j] for i, t in chosen_later.items() if t == j],
            offers,
            hide_all=later_parts[j]["suppressed"],
        )
        occupations.append(
            {
                "occupation": n.uri,
                "isco": n.isco,
                "workers": n.workers,
                "now": now_parts[j],
                "after_training": later_parts[j],
                "remaining_estimate": _remaining(
                    n.workers, now_counts[j], later_counts[j], now_parts[j], later_parts[j]
                ),
                "courses": courses,
                "demand": demand(region, n.isco),
            }
        )
    return {
        "workers": sum(need),
        "job_seekers": seekers,
        "job_seekers_suppressed": seekers_hidden,
        "now": now_total,
        "after_training": later_total,
        "remaining_estimate": _remaining(
            sum(need), sum(now_counts), sum(later_counts), now_total, later_total
        ),
        "occupations": occupations,
    }


def _remaining(workers: int, now: int, later: int, now_cell: dict, later_cell: dict):
    """What is left of the need, rounded to 5. With a hidden part, shown only when it is the
    same whatever the hidden count from 1 to 4 (so it tells nothing more than "fewer than
    5"); hidden when a part was hidden to protect another (it could be any size)."""
    options = []
    for count, cell in ((now, now_cell), (later, later_cell)):
        if not cell["suppressed"]:
            options.append([count])
        elif is_small(count):
            options.append(range(1, MINIMUM_COUNT))
        else:
            return None
    values = {model.round5(max(workers - a - b, 0)) for a in options[0] for b in options[1]}
    return values.pop() if len(values) == 1 else None


def _candidates(people, targets, offers, today):
    """person -> {target: score} for the suitable now, and person -> {target: the best
    unlock} for those a course within reach would make suitable (and who are not suitable
    for any target now)."""
    index = build_index(people, targets, relations(), PARAMS, today)
    context = prepare(index, targets, offers, LIMITS.near_potential)
    within = reachable(people, targets, PARAMS.distance_tolerance)
    now: dict[int, dict[int, float]] = {}
    later: dict[int, dict[int, Unlock]] = {}
    for i in np.flatnonzero(within.any(axis=1)):
        i = int(i)
        person, rows = people[i], np.flatnonzero(within[i])
        pe_row = index.pe[i].toarray()[0]
        scores = score_candidates(index, person, [targets[j] for j in rows], rows, pe_row=pe_row)
        suitable = {
            int(j): float(s)
            for j, s in zip(rows, scores.score, strict=True)
            if s >= LIMITS.near_potential
        }
        if suitable:
            now[i] = suitable
            continue
        best: dict[int, Unlock] = {}
        for unlock in unlocks_for(context, person, pe_row) if offers else []:
            for j in unlock.vacancies:
                best.setdefault(j, unlock)  # ranked: the first is the best
        if best:
            later[i] = best
    return now, later


def _investment_courses(unlocks: list[Unlock], offers, *, hide_all: bool) -> list[dict]:
    """The courses the trained would take (each person their best one), by title, with the
    people counted 0 / 5+ / hidden. Each person is counted for one course, so the courses'
    counts add up to the occupation's trained and are protected with it; all are hidden when
    that count is (they would reveal it)."""
    details = _offer_details([offers[u.offer].key for u in unlocks])
    people: Counter = Counter()
    first: dict[str, dict] = {}
    for unlock in unlocks:
        offer = details.get(offers[unlock.offer].key)
        if offer is None:
            continue
        people[offer["title"]] += 1
        first.setdefault(offer["title"], offer | {"closes": list(unlock.closes)})
    ranked = sorted(people.items(), key=lambda item: (-item[1], item[0]))
    counts = [count for _title, count in ranked]
    hidden = protect(sum(counts), counts)[1:]
    rows = []
    for (title, count), hide in list(zip(ranked, hidden, strict=True))[:COURSES]:
        hide = hide or hide_all
        rows.append(first[title] | {"people": None if hide else count, "suppressed": hide})
    return rows


# Reading ------------------------------------------------------------------------------------


def labelled(result: dict | None, lang: str | None = None) -> dict | None:
    """A copy of a stored result with `label` next to every occupation, gap and closed
    competence URI, in `lang` (default: the active language)."""
    if not result:
        return result
    uris: set[str] = set()
    for row in result.get("occupations", []):
        uris.add(row["occupation"])
        uris.update(g["uri"] for g in row.get("gaps", []))
        for course in row.get("courses", []):
            uris.update(course.get("closes", []))
    uris.update(g["uri"] for g in result.get("gaps", []))
    labels = display_labels(sorted(uris), lang)
    missing = uris - labels.keys()
    if missing:
        labels |= {c.uri: c.label_fi or c.label_en for c in Concept.objects.filter(uri__in=missing)}
    return _with_labels(result, labels)


def _with_labels(result: dict, labels: dict[str, str]) -> dict:
    def label(uri: str) -> str:
        return labels.get(uri, uri)

    def course(c: dict) -> dict:
        return c | {"closes_labels": [label(u) for u in c.get("closes", [])]}

    occupations = [
        row
        | {
            "label": label(row["occupation"]),
            "gaps": [g | {"label": label(g["uri"])} for g in row.get("gaps", [])],
            "courses": [course(c) for c in row.get("courses", [])],
        }
        for row in result.get("occupations", [])
    ]
    gaps = [g | {"label": label(g["uri"])} for g in result.get("gaps", [])]
    return result | {"occupations": occupations, "gaps": gaps}
