"""Sides completed from the sentence: role-only actors, missing targets, own forces, domestic protests."""

from __future__ import annotations

from newsevents.model import Article


def dyads(pipeline, text: str) -> set[tuple[str | None, str | None, str | None]]:
    doc = pipeline.process(Article.from_text(text, published="2023-03-17"))
    return {
        (e.cameo, e.source.code if e.source else None, e.target.code if e.target else None)
        for e in doc.events
    }


def test_role_only_actor_takes_the_one_country_of_its_sentence(pipeline) -> None:
    found = dyads(pipeline, "The former president agreed to leave Chile for good.")
    assert any(src is not None and src.startswith("CHL") for _, src, _ in found)


def test_role_only_actor_stays_uncoded_when_two_countries_are_in_play(pipeline) -> None:
    found = dyads(pipeline, "The minister promised to send aid to Peru after talks in Chile.")
    assert all(src is None or not src.startswith(("PER", "CHL")) for _, src, _ in found)


def test_missing_target_is_the_other_country_of_the_sentence(pipeline) -> None:
    found = dyads(pipeline, "Norway threatened to levy duties on copper made in Chile.")
    assert any(src == "NOR" and tgt is not None and tgt.startswith("CHL") for _, src, tgt in found)


def test_own_troops_are_not_the_target_when_another_country_is_named(pipeline) -> None:
    found = dyads(pipeline, "Norway offered its troops to Chile's new government.")
    targets = {tgt for _, src, tgt in found if src == "NOR"}
    assert targets and all(t is not None and t.startswith("CHL") for t in targets)


def test_domestic_protest_without_target_is_against_its_own_government(pipeline) -> None:
    found = dyads(pipeline, "Thousands of Chilean students demonstrated in the capital on Sunday.")
    assert any(cameo and cameo.startswith("14") and tgt == "CHLGOV" for cameo, _, tgt in found)


def test_nested_title_takes_the_country_of_the_whole_phrase(pipeline) -> None:
    found = dyads(pipeline, "Norwegian Defence Minister Ola King has pledged to keep up aid to Chile.")
    assert any(src == "NORGOV" for _, src, _ in found)


def test_missing_source_is_the_other_country_of_the_sentence(pipeline) -> None:
    found = dyads(pipeline, "Six Chilean soldiers were killed during fresh fighting along the border with Peru.")
    assert ("190", "PER", "CHLMIL") in found
