"""The pattern files carry their own examples: every trigger pattern's examples
must yield a trigger of its type, every frame's examples must show its effect and
its counterexamples must not; bad entries are refused with file, line and id."""

from __future__ import annotations

from typing import Any

import pytest

from bilat import Extractor
from bilat.errors import PatternError
from bilat.extract.components import HOSTED, PLANNED, SUPPRESSED, TRIGGERS
from bilat.extract.patterns import (
    FramePattern,
    frame_patterns,
    parse_frames,
    parse_triggers,
    trigger_patterns,
)

TRIGGER_EXAMPLES = [(p.id, p.label, ex) for p in trigger_patterns() for ex in p.examples]
TRIGGER_COUNTEREXAMPLES = [(p.id, ex) for p in trigger_patterns() for ex in p.counterexamples]
FRAME_EXAMPLES = [(f, ex, True) for f in frame_patterns() for ex in f.examples] + [
    (f, ex, False) for f in frame_patterns() for ex in f.counterexamples
]


def test_every_pattern_family_has_examples() -> None:
    labels = {p.label for p in trigger_patterns() if p.examples}
    assert len(labels) >= 17  # the 16 PLOVER types and _IGNORE
    assert all(f.examples for f in frame_patterns())


@pytest.mark.parametrize(("pid", "label", "text"), TRIGGER_EXAMPLES,
                         ids=[f"{p}:{i}" for i, (p, _, _) in enumerate(TRIGGER_EXAMPLES)])
def test_trigger_example(extractor: Extractor, pid: str, label: str, text: str) -> None:
    doc = extractor.nlp(text)
    spans = list(doc.spans[TRIGGERS]) + list(doc.spans[SUPPRESSED])
    if label == "_IGNORE":
        # an ignored phrase shadows what it contains: no trigger inside it
        matcher_hits = [s for s in spans if s.id_ == pid]
        assert matcher_hits == []
        return
    assert any(s.label_.partition(":")[0] == label for s in spans), (
        f"{pid}: no {label} trigger in {text!r}: "
        f"{[(s.text, s.label_, s.id_) for s in spans]}"
    )


@pytest.mark.parametrize(("pid", "text"), TRIGGER_COUNTEREXAMPLES,
                         ids=[f"{p}:{i}" for i, (p, _) in enumerate(TRIGGER_COUNTEREXAMPLES)])
def test_trigger_counterexample(extractor: Extractor, pid: str, text: str) -> None:
    doc = extractor.nlp(text)
    spans = list(doc.spans[TRIGGERS]) + list(doc.spans[SUPPRESSED])
    assert all(s.id_ != pid for s in spans), [(s.text, s.id_) for s in spans]


def _effect_seen(doc: Any, frame: FramePattern, expected: bool) -> bool:
    if frame.effect == "suppress":
        # an example may be suppressed by an earlier frame; a counterexample by none
        return any(s.id_ == frame.id or expected for s in doc.spans[SUPPRESSED])
    if frame.host is not None:
        return bool(doc.spans[HOSTED])
    if frame.effect == "planned":
        return bool(doc.spans[PLANNED])
    if frame.effect == "relabel":
        return any(s.label_.partition(":")[0] == frame.label for s in doc.spans[TRIGGERS])
    if frame.effect == "firm":
        return any(s.kb_id_ == "strong" and (
            not frame.types or s.label_.partition(":")[0] in frame.types
        ) for s in doc.spans[TRIGGERS])
    return True


@pytest.mark.parametrize(("frame", "text", "expected"), FRAME_EXAMPLES,
                         ids=[f"{f.id}:{i}" for i, (f, _, _) in enumerate(FRAME_EXAMPLES)])
