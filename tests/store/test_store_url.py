"""A store at an fsspec URL: memory:// in process, and s3:// against a real S3 API (a local moto server)."""

from __future__ import annotations

import importlib.util
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from builders import document, mention

from newsevents.cli import main
from newsevents.errors import StoreError
from newsevents.store import EventFilter, Store
from newsevents.store.files import URLPath

VERSIONS = {"events": "newsevents.cameo.v1"}
HAS_MOTO = importlib.util.find_spec("moto") is not None and importlib.util.find_spec("s3fs") is not None
needs_s3 = pytest.mark.skipif(not HAS_MOTO, reason="needs moto[server] and s3fs (pip install 'newsevents[test]')")


def docs(start: int, n: int) -> list[Any]:
    return [document(f"Report {i}: Xi Jinping will visit Moscow, the Kremlin said.", "2023-03-17",
                     [mention("e1", "042", "CHNGOV", "RUSGOV", f"2023-03-{i % 28 + 1:02d}")],
                     site=f"site{i % 3}.example", input_id=f"r{i}") for i in range(start, start + n)]


def seen(store: Store) -> dict[str, Any]:
    """What a reader sees, without run-specific columns."""
    with store.connect() as con:
        out = {
            "articles": con.execute("select * exclude (ingested_at, batch) from articles order by all").fetchall(),
            "mentions": con.execute("select mention_id, cameo, source_code, target_code, date_start "
                                    "from mentions order by all").fetchall(),
            "events": con.execute("select * exclude (fused_at) from events order by event_id").fetchall(),
            "quarantine": con.execute("select origin, reason from quarantine order by all").fetchall(),
        }
    out["documents"] = [store.document(r[0]) for r in out["articles"]]
    return out


def fill(store: Store) -> None:
    """Three batches, a quarantined input, a fused snapshot: everything a store holds."""
    store.add(docs(0, 3), VERSIONS)
    store.add(docs(3, 2), VERSIONS)
    store.add(docs(0, 1), VERSIONS)  # a repeat: skipped
    store.add_unreadable([("feed.jsonl:3", "bad_json: Expecting value")])
    store.fuse()


@pytest.fixture(scope="module")
def s3() -> Iterator[Any]:
    if not HAS_MOTO:
        pytest.skip("needs moto[server] and s3fs")
    from moto_s3 import s3_server

    with s3_server() as server:
        yield server


def test_memory_store_holds_what_a_local_folder_holds(tmp_path: Path) -> None:
    local = Store.open(tmp_path / "store", create=True)
    remote = Store.open(f"memory://{uuid.uuid4().hex}/store", create=True)
    for store in (local, remote):
        fill(store)
    assert isinstance(remote.path, URLPath) and remote.remote and not local.remote
    assert seen(remote) == seen(local)
    assert len(remote.events(EventFilter(actor="CHN"))) == len(local.events(EventFilter(actor="CHN"))) > 0
    # A second Store object (another process, in real use) sees the same store.
    assert seen(Store.open(str(remote.path))) == seen(local)
    assert remote.known_ids(d.article.id for d in docs(0, 6)) == local.known_ids(d.article.id for d in docs(0, 6))


def test_memory_store_compacts_and_exports_like_a_local_folder(tmp_path: Path) -> None:
    local = Store.open(tmp_path / "store", create=True)
    remote = Store.open(f"memory://{uuid.uuid4().hex}/store", create=True)
    for store in (local, remote):
        fill(store)
    before = seen(remote)
    done = remote.compact()
    assert (done.merged, done.written) == (2, 1)
    assert remote.list_files("articles") != [] and len(remote.list_files("articles")) == 1
    assert seen(remote) == before
    assert remote.compact().merged == 0  # idempotent
    for fmt, table in (("csv", "mentions"), ("gdelt", "events"), ("plover", "events")):
        ours, theirs = tmp_path / f"remote.{fmt}", tmp_path / f"local.{fmt}"
        assert remote.export(ours, fmt=fmt, table=table) == local.export(theirs, fmt=fmt, table=table) > 0


def test_missing_store_and_non_empty_prefix_are_refused() -> None:
    root = f"memory://{uuid.uuid4().hex}"
    with pytest.raises(StoreError, match="not a newsevents store"):
        Store.open(f"{root}/none")
    Store.open(f"{root}/store", create=True)
    with pytest.raises(StoreError, match="not an empty folder"):
        Store.open(root, create=True)


