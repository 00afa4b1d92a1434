"""Finnish and Swedish are complete, and the compiled catalogues match the sources."""

import gettext
import re
from pathlib import Path

import pytest
from django.utils import translation

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def entries(po: Path) -> list[str]:
    """The entries of a .po file; the header (the entry whose msgid is empty) excluded."""
    blocks = po.read_text(encoding="utf-8").split("\n\n")
    return [b for b in blocks if "msgid" in b and not re.search(r'^msgid ""\nmsgstr', b, re.M)]


def untranslated(block: str) -> bool:
    values = re.findall(r'^msgstr(?:\[\d\])? "(.*)"((?:\n".*")*)', block, re.M)
    return any(first == "" and not rest for first, rest in values)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_every_message_is_translated_and_none_is_fuzzy(lang):
    po = LOCALE / lang / "LC_MESSAGES" / "django.po"
    blocks = entries(po)
    assert len(blocks) > 200
    missing = [b.split("\n")[-2:] for b in blocks if untranslated(b)]
    fuzzy = [b for b in blocks if "#, fuzzy" in b]
    assert not missing, missing[:5]
    assert not fuzzy, fuzzy[:2]


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_compiled_catalogue_holds_the_latest_translations(lang):
    """The committed .mo files must be compiled from the current .po files."""
    folder = LOCALE / lang / "LC_MESSAGES"
    with open(folder / "django.mo", "rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    assert catalogue.gettext("Log in") != "Log in"
    assert catalogue.gettext("Job title to occupation") != "Job title to occupation"


@pytest.mark.parametrize(
    ("lang", "expected"), [("fi", "Kirjaudu sisään"), ("sv", "Logga in"), ("en", "Log in")]
)
def test_interface_speaks_the_three_languages(lang, expected):
    with translation.override(lang):
        assert translation.gettext("Log in") == expected
