"""Which vocational qualification units give a skill or a licence.

A unit's vocational skill requirements are Finnish text ("osaa käyttää trukkia
turvallisesti..."); run through the same text-to-competences index as job ads, they say which
ESCO skills and licences the unit teaches. Employers' reports and the occupational competence
profiles use this to point from a need to the training that meets it. The map is rebuilt when
the vocabulary or the units change, and kept in memory per version.
"""

from __future__ import annotations

import threading
from collections import defaultdict

from django.db.models import Count, Max

from kohtaamo.competences.services import shared_index, vocabulary_version
from kohtaamo.lang.extract import extract
from kohtaamo.qualifications.models import QualificationUnit

PROVIDED_KINDS = ["skill", "licence"]
MIN_CONFIDENCE = 0.6
_lock = threading.Lock()
_memory: dict[str, dict[str, list[int]]] = {}


def _unit_text(unit: QualificationUnit) -> str:
    requirements = [r.get("fi", "") for r in unit.skill_requirements if isinstance(r, dict)]
    return "\n".join([unit.name_fi, *requirements, unit.description_fi])


def _build() -> dict[str, list[int]]:
    index = shared_index()
    provided: dict[str, list[int]] = defaultdict(list)
    for unit in QualificationUnit.objects.order_by("id").iterator(chunk_size=200):
        found = extract(_unit_text(unit), index, lang="fi", kinds=PROVIDED_KINDS, limit=200)
        for uri in sorted({s.uri for s in found if s.confidence >= MIN_CONFIDENCE}):
            provided[uri].append(unit.pk)
    return dict(provided)


def _version() -> str:
    units = QualificationUnit.objects.aggregate(n=Count("id"), last=Max("id"))
    return f"{vocabulary_version()}-{units['n']}-{units['last']}"


def unit_ids_by_competence() -> dict[str, list[int]]:
    """Competence URI -> ids of the qualification units whose requirements name it."""
    key = _version()
    if (found := _memory.get(key)) is None:
        with _lock:
            if (found := _memory.get(key)) is None:
                found = _build()
                _memory.clear()
                _memory[key] = found
    return found


def units_for(uris: list[str]) -> dict[str, list[QualificationUnit]]:
    """For each URI, the qualification units that give it (by name), without duplicates."""
    by_uri = unit_ids_by_competence()
    wanted = {pk for uri in uris for pk in by_uri.get(uri, [])}
    units = QualificationUnit.objects.in_bulk(wanted)
    return {
        uri: sorted((units[pk] for pk in by_uri.get(uri, []) if pk in units), key=str)
        for uri in uris
    }