def test_unknown_or_uninstalled_filesystem_is_one_line_naming_the_package(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import fsspec  # noqa: F401 - loads fsspec.registry (the module; fsspec.registry is its mapping)

    # s3fs made unimportable, as on a machine where it is not installed.
    monkeypatch.setitem(sys.modules, "s3fs", None)
    monkeypatch.delitem(sys.modules["fsspec.registry"]._registry, "s3", raising=False)
    code = main(["events", "--store", "s3://bucket/store"])
    err = capsys.readouterr().err
    assert code != 0
    assert err.strip() == "newsevents events: error: s3://bucket/store: install s3fs to use s3:// stores"



def test_without_fsspec_the_error_names_both_packages(capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # A plain `pip install newsevents` has no fsspec: the user learns everything to install in one line.
    monkeypatch.setitem(sys.modules, "fsspec", None)
    code = main(["events", "--store", "s3://bucket/store"])
    err = capsys.readouterr().err
    assert code != 0
    assert err.strip() == "newsevents events: error: s3://bucket/store: install fsspec and s3fs to use s3:// stores"

# -- a real S3 API ------------------------------------------------------------------------------


@needs_s3
def test_s3_store_holds_what_a_local_folder_holds(tmp_path: Path, s3: Any) -> None:
    local = Store.open(tmp_path / "store", create=True)
    remote = Store.open(s3.url(), create=True, storage_options=s3.storage_options)
    for store in (local, remote):
        fill(store)
    assert seen(remote) == seen(local)
    remote.compact()
    assert seen(remote) == seen(local)
    keys = {o["Key"].split("/", 1)[1] for o in s3.client().list_objects_v2(
        Bucket=s3.bucket, Prefix=str(remote.path).split("/", 3)[3])["Contents"]}
    assert "store.json" in keys and any(k.startswith("events/") for k in keys)
    assert not any(k.endswith(".tmp") or k.endswith(".compact.lock") for k in keys)


@needs_s3
def test_s3_batch_half_written_is_invisible_and_a_rerun_completes_it(s3: Any) -> None:
    store = Store.open(s3.url(), create=True, storage_options=s3.storage_options)
    store.add(docs(0, 1), VERSIONS)
    prefix = str(store.path).split("/", 3)[3]

    # 1. An upload cut off mid-way (a multipart upload never completed) leaves no object behind.
    client = s3.client()
    key = f"{prefix}/articles/batch-dead.parquet"
    upload = client.create_multipart_upload(Bucket=s3.bucket, Key=key)
    client.upload_part(Bucket=s3.bucket, Key=key, UploadId=upload["UploadId"], PartNumber=1, Body=b"PAR1 half")
    assert "batch-dead.parquet" not in store.list_files("articles")
    assert store.stats()["articles"] == 1

    # 2. A writer killed between the mentions object and the articles object that commits the batch.
    batch = docs(1, 1)
    real = store.write_parquet

    def killed(rel: str, table: Any) -> None:
        if rel.startswith("articles/"):
            raise StoreError("killed")
        real(rel, table)

    store.write_parquet = killed  # type: ignore[method-assign]
    with pytest.raises(StoreError, match="killed"):
        store.add(batch, VERSIONS)
    del store.write_parquet
    fresh = Store.open(str(store.path), storage_options=s3.storage_options)
    assert len(fresh.list_files("mentions")) == 2  # the orphan is there ...
    assert fresh.stats()["mentions"] == 1  # ... and invisible
    assert fresh.known_ids([batch[0].article.id]) == set()
    fresh.add(docs(0, 2), VERSIONS)
    assert (fresh.stats()["articles"], fresh.stats()["mentions"]) == (2, 2)


@needs_s3
def test_a_second_compaction_on_s3_is_refused_while_the_lock_object_is_fresh(s3: Any) -> None:
    store = Store.open(s3.url(), create=True, storage_options=s3.storage_options)
    store.add(docs(0, 1), VERSIONS)
    store.write_bytes(".compact.lock", b'{"since": 9999999999, "host": "elsewhere"}')
    with pytest.raises(StoreError, match="another compaction"):
        store.compact()
    store.write_bytes(".compact.lock", b'{"since": 0, "host": "died long ago"}')  # stale: taken over
    assert store.compact().files_after == 2
    assert not store.exists(".compact.lock")


@needs_s3
def test_cli_reads_an_s3_store_given_by_url(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                            s3: Any, tmp_path: Path) -> None:
    url = s3.url()
    store = Store.open(url, create=True, storage_options=s3.storage_options)
    fill(store)
    # The CLI takes the endpoint and keys from the environment, as boto does.
    monkeypatch.setenv("AWS_ENDPOINT_URL_S3", s3.endpoint)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    assert main(["events", "--store", url, "--format", "jsonl"]) == 0
    out = capsys.readouterr().out
    assert len(out.strip().splitlines()) == store.stats()["events"] > 0
    assert main(["export", "--store", url, "--format", "parquet", "-o", str(tmp_path / "m.parquet")]) == 0
    assert pq.read_table(tmp_path / "m.parquet").num_rows == store.stats()["mentions"]
    assert main(["compact", "--store", url]) == 0


def test_the_server_reads_a_url_store_and_nothing_outside_it() -> None:
    from fastapi.testclient import TestClient

    from newsevents.web.app import create_app

    url = f"memory://{uuid.uuid4().hex}/store"
    fill(Store.open(url, create=True))
    client = TestClient(create_app(url))
    events = client.get("/api/events").json()["events"]
    assert events and {e["source_code"] for e in events} == {"CHNGOV"}
    con = client.app.state.store.connect()  # type: ignore[attr-defined]
    with pytest.raises(Exception, match=r"disabled|Permission"):
        con.execute("select * from read_csv('/etc/passwd')").fetchall()
