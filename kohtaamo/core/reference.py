from pathlib import Path

from django.conf import settings


def reference_dir() -> Path:
    """The folder of the committed reference data (data/reference)."""
    return Path(settings.KOHTAAMO_DATA_DIR) / "reference"
