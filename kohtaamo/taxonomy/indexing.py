"""Building the search index: every label analysed into lemmas and compound parts."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator

from django.db import transaction

from kohtaamo.lang.labelmatch import IndexedLabel
from kohtaamo.lang.morphology import analyse
from kohtaamo.taxonomy.enums import ConceptKind, SearchKind
from kohtaamo.taxonomy.models import Concept, Licence, SearchEntry

BATCH = 5000
KIND_PRIOR = {
    SearchKind.LICENCE: 1.1,
    SearchKind.OCCUPATION: 1.0,
    SearchKind.UNIT: 0.95,
    SearchKind.QUALIFICATION: 0.95,
    SearchKind.SKILL_GROUP: 0.8,
    SearchKind.ISCO_GROUP: 0.8,
}
NEUTRAL_LANG = "*"  # aliases and abbreviations that belong to no one language
# Bump when the analysis changes, so that `import_taxonomy --if-changed` rebuilds the index.
INDEX_VERSION = "2"


def skill_prior(occupation_count: int) -> float:
    """Widely needed skills rank a little higher: 0.9 for none, up to 1.1."""
    return 0.9 + 0.05 * min(4.0, math.log1p(occupation_count))


def _concept_labels() -> Iterator[tuple[str, str, str, str, bool, float]]:
    fields = (
        "kind",
        "uri",
        "label_fi",
        "label_sv",
        "label_en",
        "alt_labels_en",
        "occupation_count",
    )
    for kind, uri, fi, sv, en, alts, count in Concept.objects.active().values_list(*fields):
        prior = skill_prior(count) if kind == ConceptKind.SKILL else KIND_PRIOR[kind]
        for lang, label in (("fi", fi), ("sv", sv), ("en", en)):
            if label:
                yield kind, uri, lang, label, True, prior
        for alt in alts:
            if alt != en:
                yield kind, uri, "en", alt, False, prior


def _licence_labels() -> Iterator[tuple[str, str, str, str, bool, float]]:
    prior = KIND_PRIOR[SearchKind.LICENCE]
    for licence in Licence.objects.all():
        for lang in ("fi", "sv", "en"):
            yield (
                SearchKind.LICENCE,
                licence.uri,
                lang,
                getattr(licence, f"name_{lang}"),
                True,
                prior,
            )
        for alias in licence.aliases:
            yield SearchKind.LICENCE, licence.uri, NEUTRAL_LANG, alias, False, prior


def _qualification_labels() -> Iterator[tuple[str, str, str, str, bool, float]]:
    from kohtaamo.qualifications.services import iter_search_labels

    for kind, uri, lang, label, preferred in iter_search_labels():
        yield kind, uri, lang, label, preferred, KIND_PRIOR[kind]


def _entries(labels: Iterable[tuple[str, str, str, str, bool, float]]) -> Iterator[SearchEntry]:
    for kind, uri, lang, label, preferred, prior in labels:
        indexed = IndexedLabel.from_analyses(analyse(label, "fi" if lang == NEUTRAL_LANG else lang))
        if not indexed.words:
            continue
        yield SearchEntry(
            kind=kind,
            uri=uri,
            lang=lang,
            label=label[:400],
            is_preferred=preferred,
            words=" ".join(indexed.words),
            parts=" ".join(indexed.parts),
            terms=" " + " ".join((*indexed.words, *indexed.parts)) + " ",
            word_count=min(indexed.word_count, 32767),
            prior=prior,
        )


def rebuild_search_index(*, kinds: Iterable[str]) -> int:
    """Replace the search entries of `kinds` with fresh ones from the database."""
    kinds = set(kinds)
    sources = []
    if kinds & {
        SearchKind.SKILL,
        SearchKind.OCCUPATION,
        SearchKind.SKILL_GROUP,
        SearchKind.ISCO_GROUP,
    }:
        sources.append(label for label in _concept_labels() if label[0] in kinds)
    if SearchKind.LICENCE in kinds:
        sources.append(_licence_labels())
    if kinds & {SearchKind.UNIT, SearchKind.QUALIFICATION}:
        sources.append(label for label in _qualification_labels() if label[0] in kinds)
    with transaction.atomic():
        SearchEntry.objects.filter(kind__in=kinds).delete()
        created = 0
        for source in sources:
            created += len(SearchEntry.objects.bulk_create(_entries(source), batch_size=BATCH))
    return created
