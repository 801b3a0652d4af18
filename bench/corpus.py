"""Load a benchmark corpus (JSON Lines of articles) and grow it to any size with distinct articles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
REUTERS = REPO.parent / "shared" / "data" / "corpora" / "reuters21578_sample.jsonl"
DEMO = REPO / "newsevents" / "data" / "demo" / "articles.jsonl"


def default_corpus() -> Path:
    """Return the Reuters sample beside the repository, or the shipped demo corpus when it is absent."""
    return REUTERS if REUTERS.exists() else DEMO


def load_rows(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Return up to ``limit`` rows with a non-empty text from a JSON Lines corpus."""
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if limit is not None and len(rows) >= limit:
                break
            if line.strip():
                row = json.loads(line)
                if (row.get("text") or "").strip():
                    rows.append(row)
    if not rows:
        raise SystemExit(f"{path}: no articles with text")
    return rows


def published(row: dict[str, Any]) -> str | None:
    """Return the row's publication day (YYYY-MM-DD) if it has one."""
    value = row.get("publication_date") or row.get("published")
    return str(value)[:10] if value else None


def _rotate_paragraphs(text: str, k: int) -> str:
    # Same words in another line order: a new article (new content id) of the same size and kind.
    # A text with too few lines for k distinct orders gets a copy number instead (one more word).
    if k == 0:
        return text
    parts = text.split("\n")
    if len(parts) > k:
        return "\n".join(parts[k:] + parts[:k])
    return f"{text} ({k})"


def grown(rows: list[dict[str, Any]], size: int) -> Iterator[dict[str, Any]]:
    """Yield ``size`` articles: the rows, then copies with rotated paragraphs and distinct ids."""
    for i in range(size):
        row = rows[i % len(rows)]
        k = i // len(rows)
        yield {**row, "id": f"{row.get('id', i)}-{k}", "text": _rotate_paragraphs(row["text"], k)}


def words(text: str) -> int:
    """Count whitespace-separated words."""
    return len(text.split())
