"""Pickled caches on disk: written atomically, read back only if intact. No Django."""

import pickle
from pathlib import Path


def save_pickle(path: Path, obj) -> None:
    """Write to a side file and rename, so that a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with open(partial, "wb") as fh:
        pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)


def load_pickle(path: Path):
    """The cached object, or None when the file is missing, broken or from older code."""
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)  # noqa: S301 (only our own cache files, written by save_pickle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        return None
