"""Language requirements of a vacancy: an ISO 639-1 code and a CEFR level (or native).

Plain data and checks, no Django: the import parsers and the services share them.
"""

import re

CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
NATIVE = "native"
LEVELS = (*CEFR_LEVELS, NATIVE)

# Every ISO 639-1 code (the two-letter ones).
_ISO_639_1_CODES = (
    "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy "
    "da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht "
    "hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky "
    "la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny "
    "oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss "
    "st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo "
    "za zh zu "
)
ISO_639_1 = frozenset(_ISO_639_1_CODES.split())

# ESCO's language skills by their English label, to read languages from extracted skills.
ESCO_LANGUAGE_LABELS = {
    "Finnish": "fi",
    "Swedish": "sv",
    "English": "en",
    "Russian": "ru",
    "German": "de",
    "Norwegian": "no",
    "French": "fr",
    "Spanish": "es",
    "Estonian": "et",
    "Italian": "it",
    "Chinese": "zh",
    "Japanese": "ja",
}

_CODE = re.compile(r"^[a-z]{2}$")


def normalise_level(text: str) -> str:
    """ "b2 " -> "B2", "Native" -> "native"; anything else upper-cased for the caller to check."""
    level = str(text or "").strip()
    return NATIVE if level.lower() == NATIVE else level.upper()


class LanguageError(ValueError):
    """A language requirement is malformed; the message says which part."""


def normalise_language(item: object) -> dict:
    """`{"code": "sv", "level": "B1", "mandatory": True}` checked and normalised.

    The level may be empty when the source does not state it (a text that only says "Swedish
    is an advantage"); when given it must be a CEFR level or "native".
    """
    if not isinstance(item, dict):
        raise LanguageError("expected an object with code, level and mandatory")
    code = str(item.get("code") or "").strip().lower()
    if not _CODE.match(code) or code not in ISO_639_1:
        raise LanguageError(f"{code!r} is not an ISO 639-1 language code such as fi, sv or en")
    level = normalise_level(item.get("level"))
    if level and level not in LEVELS:
        raise LanguageError(f"level {level!r} is not one of {', '.join(LEVELS)}")
    mandatory = item.get("mandatory", True)
    if not isinstance(mandatory, bool):
        raise LanguageError("mandatory must be true or false")
    return {"code": code, "level": level, "mandatory": mandatory}
