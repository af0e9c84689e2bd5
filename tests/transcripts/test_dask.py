"""The same scan on a local Dask cluster of 2 workers gives the same spans, in the same order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ccpa_readiness.evidence.transcripts.disclosure import DisclosureMatcher
from ccpa_readiness.evidence.transcripts.models import Document
from ccpa_readiness.evidence.transcripts.partitions import run
from ccpa_readiness.evidence.transcripts.readers import read_paths
from tests.transcripts.samples import write_samples


def test_local_cluster_matches_in_process(tmp_path: Path) -> None:
    folder = write_samples(tmp_path)
    documents = [d for d in read_paths([folder]) if isinstance(d, Document)]
    matcher = DisclosureMatcher.from_texts()
    local = [(doc.id, result) for doc, result in run(documents, "full", matcher, partition_size=2)]
    distributed = [
        (doc.id, result) for doc, result in run(documents, "full", matcher, workers=2, partition_size=2)
    ]
    assert distributed == local
    assert sum(len(result.spans) for _, result in local) >= 8


def test_existing_scheduler_matches_in_process(tmp_path: Path) -> None:
    import distributed

    local_cluster: Any = distributed.LocalCluster
    documents = [d for d in read_paths([write_samples(tmp_path)]) if isinstance(d, Document)]
    matcher = DisclosureMatcher.from_texts()
    local = [result for _, result in run(documents, "patterns", matcher, partition_size=3)]
    with local_cluster(n_workers=2, processes=False, dashboard_address=None) as cluster:
        remote = [
            result
            for _, result in run(
                documents, "patterns", matcher, scheduler=cluster.scheduler_address, partition_size=3
            )
        ]
    assert remote == local
