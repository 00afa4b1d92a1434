"""The status workflows of path steps and referrals (pure)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kohtaamo.paths import transitions as t


def test_a_done_step_never_goes_back_to_planned():
    with pytest.raises(t.InvalidTransition, match="a done item cannot become planned"):
        t.check_step(t.DONE, t.PLANNED)


@pytest.mark.parametrize(
    ("old", "new"),
    [(t.PLANNED, t.ONGOING), (t.ONGOING, t.DONE), (t.PLANNED, t.DONE), (t.INTERRUPTED, t.PLANNED)],
)
def test_a_step_moves_forward(old, new):
    t.check_step(old, new)


def test_an_interruption_needs_a_reason():
    with pytest.raises(t.InvalidTransition, match="say why"):
        t.check_step(t.ONGOING, t.INTERRUPTED, reason="  ")
    t.check_step(t.ONGOING, t.INTERRUPTED, reason="illness")


def test_a_referral_is_not_chosen_only_with_a_reason_and_ends_there():
    with pytest.raises(t.InvalidTransition):
        t.check_referral(t.INTERVIEW, t.NOT_CHOSEN)
    t.check_referral(t.INTERVIEW, t.NOT_CHOSEN, reason="another candidate")
    assert t.is_final(t.REFERRAL_TRANSITIONS, t.NOT_CHOSEN)


def test_an_unknown_status_is_named():
    with pytest.raises(t.InvalidTransition, match="unknown status: archived"):
        t.check_referral(t.SENT, "archived")


ORDER = [t.SENT, t.SEEN, t.INTERVIEW]


@given(st.sampled_from(list(t.REFERRAL_TRANSITIONS)), st.sampled_from(list(t.REFERRAL_TRANSITIONS)))
def test_a_referral_never_moves_backward_nor_leaves_an_end(old, new):
    allowed = new in t.REFERRAL_TRANSITIONS[old]
    if t.is_final(t.REFERRAL_TRANSITIONS, old):
        assert not allowed
    if old in ORDER and new in ORDER and ORDER.index(new) <= ORDER.index(old):
        assert not allowed


@given(st.sampled_from(list(t.STEP_TRANSITIONS)))
def test_no_status_leads_back_to_itself(status):
    assert status not in t.STEP_TRANSITIONS[status]
    assert status not in t.REFERRAL_TRANSITIONS.get(status, frozenset())
