"""The status workflows of path steps and referrals, as plain data (no Django).

A step is planned, then ongoing, then done; it can be interrupted (with a reason) while
planned or ongoing, and an interrupted step can be planned again. Done is final: a step that
was carried out is a fact of the person's history (and of the EU social fund records), so it
never goes back to planned; a new step is added instead.

A referral is sent, then seen by the receiver, then an interview; it ends hired, not chosen
(with a reason) or withdrawn by the sender. Steps may be skipped forward (a receiver can hire
without recording "seen"), never backward, and an ended referral stays ended.
"""

from __future__ import annotations

PLANNED, ONGOING, DONE, INTERRUPTED = "planned", "ongoing", "done", "interrupted"
STEP_TRANSITIONS: dict[str, frozenset[str]] = {
    PLANNED: frozenset({ONGOING, DONE, INTERRUPTED}),
    ONGOING: frozenset({DONE, INTERRUPTED}),
    INTERRUPTED: frozenset({PLANNED, ONGOING}),
    DONE: frozenset(),
}
STEP_NEEDS_REASON = frozenset({INTERRUPTED})

SENT, SEEN, INTERVIEW, HIRED, NOT_CHOSEN, WITHDRAWN = (
    "sent",
    "seen",
    "interview",
    "hired",
    "not_chosen",
    "withdrawn",
)
REFERRAL_TRANSITIONS: dict[str, frozenset[str]] = {
    SENT: frozenset({SEEN, INTERVIEW, HIRED, NOT_CHOSEN, WITHDRAWN}),
    SEEN: frozenset({INTERVIEW, HIRED, NOT_CHOSEN, WITHDRAWN}),
    INTERVIEW: frozenset({HIRED, NOT_CHOSEN, WITHDRAWN}),
    HIRED: frozenset(),
    NOT_CHOSEN: frozenset(),
    WITHDRAWN: frozenset(),
}
REFERRAL_NEEDS_REASON = frozenset({NOT_CHOSEN})


class InvalidTransition(ValueError):
    """A status change the workflow does not allow; the message names both statuses."""


def check(workflow: dict[str, frozenset[str]], old: str, new: str, *, reason: str = "",
          needs_reason: frozenset[str] = frozenset()) -> None:  # fmt: skip
    """Raise InvalidTransition unless `old -> new` is allowed (and a reason given if needed)."""
    if old not in workflow or new not in workflow:
        raise InvalidTransition(f"unknown status: {old if old not in workflow else new}")
    if new not in workflow[old]:
        raise InvalidTransition(f"a {old} item cannot become {new}")
    if new in needs_reason and not reason.strip():
        raise InvalidTransition(f"say why the item becomes {new}")


def check_step(old: str, new: str, reason: str = "") -> None:
    check(STEP_TRANSITIONS, old, new, reason=reason, needs_reason=STEP_NEEDS_REASON)


def check_referral(old: str, new: str, reason: str = "") -> None:
    check(REFERRAL_TRANSITIONS, old, new, reason=reason, needs_reason=REFERRAL_NEEDS_REASON)


def is_final(workflow: dict[str, frozenset[str]], status: str) -> bool:
    return not workflow.get(status)
