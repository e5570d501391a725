"""A real spaCy component that fails on chosen documents, for the fault tests.

Importing this module registers the component. :func:`save_faulty_pipeline`
writes the default pipeline with it added to a folder that ``--model`` (or
``Options.model``) accepts, so a real ``bilat`` process, or a worker, that has
imported this module fails on exactly the documents holding :data:`FAIL_MARK`.
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from bilat.options import DEFAULT_MODEL

FAIL_MARK = "Quelzorb"
"""A made-up word: a block holding it makes the component raise."""

FAULTY = "bilat_test_fail_on_mark"


@Language.component(FAULTY)
def fail_on_mark(doc: Doc) -> Doc:
    if FAIL_MARK in doc.text:
        raise RuntimeError(f"component refuses a block with {FAIL_MARK}")
    return doc


def add_faulty(nlp: Language) -> Language:
    nlp.add_pipe(FAULTY, last=True)
    return nlp


def save_faulty_pipeline(folder: Path) -> Path:
    """The default pipeline plus the failing component, saved to ``folder``."""
    nlp = spacy.load(DEFAULT_MODEL)
    add_faulty(nlp)
    nlp.to_disk(folder)
    return folder
