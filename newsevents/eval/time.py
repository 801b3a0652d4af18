"""Score time expressions TempEval-3 style: relaxed span F1 (any overlap) and value F1.

A system timex finds a gold one when their spans overlap (pairs are one to one); for value F1 the
pair must also carry the identical normalised TIMEX3 value. Both are reported overall and for the
DATE and TIME types (a type's recall counts gold timexes of that type, its precision the system
timexes of that type).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from newsevents.config import Options
from newsevents.eval.gold import GoldTimex, TimeDoc, gold_files, read_time_gold
from newsevents.eval.metrics import PRF, count_matches, match_one_to_one, spans_overlap
from newsevents.eval.report import EvalReport, Miss, context
from newsevents.eval.system import build_pipeline, find_per_document, need

log = logging.getLogger(__name__)

TYPES = ("DATE", "TIME")


@dataclass
class SysTimex:
    """A system time expression as the scorer sees it."""

    start: int
    end: int
    type: str
    value: str


def _overlap(g: GoldTimex, s: SysTimex) -> bool:
    return spans_overlap(g.start, g.end, s.start, s.end)


def same_value(gold: str, system: str) -> bool:
    """Say whether two TIMEX3 values are identical (case and surrounding space aside)."""
    return gold.strip().upper() == system.strip().upper()


def _value_ok(g: GoldTimex, s: SysTimex) -> bool:
    return _overlap(g, s) and same_value(g.value, s.value)


def score_timexes(
    docs: list[TimeDoc], system: list[list[SysTimex]], *, by: str | None = None
) -> tuple[dict[str, PRF | float], dict[str, PRF], list[Miss]]:
    """Return span and value PRF (overall and per type), the breakdown by ``by`` and the misses."""
    span, value = PRF(), PRF()
    per_type = {t: (PRF(), PRF()) for t in TYPES}
    groups: dict[str, PRF] = {}
    misses: list[Miss] = []
    for doc, sys_tx in zip(docs, system, strict=True):
        span_pairs = match_one_to_one(doc.timexes, sys_tx, _overlap)
        value_pairs = match_one_to_one(doc.timexes, sys_tx, _value_ok)
        span += count_matches(len(doc.timexes), len(sys_tx), len(span_pairs))
        value += count_matches(len(doc.timexes), len(sys_tx), len(value_pairs))
        for t, (t_span, t_value) in per_type.items():
            per_type[t] = (t_span + _typed(doc.timexes, sys_tx, span_pairs, t),
                           t_value + _typed(doc.timexes, sys_tx, value_pairs, t))
        if by is not None:
            for key, add in _grouped(doc, sys_tx, value_pairs, by):
                groups[key] = groups.get(key, PRF()) + add
        spanned = dict(span_pairs)
        valued = {i for i, _ in value_pairs}
        for i, g in enumerate(doc.timexes):
            if i not in spanned:
                misses.append(Miss(doc.id, "missed", f"{g.type} {g.value}",
                                   context(doc.text, g.start, g.end), 2.0))
            elif i not in valued:
                s = sys_tx[spanned[i]]
                misses.append(Miss(doc.id, "wrong value", f"{g.type} gold {g.value}, system {s.value}",
                                   context(doc.text, g.start, g.end), 1.5))
        found = {j for _, j in span_pairs}
        for j, s in enumerate(sys_tx):
            if j not in found:
                misses.append(Miss(doc.id, "false", f"{s.type} {s.value}",
                                   context(doc.text, s.start, s.end), 1.0))
    metrics: dict[str, PRF | float] = {"span": span, "value": value}
    for t, (t_span, t_value) in per_type.items():
        metrics[f"{t.lower()}_span"] = t_span
        metrics[f"{t.lower()}_value"] = t_value
    return metrics, groups, misses


def _typed(gold: list[GoldTimex], system: list[SysTimex], pairs: list[tuple[int, int]], t: str) -> PRF:
    g_idx = {i for i, _ in pairs}
    s_idx = {j for _, j in pairs}
    tp = sum(1 for i, _ in pairs if gold[i].type == t)
    fn = sum(1 for i, g in enumerate(gold) if g.type == t and i not in g_idx)
    fp = sum(1 for j, s in enumerate(system) if s.type == t and j not in s_idx)
    return PRF(tp, fp, fn)


def _grouped(
    doc: TimeDoc, system: list[SysTimex], pairs: list[tuple[int, int]], by: str
) -> list[tuple[str, PRF]]:
    if by != "type":
        key = str(doc.fields.get(by, "?"))
        return [(key, count_matches(len(doc.timexes), len(system), len(pairs)))]
    g_idx = {i for i, _ in pairs}
    s_idx = {j for _, j in pairs}
    out = [(g.type, PRF(tp=int(i in g_idx), fn=int(i not in g_idx))) for i, g in enumerate(doc.timexes)]
    out += [(s.type, PRF(fp=1)) for j, s in enumerate(system) if j not in s_idx]
    return out


def system_timexes(
    docs: list[TimeDoc], options: Options | None = None
) -> tuple[list[list[SysTimex]], int]:
    """Clean and parse the gold texts, then find time expressions against each document's dct."""
    from newsevents.model import Article

    find_timexes = need("time", "newsevents.when.timex", "find_timexes")
    pipe = build_pipeline("time", ("clean", "parse"), options)
    articles = [Article.from_text(d.text, published=d.dct[:10] if d.dct else None, input_id=d.id)
                for d in docs]
    return find_per_document("time", pipe, articles, lambda doc: [SysTimex(t.start, t.end, t.type, t.value)
                                                                 for t in find_timexes(doc)])


def evaluate(path: str, *, by: str | None, errors: int, limit: int | None,
             options: Options | None = None) -> EvalReport:
    """Score the time expressions found on a gold file, or on every gold file of a folder together.

    For a folder the headline figures are over all its files at once (TimeBank and AQUAINT as one
    corpus, as TempEval-3 reports them); each file's span and value figures follow as
    ``span <file>`` and ``value <file>``.
    """
    files = gold_files(path)
    per_file = [(f.stem, read_time_gold(f, limit)) for f in files]
    docs = [d for _, file_docs in per_file for d in file_docs]
    system, quarantined = system_timexes(docs, options)
    metrics, groups, misses = score_timexes(docs, system, by=by)
    if len(files) > 1:
        first = 0
        for stem, file_docs in per_file:
            part, _, _ = score_timexes(file_docs, system[first:first + len(file_docs)])
            metrics[f"span {stem}"], metrics[f"value {stem}"] = part["span"], part["value"]
            first += len(file_docs)
    report = EvalReport("time", str(path), len(docs), metrics, by=by, groups=groups, limit=limit,
                        errors=sorted(misses, key=lambda m: -m.severity)[:errors])
    if by is not None:
        report.notes.append(f"the breakdown by {by} counts value matches (overlap and identical value)")
    if len(files) > 1:
        report.notes.append(f"overall: span and value are over the {len(files)} files together "
                            f"({', '.join(f.name for f in files)})")
    if quarantined:
        report.notes.append(f"{quarantined} documents failed (quarantined or an error); they count as empty")
    return report
