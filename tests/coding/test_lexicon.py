"""The trigger lexicon: coverage of CAMEO, validated data files."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.coding.codebook import codebook
from newsevents.coding.lexicon import lexicon, read_patterns
from newsevents.errors import DataFileError


def test_lexicon_covers_every_cameo_root_with_many_codes():
    codes = lexicon().codes()
    assert {codebook()[c].root for c in codes} == {f"{r:02d}" for r in range(1, 21)}
    assert len(codes) >= 150


@pytest.mark.parametrize(
    "cls, embedded, code",
    [
        ("intent", "045", "039"),  # offered to mediate
        ("intent", "042", "036"),  # agreed to visit
        ("threat", "190", "1384"),  # threatened to attack
        ("appeal", "0871", "0256"),  # called for a ceasefire
        ("refuse", "046", "125"),  # refused to negotiate
        ("demand", "0841", "1053"),  # demanded the release
        ("threat", None, "130"),
    ],
    ids=[
        "offer-mediate",
        "agree-visit",
        "threaten-attack",
        "call-ceasefire",
        "refuse-talks",
        "demand-release",
        "threat-default",
    ],
)
def test_frames_compose_with_the_embedded_event(cls, embedded, code):
    assert lexicon().compose(cls, embedded) == code


def test_a_trigger_with_an_unknown_code_is_reported_with_its_line(tmp_path: Path):
    bad = tmp_path / "triggers.tsv"
    bad.write_text("# header\nverb\tvisit\t-\t-\t042\t-\nverb\tinvade\t-\t-\t999\t-\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        read_patterns(bad, codebook())
    assert err.value.line == 3 and "999" in str(err.value)
