"""The progress line: articles/s, share of input and ETA; silent when stderr is not a terminal."""

from __future__ import annotations

from newsevents.ingest import Progress


def test_progress_line_shows_rate_share_and_eta() -> None:
    bar = Progress("ingest", total_bytes=1000, active=False)
    bar.started -= 10.0  # ten seconds in
    bar.read_bytes(250)
    bar.step(50)
    line = bar.line()
    assert "50 articles, 5.0/s" in line and "25% of input" in line and "ETA 0m30s" in line


def test_progress_is_silent_when_stderr_is_not_a_terminal(capsys) -> None:
    bar = Progress("ingest", total_bytes=100)  # pytest's captured stderr is not a terminal
    bar.step(5)
    bar.close()
    assert capsys.readouterr().err == ""
