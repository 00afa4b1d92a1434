"""The Finnish personal identity code (henkilötunnus): format, birth date and check character.

Plain Python, no Django. A code is DDMMYY, a century sign, a three-digit individual number and a
check character: the remainder of the nine digits DDMMYYZZZ divided by 31 picks the character
from CHECK_CHARACTERS. Since 2023 the century signs B-F (2000s) and Y, X, W, V, U (1900s) are
issued next to the old A, - and +, because the old ones ran out for popular birth dates.
"""

from __future__ import annotations

import re
from datetime import date

CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURIES = {
    "+": 1800,
    "-": 1900,
    "Y": 1900,
    "X": 1900,
    "W": 1900,
    "V": 1900,
    "U": 1900,
    "A": 2000,
    "B": 2000,
    "C": 2000,
    "D": 2000,
    "E": 2000,
    "F": 2000,
}
PATTERN = re.compile(r"^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])$")


class InvalidIdentityCode(ValueError):
    """The code is malformed; the message says which part in English, for logs and the API."""


def normalise(code: str) -> str:
    """The code in upper case without surrounding space, if it is valid; else raise."""
    code = (code or "").strip().upper()
    match = PATTERN.match(code)
    if not match:
        raise InvalidIdentityCode("expected DDMMYY, a century sign, three digits and a check")
    day, month, year, sign, individual, check = match.groups()
    birth_date(code)  # raises for an impossible date
    if int(individual) < 2:
        raise InvalidIdentityCode("the individual number 000 or 001 is never issued")
    if check_character(f"{day}{month}{year}{individual}") != check:
        raise InvalidIdentityCode("the check character does not match")
    return code


def is_valid(code: str) -> bool:
    try:
        normalise(code)
    except InvalidIdentityCode:
        return False
    return True


def check_character(digits: str) -> str:
    """The check character of the nine digits DDMMYYZZZ."""
    return CHECK_CHARACTERS[int(digits) % 31]


def birth_date(code: str) -> date:
    """The date of birth the code states (its format checked, its check character not)."""
    match = PATTERN.match((code or "").strip().upper())
    if not match:
        raise InvalidIdentityCode("expected DDMMYY, a century sign, three digits and a check")
    day, month, year, sign = match.group(1), match.group(2), match.group(3), match.group(4)
    try:
        return date(CENTURIES[sign] + int(year), int(month), int(day))
    except ValueError as exc:
        raise InvalidIdentityCode("the date of birth does not exist") from exc
