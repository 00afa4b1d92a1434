"""TOL 2008 codes: which exist, and how a page names them."""

import pytest

from kohtaamo.employers import industries


@pytest.mark.parametrize("code", ["55.10", "55.1", "55", "5510", "01.11", "99.00"])
def test_codes_of_the_classification_are_known(code):
    assert industries.is_known(code)


@pytest.mark.parametrize("code", ["55.99", "04", "5", "abc", "", "55.10.1"])
def test_other_codes_are_not(code):
    assert not industries.is_known(code)


def test_every_division_in_the_file_has_a_section():
    divisions = {code[:2] for code in industries.known_codes()}
    assert divisions == set(industries.SECTION_OF_DIVISION)
    assert len(industries.SECTIONS) == 21


@pytest.mark.parametrize(
    ("code", "letter"),
    [("01.11", "A"), ("07.10", "B"), ("33.20", "C"), ("35.11", "D"), ("39.00", "E"),
     ("43.12", "F"), ("47.11", "G"), ("49.41", "H"), ("55.10", "I"), ("56.10", "I"),
     ("62.01", "J"), ("66.19", "K"), ("68.20", "L"), ("75.00", "M"), ("79.90", "N"),
     ("84.11", "O"), ("85.32", "P"), ("88.10", "Q"), ("93.29", "R"), ("96.02", "S"),
     ("97.00", "T"), ("99.00", "U")],
)  # fmt: skip
def test_division_gives_the_section(code, letter):
    assert industries.section_of(code).letter == letter


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fi", "55.10 – Majoitus- ja ravitsemistoiminta"),
        ("sv", "55.10 – Hotell- och restaurangverksamhet"),
        ("en", "55.10 – Accommodation and food service activities"),
    ],
)
def test_label_names_the_section_in_the_language(lang, expected):
    assert industries.label("55.10", lang) == expected


def test_normalise_writes_the_dot():
    assert industries.normalise(" 5510 ") == "55.10"
    assert industries.normalise("551") == "55.1"
