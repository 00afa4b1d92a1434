import pytest

from tests.profiles.fixtures import Evidence, make_evidence


@pytest.fixture
def evidence(db) -> Evidence:
    return make_evidence()
