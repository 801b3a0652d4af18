"""Pure scoring functions on tiny hand-made inputs with known answers."""

from __future__ import annotations

import pytest

from newsevents.eval.metrics import (
    PRF,
    haversine_km,
    match_one_to_one,
    snippet_counts,
    spans_overlap,
    token_prf,
    within_km,
)


def test_prf_from_counts() -> None:
    prf = PRF(tp=3, fp=1, fn=2)
    assert (prf.precision, prf.recall, prf.f1) == (0.75, 0.6, 0.6667)


def test_prf_with_nothing_to_find_and_nothing_found_is_perfect() -> None:
    assert PRF().f1 == 1.0
    assert PRF(fn=2).precision == 0.0 and PRF(fn=2).f1 == 0.0


@pytest.mark.parametrize(("a", "b", "expected"), [
    ((0, 5), (4, 9), True),      # one shared character
    ((0, 5), (5, 9), False),     # touching, half-open
    ((3, 4), (0, 10), True),     # contained
])
def test_spans_overlap(a: tuple[int, int], b: tuple[int, int], expected: bool) -> None:
    assert spans_overlap(*a, *b) is expected


def test_matching_is_one_to_one_and_maximal() -> None:
    # Gold 0 overlaps system 0 and 1; gold 1 overlaps only system 0. Greedy would pair gold 0 with
    # system 0 and leave gold 1 alone; the maximum matching pairs both.
    gold = [(0, 10), (0, 3)]
    system = [(0, 3), (5, 10)]
    pairs = match_one_to_one(gold, system, lambda g, s: spans_overlap(*g, *s))
    assert pairs == [(0, 1), (1, 0)]
    # One long system span overlapping two gold spans finds only one of them.
    assert len(match_one_to_one([(0, 2), (3, 5)], [(0, 5)], lambda g, s: spans_overlap(*g, *s))) == 1


def test_haversine_161km_threshold() -> None:
    london, paris = (51.5074, -0.1278), (48.8566, 2.3522)
    assert 340 < haversine_km(*london, *paris) < 346
    assert haversine_km(*london, *london) == 0.0
    # One degree of latitude is about 111.2 km: 1.4 degrees is within 161 km, 1.5 is not.
    assert within_km(10.0, 20.0, 11.4, 20.0)
    assert not within_km(10.0, 20.0, 11.5, 20.0)


def test_token_prf_counts_repeated_tokens() -> None:
    prf = token_prf("The cat sat on the mat.", "the cat the cat")
    # Shared: the x2, cat x1 -> tp 3; system has 4 tokens, gold has 6.
    assert (prf.tp, prf.fp, prf.fn) == (3, 1, 3)


def test_snippets_are_matched_whitespace_insensitively() -> None:
    text = "Main story\nfirst  line of the story.\nRead more: other news"
    counts = snippet_counts(text, ["first line of the story.", "missing sentence"],
                            ["Read more: other news", "Ads"])
    assert (counts.tp, counts.fn, counts.fp) == (1, 1, 1)
