"""Score main-text extraction from saved web pages: gold body tokens, snippets, publication date.

With a gold body, each page gets token precision, recall and F1 of the extracted text (bags of
case-folded word tokens), averaged over pages. With snippets (trafilatura's evaluation set), a
``with`` snippet found in the extracted text is a true positive and a ``without`` snippet found is a
false positive, summed over pages, as trafilatura reports it; ``with_found`` and ``without_absent``
are the two rates. ``date_accuracy`` compares the extracted publication day with the gold one.
"""

from __future__ import annotations

import gzip
import logging
from dataclasses import dataclass

from newsevents.config import Options
from newsevents.eval.gold import HtmlDoc, read_html_gold
from newsevents.eval.metrics import PRF, mean, normalise_space, share, snippet_counts, token_prf
from newsevents.eval.report import EvalReport, Miss
from newsevents.eval.system import need

log = logging.getLogger(__name__)


@dataclass
class SysPage:
    """What the extractor gave for one page (text is empty when it failed)."""

    text: str
    published: str | None = None
    title: str | None = None
    failed: str | None = None


def score_pages(
    docs: list[HtmlDoc], system: list[SysPage], *, by: str | None = None
) -> tuple[dict[str, PRF | float], dict[str, PRF], list[Miss]]:
    """Return snippet and body metrics, the snippet breakdown by ``by`` and the worst pages."""
    snippets = PRF()
    with_total = without_total = 0
    body_p: list[float] = []
    body_r: list[float] = []
    body_f: list[float] = []
    dated = dated_right = 0
    groups: dict[str, PRF] = {}
    misses: list[Miss] = []
    for doc, page in zip(docs, system, strict=True):
        counts = snippet_counts(page.text, doc.with_snippets, doc.without_snippets)
        snippets += counts
        with_total += len(doc.with_snippets)
        without_total += len(doc.without_snippets)
        if by is not None:
            key = str(doc.fields.get(by, "?"))
            groups[key] = groups.get(key, PRF()) + counts
        badness = 0.0
        if doc.body:
            prf = token_prf(doc.body, page.text)
            body_p.append(prf.precision)
            body_r.append(prf.recall)
            body_f.append(prf.f1)
            badness = 1 - prf.f1
        if doc.date:
            dated += 1
            dated_right += (page.published or "")[:10] == doc.date[:10]
        missing = [s for s in doc.with_snippets if normalise_space(s) not in normalise_space(page.text)]
        badness += share(counts.fn, len(doc.with_snippets)) + share(counts.fp, len(doc.without_snippets))
        if page.failed or badness:
            detail = (f"extraction failed: {page.failed}" if page.failed else
                      f"{counts.fn} of {len(doc.with_snippets)} wanted snippets missing, "
                      f"{counts.fp} of {len(doc.without_snippets)} boilerplate snippets kept")
            shown = missing[0] if missing else next(
                (s for s in doc.without_snippets if normalise_space(s) in normalise_space(page.text)), "")
            severity = badness + 2 * bool(page.failed)
            misses.append(Miss(doc.id, "page", detail, normalise_space(shown)[:200], severity))
    metrics: dict[str, PRF | float] = {}
    if body_f:
        metrics["body_precision"] = mean(body_p)
        metrics["body_recall"] = mean(body_r)
        metrics["body_f1"] = mean(body_f)
    if with_total or without_total:
        metrics["snippets"] = snippets
        metrics["with_found"] = share(snippets.tp, with_total)
        metrics["without_absent"] = share(without_total - snippets.fp, without_total)
    if dated:
        metrics["date_accuracy"] = share(dated_right, dated)
    return metrics, groups, misses


def read_page(path: str) -> bytes:
    """Return a saved page's bytes, gunzipped; decoding is left to the extractor, as for user files."""
    with open(path, "rb") as fh:
        data = fh.read()
    return gzip.decompress(data) if path.endswith(".gz") else data


def system_pages(docs: list[HtmlDoc]) -> list[SysPage]:
    """Extract the main text, title and date of every gold page with the clean stage's extractor."""
    from newsevents.errors import NewseventsError

    extract_html = need("html", "newsevents.clean.html", "extract_html")
    pages = []
    for doc in docs:
        try:
            text, title, published, _site, _url = extract_html(read_page(str(doc.html_path)), doc.url)
            pages.append(SysPage(text or "", published, title))
        except (NewseventsError, OSError, ValueError) as exc:
            # An unreadable page scores as an empty extraction and is listed among the misses.
            log.warning("%s: %s", doc.id, exc)
            pages.append(SysPage("", failed=f"{type(exc).__name__}: {exc}"))
    return pages


def evaluate(path: str, *, by: str | None, errors: int, limit: int | None,
             options: Options | None = None) -> EvalReport:
    """Score main-text extraction on a gold page set (the extractor takes no options)."""
    docs = read_html_gold(path, limit)
    pages = system_pages(docs)
    metrics, groups, misses = score_pages(docs, pages, by=by)
    report = EvalReport("html", str(path), len(docs), metrics, by=by, groups=groups, limit=limit,
                        errors=sorted(misses, key=lambda m: -m.severity)[:errors])
    failed = sum(1 for p in pages if p.failed)
    if failed:
        report.notes.append(f"{failed} pages could not be extracted and count as empty")
    return report
