"""Ingest on a Dask cluster into the same store, with the same results as the single-process path (docs/scale.md)."""

from newsevents.scale.cluster import ingest_cluster

__all__ = ["ingest_cluster"]
