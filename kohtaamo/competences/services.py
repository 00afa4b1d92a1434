"""Text to competences in the product: the vocabulary from the database, cached indexes.

The extraction itself is `kohtaamo.lang.extract` (no Django). Here the vocabulary is assembled
from the search index's labels (skills, occupations, licences, qualification units), the
project's curated synonyms (data/reference/synonyms.csv) and the organisation's own synonyms.
The big shared index is built once per vocabulary version and cached on disk and in memory;
an organisation's synonyms form a small index of their own, built on the fly.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Max

from kohtaamo.competences.models import Synonym
from kohtaamo.core.cache import load_pickle, save_pickle
from kohtaamo.core.reference import reference_dir
from kohtaamo.lang import english, morphology, semantic
from kohtaamo.lang.extract import (
    INDEX_FORMAT,
    MAX_TEXT_CHARS,
    REQUIREMENT,
    ExtractionIndex,
    Suggestion,
    detect_language,
    extract,
)
from kohtaamo.lang.suggest import EnglishRankers, merge, suggest
from kohtaamo.lang.titles import TitleIndex, TitleMatch
from kohtaamo.lang.vocabulary import LICENCE_URI_PREFIX, VocabularyEntry
from kohtaamo.taxonomy.indexing import KIND_PRIOR
from kohtaamo.taxonomy.models import Concept, ConceptKind, Licence, ReferenceImport, SearchEntry
from kohtaamo.taxonomy.search import display_labels

EXTRACTED_KINDS = ("skill", "occupation", "licence", "unit")
SYNONYM_FACTOR = 0.95  # a synonym is a little less certain than the concept's own label
CONTROL_CHARS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_lock = threading.Lock()
_memory: dict[str, object] = {}
log = logging.getLogger(__name__)


def shared_synonyms_path() -> Path:
    return reference_dir() / "synonyms.csv"


def concept_kind(uri: str) -> str | None:
    """The kind of the concept with this URI, or None when there is no such concept."""
    if uri.startswith(LICENCE_URI_PREFIX):
        code = uri.removeprefix(LICENCE_URI_PREFIX)
        return "licence" if Licence.objects.filter(code=code).exists() else None
    if uri.startswith("urn:eperusteet:"):
        from kohtaamo.qualifications.services import get_by_uri

        return (
            "unit" if uri.startswith("urn:eperusteet:tutkinnonosa:") and get_by_uri(uri) else None
        )
    concept = Concept.objects.active().filter(uri=uri).values_list("kind", flat=True).first()
    return concept if concept in EXTRACTED_KINDS else None


def _synonym_entries(rows, kinds: dict[str, str]) -> list[VocabularyEntry]:
    entries = []
    for lang, text, uri in rows:
        if kind := kinds.get(uri):
            prior = KIND_PRIOR.get(kind, 1.0) * SYNONYM_FACTOR
            entries.append(VocabularyEntry(uri, kind, lang, text, preferred=False, prior=prior))
    return entries


def _kinds_of(uris: set[str]) -> dict[str, str]:
    found = SearchEntry.objects.filter(uri__in=uris, kind__in=EXTRACTED_KINDS)
    return dict(found.values_list("uri", "kind").distinct())


def read_shared_synonyms(path: Path | None = None) -> list[tuple[str, str, str]]:
    with open(path or shared_synonyms_path(), encoding="utf-8", newline="") as fh:
        return [(r["lang"], r["text"], r["uri"]) for r in csv.DictReader(fh)]


def vocabulary() -> list[VocabularyEntry]:
    """Every label the shared index knows, from the database and the curated synonyms."""
    rows = SearchEntry.objects.filter(kind__in=EXTRACTED_KINDS).values_list(
        "uri", "kind", "lang", "label", "is_preferred", "prior"
    )
    entries = [VocabularyEntry(*row) for row in rows.order_by("id").iterator(chunk_size=5000)]
    synonyms = read_shared_synonyms()
    entries += _synonym_entries(synonyms, _kinds_of({uri for _, _, uri in synonyms}))
    return entries


def vocabulary_version() -> str:
    """Changes whenever the shared index would change; cheap enough to ask per request."""
    labels = SearchEntry.objects.filter(kind__in=EXTRACTED_KINDS).aggregate(
        n=Count("id"), last=Max("id")
    )
    imports = list(ReferenceImport.objects.order_by("name").values_list("name", "checksum"))
    digest = hashlib.sha256(
        repr((INDEX_FORMAT, morphology.backend("fi"), labels, imports)).encode()
    )
    digest.update(shared_synonyms_path().read_bytes())
    return digest.hexdigest()[:20]


def shared_index() -> ExtractionIndex:
    version = vocabulary_version()
    key = f"extraction-{version}"
    if (index := _memory.get(key)) is not None:
        return index
    with _lock:
        if (index := _memory.get(key)) is None:
            cache = Path(settings.KOHTAAMO_CACHE_DIR)
            index = ExtractionIndex.load(cache / f"{key}.pickle", version)
            if index is None:
                index = ExtractionIndex.build(vocabulary(), checksum=version)
                index.save(cache / f"{key}.pickle")
                _remove_stale(cache, "extraction-", keep=f"{key}.pickle")
            _memory.clear()
            _memory[key] = index
    return index


def title_index() -> TitleIndex:
    """Occupation labels for job-title normalisation, from the same vocabulary version."""
    index = shared_index()
    key = f"titles-{index.checksum}"
    if (titles := _memory.get(key)) is None:
        with _lock:
            if (titles := _memory.get(key)) is None:
                path = Path(settings.KOHTAAMO_CACHE_DIR) / f"{key}.pickle"
                titles = load_pickle(path)
                if not isinstance(titles, TitleIndex):
                    titles = TitleIndex(index.entries)
                    save_pickle(path, titles)
                    _remove_stale(path.parent, "titles-", keep=path.name)
                _memory[key] = titles
    return titles


def english_concepts(kind: str) -> list[english.Concept]:
    """Active ESCO skills or occupations with their English labels, as the rankers read them."""
    rows = (
        Concept.objects.active()
        .filter(kind=kind)
        .values_list("uri", "label_en", "alt_labels_en", "occupation_count")
    )
    usage = kind == ConceptKind.SKILL  # occupations have no prior
    return english.concepts_from_rows(
        (uri, label, alternatives, count if usage else 0)
        for uri, label, alternatives, count in rows.iterator(chunk_size=5000)
    )


def english_index(kind: str, *, build_embeddings: bool = False) -> english.ConceptIndex:
    """The English ranking index of skills or occupations, kept in memory per vocabulary.

    Label embeddings are read from the disk cache; building them takes minutes, so a request
    never does: until `manage.py build_text_indexes` has run (`make demo` runs it), ranking is
    lexical, and the next request after it picks the embeddings up. Only preferred labels are
    embedded (bench/job_titles.py and bench/skill_extraction.py measured the choice).
    """
    key = f"english-{kind}-{vocabulary_version()}"
    index = _memory.get(key)
    if index is not None and not _wants_embeddings(key, index, build_embeddings):
        return index
    with _lock:
        index = _memory.get(key)
        if index is None or _wants_embeddings(key, index, build_embeddings):
            encoder = semantic.load_encoder() if settings.KOHTAAMO_SEMANTIC else None
            index = english.build_index(
                english_concepts(kind),
                encoder,
                Path(settings.KOHTAAMO_CACHE_DIR),
                embed_alternatives=False,
                cached_only=not build_embeddings,
            )
            if encoder is not None and index.embeddings is None:
                log.warning("No %s label embeddings yet: run manage.py build_text_indexes", kind)
            for stale in [k for k in _memory if k.startswith(f"english-{kind}-")]:
                del _memory[stale]
            _memory[key] = index
    return index


def _wants_embeddings(key: str, index: english.ConceptIndex, build: bool) -> bool:
    """Whether a lexical index should be rebuilt: embeddings are to be built, or exist now."""
    if index.embeddings is not None or not settings.KOHTAAMO_SEMANTIC:
        return False
    if (encoder := semantic.load_encoder()) is None:
        return False
    return build or _embeddings_path(key, index, encoder.name).exists()


def _embeddings_path(key: str, index: english.ConceptIndex, model_name: str) -> Path:
    """Where the index's label embeddings will be cached. Hashed once per index (kept beside it
    in memory), as this is asked on every English request while the embeddings are missing."""
    if (path := _memory.get(f"{key}:path")) is None:
        labels = [concept.preferred for concept in index.concepts]
        path = semantic.cache_path(labels, model_name, Path(settings.KOHTAAMO_CACHE_DIR))
        _memory[f"{key}:path"] = path
    return path


def build_text_indexes() -> dict[str, str]:
    """Build every index text-to-competences uses, label embeddings included; what was built."""
    built = {"extraction": f"{len(shared_index().entries):,} labels"}
    built["titles"] = f"{len(title_index().entries):,} occupation labels"
    for kind in (ConceptKind.SKILL, ConceptKind.OCCUPATION):
        index = english_index(kind, build_embeddings=True)
        mode = "with label embeddings" if index.embeddings is not None else "lexical only"
        built[f"english {kind}"] = f"{len(index.concepts):,} concepts, {mode}"
    return built


def _remove_stale(cache: Path, prefix: str, keep: str) -> None:
    """Indexes of older vocabularies are of no use; each is tens of megabytes."""
    for path in cache.glob(f"{prefix}*.pickle"):
        if path.name != keep:
            path.unlink(missing_ok=True)


def organisation_index(organisation) -> ExtractionIndex | None:
    rows = list(Synonym.objects.for_organisation(organisation).values_list("lang", "text", "uri"))
    if not rows:
        return None
    return ExtractionIndex.build(_synonym_entries(rows, _kinds_of({r[2] for r in rows})))


@dataclass(frozen=True)
class ExtractedCompetence:
    suggestion: Suggestion
    concept_label: str  # the concept's own label in the display language


@dataclass(frozen=True)
class ExtractionResult:
    lang: str
    text: str
    competences: list[ExtractedCompetence]


class TextTooLong(ValueError):
    pass


def clean_text(text: str) -> str:
    """Control characters and undecodable bytes become spaces; offsets stay the same."""
    return CONTROL_CHARS_RE.sub(" ", text)


def extract_competences(
    *,
    text: str,
    lang: str = "detect",
    organisation=None,
    kinds: list[str] | None = None,
    default_modality: str = REQUIREMENT,
    limit: int = 50,
    display_lang: str | None = None,
) -> ExtractionResult:
    """Suggestions for a person to confirm. Raises ValueError on bad input, with the reason."""
    if len(text) > MAX_TEXT_CHARS:
        raise TextTooLong(f"text is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}")
    text = clean_text(text)
    if not text.strip():
        raise ValueError("text is empty")
    lang = detect_language(text) if lang == "detect" else lang
    options = {"lang": lang, "kinds": kinds, "default_modality": default_modality}
    rankers = EnglishRankers(english_index(ConceptKind.SKILL)) if lang == "en" else None
    found = suggest(text, shared_index(), rankers=rankers, limit=limit, **options)
    if (own := organisation_index(organisation)) is not None:
        found = merge([found, extract(text, own, limit=limit, **options)], limit)
    labels = display_labels([s.uri for s in found], display_lang)
    competences = [ExtractedCompetence(s, labels.get(s.uri, s.label)) for s in found]
    return ExtractionResult(lang=lang, text=text, competences=competences)


def normalise_title(*, title: str, lang: str = "detect", limit: int = 10) -> tuple[str, list]:
    """A free job title to ranked ESCO occupations, labelled in the title's language."""
    title = clean_text(title).strip()
    if not title:
        raise ValueError("title is empty")
    lang = title_index().guess_language(title) if lang == "detect" else lang
    if lang == "en":  # measured on English titles: bench/job_titles.py
        ranked = english.rank_occupations(title, english_index(ConceptKind.OCCUPATION), k=limit)
        matches = [TitleMatch(uri, "", round(score, 3)) for uri, score in ranked]
    else:
        matches = title_index().rank(title, lang, limit=limit)
    labels = display_labels([m.uri for m in matches], lang)
    return lang, [TitleMatch(m.uri, labels.get(m.uri, m.label), m.score) for m in matches]
