"""Ingest: input files (.txt, .html/.htm, .jsonl) to :class:`~bilat.document.Document` objects.

Reading streams: documents come out one by one in input order, and a file or line
that cannot be read comes out as an :class:`~bilat.errors.IngestError` instead of
stopping the run.
"""

from __future__ import annotations

from bilat.ingest.decoding import decode_bytes
from bilat.ingest.paths import SUPPORTED_SUFFIXES, iter_paths
from bilat.ingest.readers import read_documents

__all__ = ["SUPPORTED_SUFFIXES", "decode_bytes", "iter_paths", "read_documents"]
