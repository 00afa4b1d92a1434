"""The API's one shape of a field error, as ninja gives its own validation errors:
`{"detail": [{"loc": ["body", "field"], "msg": "..."}]}`, so a client reads every 400/422 alike."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def field_errors(exc: ValidationError) -> list[dict]:
    """A service's ValidationError as ninja-style error rows, each naming its field; a dotted
    name ("contacts.0.email") becomes a path, as ninja writes the location of a nested field."""
    if not hasattr(exc, "error_dict"):
        return [{"loc": ["body"], "msg": m} for m in exc.messages]
    return [
        {"loc": ["body", *(int(p) if p.isdigit() else p for p in name.split("."))], "msg": m}
        for name, messages in exc.message_dict.items()
        for m in messages
    ]
