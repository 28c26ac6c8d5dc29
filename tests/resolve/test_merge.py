"""Merging identifiers into actors: strong links merge, weak ones propose, judgements win."""

from __future__ import annotations

from filiere.resolve.merge import CONFIRMED, MERGED, PROPOSED, REJECTED, merge
from filiere.resolve.rules import STRONG, WEAK, Link


def link(a: str, b: str, strength: str = STRONG, score: float = 1.0) -> Link:
    return Link(a, b, "test", strength, score, "fr", "en", ())


def test_strong_links_merge_transitively_and_weak_ones_only_propose() -> None:
    links = [link("a", "b"), link("b", "c"), link("c", "d", WEAK, 0.5)]
    out = merge(["e"], links, [])
    assert out.groups == [["a", "b", "c"], ["d"], ["e"]]
    assert out.status == [MERGED, MERGED, PROPOSED]


def test_a_confirmed_proposal_merges_and_a_rejected_link_does_not() -> None:
    links = [link("a", "b"), link("c", "d", WEAK, 0.5)]
    out = merge([], links, [("reject", "b", "a"), ("confirm", "c", "d")])
    assert out.groups == [["a"], ["b"], ["c", "d"]]
    assert out.status == [REJECTED, CONFIRMED]


def test_a_rejection_holds_against_a_path_of_strong_links() -> None:
    """a-b and b-c are strong, but a and c were judged different people: the weaker path is cut."""
    links = [link("a", "b", score=1.0), link("b", "c", score=0.9)]
    out = merge([], links, [("reject", "a", "c")])
    assert ["a", "b"] in out.groups and ["c"] in out.groups
    assert out.status == [MERGED, PROPOSED]


def test_later_judgements_win() -> None:
    out = merge([], [link("a", "b")], [("reject", "a", "b"), ("confirm", "a", "b")])
    assert out.groups == [["a", "b"]]