def test_frame_example(extractor: Extractor, frame: FramePattern, text: str,
                       expected: bool) -> None:
    doc = extractor.nlp(text)
    assert _effect_seen(doc, frame, expected) is expected, [
        (t.text, t.dep_, t.head.i) for t in doc
    ]


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({"label": "CONSULT", "pattern": [{"LEMMA": "meet"}]}, "needs a string 'id'"),
        ({"id": "x", "label": "MEET", "pattern": [{"LEMMA": "meet"}]}, "unknown label"),
        ({"id": "x", "label": "SANCTION", "mode": "phone", "pattern": [{"LEMMA": "a"}]},
         "needs label CONSULT"),
        ({"id": "x", "label": "AID", "strength": "huge", "pattern": [{"LEMMA": "a"}]},
         "strength must be"),
        ({"id": "x", "label": "AID", "pattern": []}, "non-empty list"),
        ({"id": "x", "label": "AID", "pattern": [{"LEMMA": "a"}], "examples": "one"},
         "list of strings"),
    ],
)
def test_bad_trigger_entries_are_named(entry: dict[str, Any], problem: str) -> None:
    with pytest.raises(PatternError) as info:
        parse_triggers([(7, entry)], "triggers.jsonl")
    assert "triggers.jsonl:7" in str(info.value)
    assert problem in str(info.value)


def test_bad_frame_entries_are_named() -> None:
    entry = {"id": "f", "effect": "explode", "target": "a",
             "pattern": [{"RIGHT_ID": "a", "RIGHT_ATTRS": {}}]}
    with pytest.raises(PatternError, match=r"frames.jsonl:3 \(f\): effect must be"):
        parse_frames([(3, entry)], "frames.jsonl")
    entry = {"id": "g", "effect": "suppress", "target": "b",
             "pattern": [{"RIGHT_ID": "a", "RIGHT_ATTRS": {}}]}
    with pytest.raises(PatternError, match="target 'b' is not a node"):
        parse_frames([(4, entry)], "frames.jsonl")
    entry = {"id": "h", "effect": "suppress", "target": "a", "host": "a",
             "pattern": [{"RIGHT_ID": "a", "RIGHT_ATTRS": {}}]}
    with pytest.raises(PatternError, match="'host' must be a node of a 'planned' frame"):
        parse_frames([(5, entry)], "frames.jsonl")


def test_duplicate_ids_are_refused() -> None:
    e = {"id": "same", "label": "AID", "pattern": [{"LEMMA": "a"}]}
    with pytest.raises(PatternError, match="duplicate id"):
        parse_triggers([(1, e), (2, dict(e))], "triggers.jsonl")


@pytest.mark.parametrize(
    "entry, variants",
    [
        # a verb and its object: matched on the parse as well
        ({"id": "x", "label": "COERCE", "pattern": [
            {"LEMMA": {"IN": ["close", "shut"]}, "POS": "VERB"},
            {"POS": "DET", "OP": "?"}, {"LEMMA": "border"}]}, 2),
        # a verb and a preposition: no object to find
        ({"id": "x", "label": "CONSULT", "pattern": [
            {"LEMMA": "talk", "POS": "VERB"}, {"LEMMA": {"IN": ["with", "to"]}}]}, 0),
        # a noun first: no verb
        ({"id": "x", "label": "COOPERATE", "pattern": [
            {"LEMMA": "joint", "POS": "ADJ"}, {"LEMMA": "patrol"}]}, 0),
        # a required word between: the run itself is the pattern
        ({"id": "x", "label": "ASSAULT", "pattern": [
            {"LEMMA": "open", "POS": "VERB"}, {"LOWER": "heavy"}, {"LEMMA": "fire"}]}, 0),
        # turned off for one pattern
        ({"id": "x", "label": "COERCE", "by_parse": False, "pattern": [
            {"LEMMA": "close", "POS": "VERB"}, {"LEMMA": "border"}]}, 0),
    ],
)
def test_object_variants(entry: dict[str, Any], variants: int) -> None:
    (pattern,) = parse_triggers([(1, entry)], "test")
    assert len(pattern.object_variants()) == variants
