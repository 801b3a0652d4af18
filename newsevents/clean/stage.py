"""The clean stage: mark boilerplate in the document text as removed, leaving the text unchanged."""

from __future__ import annotations

from newsevents.clean.boilerplate import find_boilerplate
from newsevents.clean.cues import Cues, load_cue_file, shipped_cues
from newsevents.config import Options
from newsevents.model import Document
from newsevents.registry import stage


class Cleaner:
    """Add the boilerplate spans of a document to ``Document.removed``."""

    def __init__(self, cues: Cues) -> None:
        self.cues = cues

    def __call__(self, doc: Document) -> Document:
        known = {(r.start, r.end) for r in doc.removed}
        found = find_boilerplate(doc.text, self.cues)
        # Lines the article's site repeats across its articles, found when the run read them.
        found.extend(r for r in doc.article.boilerplate if r.end <= len(doc.text))
        for r in found:
            if (r.start, r.end) not in known:
                known.add((r.start, r.end))
                doc.removed.append(r)
        doc.removed.sort(key=lambda r: (r.start, r.end))
        return doc


@stage("clean", version="newsevents.clean.v1", requires=("text",), assigns=("removed",))
def make_cleaner(options: Options) -> Cleaner:
    """Mark boilerplate (disclaimers, author bios, share and comment lines) as removed."""
    # A user may replace the shipped cue list: extra = {boilerplate_cues = "my_cues.tsv"}.
    path = options.extra.get("boilerplate_cues")
    return Cleaner(load_cue_file(path) if path else shipped_cues())
