"""Fixtures of the qualifications tests.

The session's reference import (tests/conftest.py) already holds the demo set; tests of the
import start from no qualifications at all, so that what they see is what they imported.
"""

import gzip
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from kohtaamo.qualifications.models import (
    Qualification,
    QualificationComposition,
    QualificationUnit,
)
from kohtaamo.recognition.models import TaskRequirement

FIXTURES = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, the language of their msgids."""
    with translation.override("en"):
        yield


@pytest.fixture
def no_qualifications(db):
    TaskRequirement.objects.all().delete()  # the demo workshops' mapping protects the units
    QualificationComposition.objects.all().delete()
    QualificationUnit.objects.all().delete()
    Qualification.objects.all().delete()


@pytest.fixture
def reference_dir() -> Path:
    return Path(settings.KOHTAAMO_DATA_DIR) / "reference" / "qualifications"


@pytest.fixture
def sample(reference_dir):
    """Path of a real ePerusteet sample, committed (gzipped) in the demo set or in tests/."""

    def _sample(name: str) -> Path:
        committed = reference_dir / "eperusteet" / f"{name}.gz"
        return committed if committed.exists() else FIXTURES / f"{name}.gz"

    return _sample


@pytest.fixture
def write_json(tmp_path):
    """Write `data` (or raw text) as tmp_path/name; a name ending in .gz is gzipped."""

    def _write(name: str, data) -> Path:
        text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
        path = tmp_path / name
        raw = text.encode()
        path.write_bytes(gzip.compress(raw) if name.endswith(".gz") else raw)
        return path

    return _write
