"""A local S3-compatible HTTP server (moto) for store tests; other processes can reach it too."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any


@dataclass
class S3:
    """A running server: its endpoint, and storage options for fsspec/s3fs pointing at it."""

    endpoint: str
    bucket: str

    @property
    def storage_options(self) -> dict[str, Any]:
        return {"key": "testing", "secret": "testing",
                "client_kwargs": {"endpoint_url": self.endpoint, "region_name": "us-east-1"}}

    def url(self, name: str | None = None) -> str:
        """Return a fresh store URL in the bucket."""
        return f"s3://{self.bucket}/{name or uuid.uuid4().hex[:8]}"

    def client(self) -> Any:
        import boto3

        return boto3.client("s3", endpoint_url=self.endpoint, aws_access_key_id="testing",
                            aws_secret_access_key="testing", region_name="us-east-1")


@contextmanager
def s3_server() -> Iterator[S3]:
    """Run moto's S3 server on a free local port with one bucket, for the duration of the block."""
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one access-log line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        s3 = S3(f"http://{host}:{port}", "newsevents-test")
        s3.client().create_bucket(Bucket=s3.bucket)
        yield s3
    finally:
        server.stop()
