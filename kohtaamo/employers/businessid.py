"""Finnish business ids (Y-tunnus): seven digits, a hyphen and a check digit.

The check digit is computed with the weights 7, 9, 10, 5, 8, 4, 2 (modulo 11): remainder 0 gives
0, remainder 1 is never issued, otherwise the digit is 11 - remainder. Old ids with six digits
are written with a leading zero.
"""

import re

WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
PATTERN = re.compile(r"^(\d{6,7})-(\d)$")


class InvalidBusinessId(ValueError):
    """The text is not a valid Finnish business id; the message says why."""


def check_digit(digits: str) -> int | None:
    """The check digit of seven digits, or None when no valid id has these digits."""
    remainder = sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder


def normalise(text: str) -> str:
    """The id in its canonical form `1234567-8`, or InvalidBusinessId with the reason."""
    value = (text or "").strip().replace(" ", "")
    match = PATTERN.match(value)
    if not match:
        raise InvalidBusinessId(
            f"{text!r} is not a business id: expected seven digits, a hyphen and a check digit"
        )
    digits = match.group(1).zfill(7)
    expected = check_digit(digits)
    if expected is None:
        raise InvalidBusinessId(f"{text!r} is not a business id: no id has these digits")
    if int(match.group(2)) != expected:
        raise InvalidBusinessId(f"{text!r} has a wrong check digit: expected {expected}")
    return f"{digits}-{expected}"


def is_valid(text: str) -> bool:
    try:
        normalise(text)
    except InvalidBusinessId:
        return False
    return True
