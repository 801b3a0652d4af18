"""The CAMEO codebook: labels, Goldstein scores, quad classes and PLOVER types users rely on."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.coding.codebook import codebook, read_codebook
from newsevents.errors import DataFileError


def test_make_a_visit_has_label_goldstein_quad_and_plover():
    entry = codebook().get("042")
    assert entry is not None
    assert (entry.label, entry.goldstein, entry.quad, entry.plover, entry.plover_mode) == (
        "Make a visit",
        1.9,
        1,
        "CONSULT",
        "visit",
    )


@pytest.mark.parametrize(
    "code, label",
    [
        ("105", "Demand that target yields"),
        ("106", "Demand meeting, negotiation"),
        ("107", "Demand settling of dispute"),
        ("108", "Demand mediation"),
        ("1056", "Demand de-escalation of military engagement"),
    ],
    ids=["105", "106", "107", "108", "1056"],
)
def test_demand_labels_follow_cameo_1_1b3_not_the_gdelt_lookup(code, label):
    assert codebook()[code].label == label


@pytest.mark.parametrize(
    "root, quad", [("01", 1), ("05", 1), ("06", 2), ("08", 2), ("09", 3), ("13", 3), ("14", 4), ("20", 4)]
)
def test_quad_class_follows_the_classic_root_ranges(root, quad):
    assert {e.quad for e in codebook() if e.root == root} == {quad}


def test_every_root_is_present_and_unknown_codes_give_none():
    assert {e.root for e in codebook()} == {f"{r:02d}" for r in range(1, 21)}
    assert codebook().get("999") is None


def test_statements_have_no_plover_type_and_appeals_are_requests():
    assert codebook()["010"].plover is None
    assert codebook()["0256"].plover == "REQUEST"


def test_goldstein_uses_the_gdelt_scale():
    assert codebook()["016"].goldstein == -2.0  # ICEWS says -5
    assert codebook()["1213"].goldstein == -4.0  # absent from GDELT, ICEWS value


def test_a_malformed_codebook_line_is_reported_with_file_and_line(tmp_path: Path):
    bad = tmp_path / "cameo.tsv"
    bad.write_text(
        "# comment\ncode\troot\tlabel\tgoldstein\tquad\tplover\tplover_mode\tplover_context\n"
        "042\t04\tMake a visit\tlots\t1\tCONSULT\tvisit\t\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as err:
        read_codebook(bad)
    assert err.value.line == 3 and str(bad) in str(err.value)


def test_the_generated_file_matches_the_build_script(shared_data: Path):
    from newsevents.coding.build_codebook import build

    reference = shared_data.parent / "reference"
    if not reference.exists():
        pytest.skip("no ../shared/reference")
    rows = build(reference)
    assert {r["code"]: r["label"] for r in rows} == {e.code: e.label for e in codebook()}
