"""Searching the vocabulary: skills, occupations, licences and qualification units by label.

The database narrows the labels to those containing a query term (a substring test that works
the same on SQLite and PostgreSQL); `kohtaamo.lang.labelmatch` then scores each candidate with
Finnish morphology. Results are concepts, best first, each once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q

from kohtaamo.core.i18n import active_language
from kohtaamo.lang.labelmatch import IndexedLabel, match_score, query_terms
from kohtaamo.lang.morphology import SUPPORTED_LANGUAGES, analyse
from kohtaamo.taxonomy.indexing import NEUTRAL_LANG
from kohtaamo.taxonomy.models import SearchEntry

MAX_QUERY_LENGTH = 200
MAX_CANDIDATES = 20_000


@dataclass(frozen=True)
class SearchHit:
    uri: str
    kind: str
    label: str  # in the display language
    matched_label: str  # the label that matched, maybe an alternative or another language
    score: float


def search(
    query: str,
    *,
    lang: str | None = None,
    kinds: list[str] | None = None,
    limit: int = 20,
    display_lang: str | None = None,
) -> list[SearchHit]:
    """Search labels in `lang` (or in every language when None) and rank the concepts."""
    query = query.strip()[:MAX_QUERY_LENGTH]
    if not query:
        return []
    languages = [lang] if lang else list(SUPPORTED_LANGUAGES)
    best: dict[str, tuple[float, SearchEntry]] = {}
    for language in languages:
        for score, entry in _scored(query, language, kinds):
            if entry.uri not in best or score > best[entry.uri][0]:
                best[entry.uri] = (score, entry)
    ranked = sorted(best.values(), key=lambda item: (-item[0], len(item[1].label)))[:limit]
    labels = display_labels([entry.uri for _, entry in ranked], display_lang or lang)
    return [
        SearchHit(
            uri=entry.uri,
            kind=entry.kind,
            label=labels.get(entry.uri, entry.label),
            matched_label=entry.label,
            score=round(score, 4),
        )
        for score, entry in ranked
    ]


def _scored(query: str, lang: str, kinds: list[str] | None):
    analysed = analyse(query, lang)
    terms = query_terms(analysed)
    if not terms:
        return
    condition = reduce(or_, (Q(terms__contains=t) for t in terms))
    entries = SearchEntry.objects.filter(condition, lang__in=[lang, NEUTRAL_LANG])
    if kinds:
        entries = entries.filter(kind__in=kinds)
    for entry in entries[:MAX_CANDIDATES]:
        label = IndexedLabel(
            words=tuple(entry.words.split()),
            parts=tuple(entry.parts.split()),
            word_count=entry.word_count,
        )
        score = match_score(analysed, label, preferred=entry.is_preferred, prior=entry.prior)
        if score > 0:
            yield score, entry


def display_labels(uris: list[str], lang: str | None) -> dict[str, str]:
    """The preferred label of each URI in the display language, else in Finnish or English."""
    lang = lang or active_language()
    order = [lang] + [code for code in ("fi", "en", "sv") if code != lang]
    rows = SearchEntry.objects.filter(uri__in=uris, is_preferred=True, lang__in=order).values_list(
        "uri", "lang", "label"
    )
    found: dict[str, tuple[int, str]] = {}
    for uri, code, label in rows:
        rank = order.index(code)
        if uri not in found or rank < found[uri][0]:
            found[uri] = (rank, label)
    return {uri: label for uri, (_, label) in found.items()}
