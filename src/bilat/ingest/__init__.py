"""Ingest: input files to :class:`~bilat.document.Document` objects.

Formats: .txt, .html/.htm, JSON Lines (.jsonl, .jsonl.gz), WARC (.warc, .warc.gz)
and RSS/Atom feeds (.rss, .atom; .xml when named explicitly).

Reading streams: documents come out one by one in input order, and a file or line
that cannot be read comes out as an :class:`~bilat.errors.IngestError` instead of
stopping the run.
"""

from __future__ import annotations

from bilat.ingest.dates import parse_published
from bilat.ingest.decoding import decode_bytes
from bilat.ingest.paths import SUPPORTED_SUFFIXES, InputFile, SkippedFiles, iter_paths
from bilat.ingest.readers import ReadStats, read_documents

__all__ = [
    "SUPPORTED_SUFFIXES",
    "InputFile",
    "ReadStats",
    "SkippedFiles",
    "decode_bytes",
    "iter_paths",
    "parse_published",
    "read_documents",
]
