"""Run the configured stages over articles, one batch at a time, quarantining failures."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newsevents.config import Options, load_options
from newsevents.errors import InputError, NewseventsError, StageError
from newsevents.model import Article, Document
from newsevents.registry import StageFn, StageSpec, check_contract

log = logging.getLogger(__name__)


@dataclass
class Quarantined:
    """An article the pipeline could not process, with the stage and the reason."""

    article: Article
    stage: str
    reason: str


@dataclass
class _Stage:
    spec: StageSpec
    fn: StageFn


class Pipeline:
    """The per-document stages, built once and run over any number of articles.

    >>> pipe = Pipeline()                                   # doctest: +SKIP
    >>> doc = pipe.process(Article.from_text("Putin invited Xi.", published="2023-03-17"))  # doctest: +SKIP
    """

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or load_options()
        specs = check_contract(self.options.stages)
        self._stages = [_Stage(spec, spec.factory(self.options)) for spec in specs]

    @property
    def stage_names(self) -> list[str]:
        return [s.spec.name for s in self._stages]

    @property
    def versions(self) -> dict[str, str]:
        """Return the versioned implementation name of every stage, for provenance."""
        return {s.spec.name: s.spec.version for s in self._stages}

    def process(self, article: Article) -> Document:
        """Run every stage on one article; raise StageError if one fails."""
        for result in self.run([article]):
            if isinstance(result, Quarantined):
                raise InputError(article.input_id, f"{result.stage}: {result.reason}")
            return result
        raise AssertionError("run() yields one result per article")

    def run(
        self, articles: Iterable[Article], *, timings: dict[str, float] | None = None
    ) -> Iterator[Document | Quarantined]:
        """Yield one Document (or Quarantined) per article, in input order.

        With ``timings``, the seconds spent in each stage are added to it under the stage name.
        """
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.options.batch_size:
                yield from self._run_batch(batch, timings)
                batch = []
        if batch:
            yield from self._run_batch(batch, timings)

    def _run_batch(
        self, articles: list[Article], timings: dict[str, float] | None = None
    ) -> Iterator[Document | Quarantined]:
        results: list[Document | Quarantined] = []
        for article in articles:
            if len(article.text) > self.options.max_chars:
                results.append(
                    Quarantined(article, "read", f"too long: {len(article.text)} characters "
                                f"(max_chars is {self.options.max_chars})")
                )
            else:
                results.append(Document(article=article, text=article.text))
        for st in self._stages:
            live = [(i, r) for i, r in enumerate(results) if isinstance(r, Document)]
            if not live:
                break
            started = time.perf_counter()
            try:
                pipe = getattr(st.fn, "pipe", None)
                if pipe is not None:
                    try:
                        done = list(pipe([d for _, d in live]))
                        for (i, _), doc in zip(live, done, strict=True):
                            results[i] = doc
                        continue
                    except Exception:
                        log.warning("stage %s failed on a batch; retrying its %d documents one by one",
                                    st.spec.name, len(live))
                for i, doc in live:
                    try:
                        results[i] = st.fn(doc)
                    except NewseventsError as exc:
                        results[i] = Quarantined(doc.article, st.spec.name, str(exc))
                    except Exception as exc:
                        err = StageError(st.spec.name, doc.article.input_id, exc)
                        log.warning("%s", err, exc_info=log.isEnabledFor(logging.DEBUG))
                        reason = f"{type(exc).__name__}: {exc}"
                        results[i] = Quarantined(doc.article, st.spec.name, reason)
            finally:
                if timings is not None:
                    timings[st.spec.name] = timings.get(st.spec.name, 0.0) + time.perf_counter() - started
        yield from results
