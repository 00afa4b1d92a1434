"""Finnish business ids (Y-tunnus): the check digit decides."""

import pytest

from kohtaamo.employers import businessid


def test_the_issues_example_is_accepted():
    assert businessid.normalise("0210427-6") == "0210427-6"


def test_a_wrong_check_digit_is_rejected_with_the_expected_one():
    with pytest.raises(businessid.InvalidBusinessId, match="expected 6"):
        businessid.normalise("0210427-5")


def test_an_old_six_digit_id_gets_its_leading_zero():
    assert businessid.normalise("210427-6") == "0210427-6"


def test_spaces_around_and_inside_are_ignored():
    assert businessid.normalise(" 0210427 -6 ") == "0210427-6"


@pytest.mark.parametrize("text", ["", "0210427", "02104276", "0210427_6", "A210427-6", "12345-6"])
def test_malformed_ids_are_rejected(text):
    assert not businessid.is_valid(text)


def test_digits_whose_remainder_is_one_never_make_an_id():
    digits = next(
        f"{n:07d}" for n in range(1000, 2000) if businessid.check_digit(f"{n:07d}") is None
    )
    for check in range(10):
        assert not businessid.is_valid(f"{digits}-{check}")
