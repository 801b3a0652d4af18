"""The clean stage marks boilerplate for the later stages, which see it blanked out."""

from __future__ import annotations

from pathlib import Path

from newsevents.clean.stage import make_cleaner
from newsevents.config import Options
from newsevents.model import Article, Document
from newsevents.pipeline import Pipeline
from newsevents.registry import get_stage

TEXT = "Xi will visit Moscow next week, the Kremlin said on Friday.\n\nFollow us on Twitter\n"


def test_clean_stage_contract() -> None:
    spec = get_stage("clean")
    assert (spec.version, spec.requires, spec.assigns) == ("newsevents.clean.v1", ("text",), ("removed",))
    assert spec.factory is make_cleaner


def test_clean_stage_marks_removed_and_masks_without_changing_text() -> None:
    article = Article.from_text(TEXT, published="2023-03-17")
    doc = make_cleaner(Options())(Document(article=article, text=article.text))
    assert doc.text == TEXT
    assert [(TEXT[r.start:r.end], r.reason) for r in doc.removed] == [("Follow us on Twitter", "boilerplate")]
    masked = doc.masked_text()
    assert len(masked) == len(TEXT) and "Follow" not in masked and masked.startswith("Xi will visit Moscow")


def test_clean_stage_uses_a_user_cue_file(tmp_path: Path) -> None:
    cues = tmp_path / "cues.tsv"
    cues.write_text(
        "start\tsubscribe now\nwhole\tadvertisement\nlist\trelated\nbyline\tby\nbio\tI write\n",
        encoding="utf-8",
    )
    cleaner = make_cleaner(Options(extra={"boilerplate_cues": str(cues)}))
    text = ("Xi will visit Moscow, the Kremlin said.\n\nSubscribe now\n\nFollow us on Twitter\n\n"
            "Putin said he welcomed it.")
    doc = cleaner(Document(article=Article.from_text(text), text=text))
    assert [text[r.start:r.end] for r in doc.removed] == ["Subscribe now"]


def test_pipeline_with_only_clean_runs_it() -> None:
    doc = Pipeline(Options(stages=("clean",))).process(Article.from_text(TEXT))
    assert [TEXT[r.start:r.end] for r in doc.removed] == ["Follow us on Twitter"]
