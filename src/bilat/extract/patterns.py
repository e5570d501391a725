"""Pattern files: the rules of extraction as data.

``bilat/data/patterns/triggers.jsonl`` holds one trigger pattern a line, in
spaCy's ``Matcher`` token-pattern format (conditions on ``LEMMA``, ``LOWER``,
``POS`` ... so that one entry covers every inflection)::

    {"id": "consult.visit.pay", "label": "CONSULT", "mode": "visit",
     "pattern": [{"LEMMA": {"IN": ["pay", "make"]}}, {"POS": "DET", "OP": "?"},
                 {"LEMMA": "visit"}],
     "examples": ["The Prime Minister paid an official visit to Japan."]}

``label`` is a PLOVER type (or ``_IGNORE``: the phrase shadows the triggers inside
it and makes no event); ``mode`` is a CONSULT mode; ``strength`` is ``strong``
(default), ``weak`` (counts only with two countries in its sentence) or ``amount``
(counts only beside an amount of aid) or ``parse`` (counts only when the dependency
parse gives it both parties: "told his Dutch counterpart", never "told reporters" in a
sentence that names two other countries) or ``framed`` (counts only where a ``firm`` frame
finds it in the structure it needs: "said" only when what was said is that another country
must act); ``continues: true`` marks words that tell
what happened at an event ("discussed", "exchanged views"): in a story that
already has such an event they add to it instead of starting a new one;
``antecedent: true`` marks a word that stands for an event told before it ("the next
one is scheduled for 2026"): it makes an event only where the story's latest event
has its type;
``solo_label`` is the type of what one country does alone (military drills of one
country are MOBILIZE, joint ones COOPERATE).
A pattern of a verb and its object (first token a lemma the parse reads as a verb,
last a noun lemma, only optional tokens between) is matched on the parse as well, so that
any words may stand between them ("closed its land border", "freed two of the
detained sailors", "two frigates were sent"); ``by_parse: false`` turns that off
for one pattern.
``frames.jsonl`` holds ``DependencyMatcher`` patterns with an ``effect`` (see
:class:`FramePattern` and ``bilat_frames`` in :mod:`bilat.extract.components`).
Every entry may carry
``examples`` and ``counterexamples``; ``tests/test_patterns.py`` runs them all.

Files are validated when loaded: a bad entry raises :class:`~bilat.errors.PatternError`
naming the file, the line and the pattern id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from bilat.errors import DataError, PatternError
from bilat.record import CONSULT_MODES, EVENT_TYPES

IGNORE = "_IGNORE"
STRENGTHS = ("strong", "weak", "amount", "parse", "framed")
FRAME_EFFECTS = ("suppress", "planned", "relabel", "firm", "weaken")


@dataclass(frozen=True, slots=True)
class TriggerPattern:
    id: str
    label: str
    mode: str | None
    strength: str
    pattern: tuple[dict[str, Any], ...]
    examples: tuple[str, ...] = ()
    counterexamples: tuple[str, ...] = ()
    continues: bool = False
    solo_label: str | None = None
    line: int = 0  # where it stands in its file
    by_parse: bool = True  # a verb + object pattern is also matched on the parse
    antecedent: bool = False  # stands for the story's latest event of its type

    def object_variants(self) -> list[list[dict[str, Any]]]:
        """``DependencyMatcher`` patterns that find a verb + object pattern on the
        parse whatever stands between the two ("reaffirmed *its full* support",
        "closed *its land* border"): the object (or the passive subject) of the verb,
        or the noun after "of" of its object ("two *of* its border posts", "$300
        million *of* debt"). Empty for any other pattern."""
        if not self.by_parse or len(self.pattern) < 2:
            return []
        first, last, middle = self.pattern[0], self.pattern[-1], self.pattern[1:-1]
        if first.get("POS") not in ("VERB", None) or "LEMMA" not in first or first.get("OP"):
            return []
        objects = _lemma_values(last)
        if last.get("OP") or not objects or any(w in _FUNCTION_WORDS for w in objects):
            return []
        if any(t.get("OP") not in ("?", "*") for t in middle):
            return []
        verb = {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": first["LEMMA"], "POS": "VERB"}}
        noun = {"LEMMA": {"IN": list(objects)}}
        return [
            [verb, {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "object",
                    "RIGHT_ATTRS": {**noun, "DEP": {"IN": ["dobj", "nsubjpass"]}}}],
            [verb, {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "whole",
                    "RIGHT_ATTRS": {"DEP": "dobj"}},
             {"LEFT_ID": "whole", "REL_OP": ">", "RIGHT_ID": "of",
              "RIGHT_ATTRS": {"DEP": "prep", "LOWER": "of"}},
             {"LEFT_ID": "of", "REL_OP": ">", "RIGHT_ID": "object",
              "RIGHT_ATTRS": {**noun, "DEP": "pobj"}}],
        ]


#: words that end a pattern as a preposition or particle ("talk with", "pull out"):
#: such a pattern has no object to find on the parse
_FUNCTION_WORDS = frozenset({
    "to", "with", "on", "upon", "for", "of", "in", "at", "over", "out", "back", "down",
    "up", "off", "about", "against", "outside", "near", "before", "that", "face",
})


def _lemma_values(token: dict[str, Any]) -> tuple[str, ...]:
    lemma = token.get("LEMMA")
    if isinstance(lemma, str):
        return (lemma,)
    if isinstance(lemma, dict) and isinstance(lemma.get("IN"), list):
        return tuple(str(v) for v in lemma["IN"])
    return ()


@dataclass(frozen=True, slots=True)
class FramePattern:
    """A dependency pattern with one effect on one of its nodes.

    ``effect``: ``suppress`` (the node's trigger makes no event), ``planned`` (its
    event is announced, not done), ``relabel`` (its event takes type ``label``),
    ``firm`` (a weak trigger counts), ``weaken`` (a strong trigger counts only as weak).
    ``target`` names the node the effect applies to; ``types`` limits the effect to
    triggers of those types (all when empty); ``unless_child``: dependency labels of a
    child of the target that cancel the frame ("donated by Japan": a participle with its
    agent tells an act, not a state). ``host``: a node that must stand in a kept trigger of
    ``host_types`` for the frame to act; such a ``planned`` frame outranks the ``suppress``
    frames of its target (the visit an invitation asks for is planned, not dropped, and
    dropped with the invitation when that is denied). ``scope``: a ``suppress`` frame
    whose target's complements go with it ("has not agreed to any plan for joint patrols",
    "did not agree to meet again"). ``unless_dated``: the frame does not act on a target
    that has a date of its own ("a cyclist who was detained at the border on January 12"
    tells an act, not a state).
    """

    id: str
    effect: str
    target: str
    pattern: tuple[dict[str, Any], ...]
    label: str | None = None
    types: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    counterexamples: tuple[str, ...] = ()
    line: int = 0  # where it stands in its file
    unless_child: tuple[str, ...] = ()
    host: str | None = None
    host_types: tuple[str, ...] = ()
    scope: bool = False  # a suppressed target takes the triggers of its complements along
    unless_dated: bool = False  # the frame does not act on a target with a date of its own


def _read_lines(name: str) -> list[tuple[int, dict[str, Any]]]:
    source = f"bilat/data/patterns/{name}"
    try:
        raw = resources.files("bilat.data").joinpath("patterns", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise DataError(f"pattern file {source!r} is missing: {exc}") from exc
    out: list[tuple[int, dict[str, Any]]] = []
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PatternError(source, n, None, f"not JSON: {exc}") from exc
        if not isinstance(entry, dict):
            raise PatternError(source, n, None, "an entry must be a JSON object")
        out.append((n, entry))
    return out


def _strings(entry: dict[str, Any], key: str, source: str, n: int) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PatternError(source, n, entry.get("id"), f"{key!r} must be a list of strings")
    return tuple(value)


def _pattern(entry: dict[str, Any], source: str, n: int) -> tuple[dict[str, Any], ...]:
    pattern = entry.get("pattern")
    if not isinstance(pattern, list) or not pattern or not all(
        isinstance(t, dict) for t in pattern
    ):
        raise PatternError(source, n, entry.get("id"), "'pattern' must be a non-empty list of "
                           "token objects")
    return tuple(pattern)


def _new_id(entry: dict[str, Any], source: str, n: int, seen: set[str]) -> str:
    """The entry's ``id``, checked to be a string not used before in its file."""
    pid = entry.get("id")
    if not isinstance(pid, str) or not pid:
        raise PatternError(source, n, None, "every entry needs a string 'id'")
    if pid in seen:
        raise PatternError(source, n, pid, "duplicate id")
    seen.add(pid)
    return pid


def parse_triggers(lines: list[tuple[int, dict[str, Any]]], source: str) -> list[TriggerPattern]:
    """Validate trigger entries (the token patterns themselves are checked by spaCy's
    ``Matcher(validate=True)`` when the component adds them)."""
    out: list[TriggerPattern] = []
    seen: set[str] = set()
    for n, e in lines:
        pid = _new_id(e, source, n, seen)
        label = e.get("label")
        if label not in (*EVENT_TYPES, IGNORE):
            raise PatternError(source, n, pid, f"unknown label {label!r}")
        mode = e.get("mode")
        if mode is not None and (label != "CONSULT" or mode not in CONSULT_MODES):
            raise PatternError(source, n, pid, f"mode {mode!r} needs label CONSULT and one of "
                               f"{', '.join(CONSULT_MODES)}")
        strength = e.get("strength", "strong")
        if strength not in STRENGTHS:
            raise PatternError(source, n, pid, f"strength must be one of {', '.join(STRENGTHS)}")
        continues = e.get("continues", False)
        if not isinstance(continues, bool):
            raise PatternError(source, n, pid, "'continues' must be true or false")
        solo = e.get("solo_label")
        if solo is not None and solo not in EVENT_TYPES:
            raise PatternError(source, n, pid, f"unknown solo_label {solo!r}")
        by_parse = e.get("by_parse", True)
        if not isinstance(by_parse, bool):
            raise PatternError(source, n, pid, "'by_parse' must be true or false")
        antecedent = e.get("antecedent", False)
        if not isinstance(antecedent, bool):
            raise PatternError(source, n, pid, "'antecedent' must be true or false")
        out.append(TriggerPattern(
            pid, str(label), mode, strength, _pattern(e, source, n),
            _strings(e, "examples", source, n), _strings(e, "counterexamples", source, n),
            continues, solo, n, by_parse, antecedent,
        ))
    return out


def parse_frames(lines: list[tuple[int, dict[str, Any]]], source: str) -> list[FramePattern]:
    out: list[FramePattern] = []
    seen: set[str] = set()
    for n, e in lines:
        pid = _new_id(e, source, n, seen)
        effect = e.get("effect")
        if effect not in FRAME_EFFECTS:
            raise PatternError(source, n, pid, f"effect must be one of {', '.join(FRAME_EFFECTS)}")
        pattern = _pattern(e, source, n)
        nodes = [t.get("RIGHT_ID") for t in pattern]
        target = e.get("target")
        if target not in nodes:
            raise PatternError(source, n, pid, f"target {target!r} is not a node of the pattern")
        label = e.get("label")
        if effect == "relabel" and label not in (*EVENT_TYPES, None):
            raise PatternError(source, n, pid, f"unknown label {label!r}")
        types = _strings(e, "types", source, n)
        host_types = _strings(e, "host_types", source, n)
        if any(t not in EVENT_TYPES for t in (*types, *host_types)):
            raise PatternError(source, n, pid, "'types' and 'host_types' must name PLOVER types")
        scope = e.get("scope", False)
        if not isinstance(scope, bool) or (scope and effect != "suppress"):
            raise PatternError(source, n, pid, "'scope' must be true only on a 'suppress' frame")
        unless_dated = e.get("unless_dated", False)
        if not isinstance(unless_dated, bool):
            raise PatternError(source, n, pid, "'unless_dated' must be true or false")
        host = e.get("host")
        if host is not None and (host not in nodes or effect != "planned"):
            raise PatternError(source, n, pid, "'host' must be a node of a 'planned' frame")
        out.append(FramePattern(
            pid, str(effect), str(target), pattern, label, types,
            _strings(e, "examples", source, n), _strings(e, "counterexamples", source, n), n,
            unless_child=_strings(e, "unless_child", source, n),
            host=None if host is None else str(host), host_types=host_types, scope=scope,
            unless_dated=unless_dated,
        ))
    return out


@cache
def trigger_patterns(name: str = "triggers.jsonl") -> tuple[TriggerPattern, ...]:
    return tuple(parse_triggers(_read_lines(name), f"bilat/data/patterns/{name}"))


@cache
def trigger_index(name: str = "triggers.jsonl") -> dict[str, TriggerPattern]:
    """The trigger patterns by id (built once; read-only)."""
    return {p.id: p for p in trigger_patterns(name)}


@cache
def frame_patterns(name: str = "frames.jsonl") -> tuple[FramePattern, ...]:
    return tuple(parse_frames(_read_lines(name), f"bilat/data/patterns/{name}"))


@cache
def lexicon(name: str) -> tuple[str, ...]:
    """A named word list of ``patterns/lexicons.json``."""
    words = _lexicons().get(name)
    if not isinstance(words, list):
        raise DataError(f"bilat/data/patterns/lexicons.json has no word list {name!r}")
    return tuple(str(w) for w in words)


@cache
def lexicon_map(name: str) -> dict[str, tuple[str, ...]]:
    """A named table of word lists (key -> words) of ``patterns/lexicons.json``."""
    table = _lexicons().get(name)
    if not isinstance(table, dict) or not all(isinstance(v, list) for v in table.values()):
        raise DataError(f"bilat/data/patterns/lexicons.json has no table {name!r}")
    return {str(k): tuple(str(w) for w in v) for k, v in table.items()}


@cache
def _lexicons() -> dict[str, Any]:
    try:
        raw = resources.files("bilat.data").joinpath("patterns", "lexicons.json").read_text(
            encoding="utf-8"
        )
        data = json.loads(raw)
    except (OSError, json.JSONDecodeError) as exc:
        raise DataError(f"bilat/data/patterns/lexicons.json cannot be read: {exc}") from exc
    if not isinstance(data, dict):
        raise DataError("bilat/data/patterns/lexicons.json must hold a JSON object")
    return data
