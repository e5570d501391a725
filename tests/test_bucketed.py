"""The faster matchers give what spaCy's own matchers give.

- trigger patterns grouped by first word (``BucketedMatcher``): the same trigger spans
  as one ``Matcher`` holding every pattern, on every example and counterexample of
  the pattern files and on invented sentences;
- the attribute ruler's tag map looked up in a table (``TableMatcher``): the same
  tags, parts of speech, morphology and lemmas as the untouched pipeline;
- the frames' node patterns looked up in a table (``TableDependencyMatcher``): the
  same matches, in the same order, as spaCy's ``DependencyMatcher``.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from bilat import DEFAULT_MODEL, Extractor
from bilat.extract import components as C
from bilat.extract.bucketed import (
    BucketedMatcher,
    TableDependencyMatcher,
    TableMatcher,
    _max_length,
    _table_alternatives,
)
from bilat.extract.patterns import IGNORE, frame_patterns, trigger_patterns

INVENTED = [
    "Chile's foreign minister met her Peruvian counterpart in Lima on Monday.",
    "The two sides will hold talks next week and are expected to sign a memorandum.",
    "Norway did not meet Iceland's demands and denied reports of a meeting.",
    "Ghana WELCOMED the DELEGATION and Signed An Agreement On Fisheries.",
    "Warships from Oman, Qatar and Kuwait joined the naval drill off the coast.",
    "Canada imposed new sanctions on Belarus and expelled two diplomats.",
    "",
    "Talks.",
    "Meet, meet, meeting: the meetings met at a meet-up.",
    "He called on the Prime Minister of Japan at the invitation of the Emperor.",
    "Exports to Kenya rose to $3.1 billion, of which tea made up a third.",
]


PROBES = Path(__file__).resolve().parent / "probes" / "events.jsonl"


def _texts() -> list[str]:
    """Invented sentences, the pattern files' examples and the event probes."""
    texts = list(INVENTED)
    for p in trigger_patterns():
        texts.extend(p.examples)
        texts.extend(p.counterexamples)
    for line in PROBES.read_text(encoding="utf-8").splitlines():
        if line.strip():
            texts.append(json.loads(line)["text"])
    return texts


def _single_matcher_spans(tagger: Any, doc: Doc) -> list[tuple[int, int, str, str, str]]:
    spans = []
    # the verb + object patterns on the parse come after either matcher's, the same
    for match_id, start, end in tagger.with_parse_matches(doc, list(tagger.matcher(doc))):
        p = tagger.patterns[doc.vocab.strings[match_id]]
        label = f"{p.label}:{p.mode}" if p.mode else p.label
        spans.append(Span(doc, start, end, label=label, kb_id=p.strength, span_id=p.id))
    return [(s.start, s.end, s.label_, s.kb_id_, s.id_) for s in filter_spans(spans)
            if s.label_ != IGNORE]


def test_bucketed_triggers_equal_one_matcher(extractor: Extractor) -> None:
    nlp = extractor.nlp
    tagger = nlp.get_pipe(C.TRIGGERS)
    texts = _texts()
    assert len(texts) > 400
    with nlp.select_pipes(disable=[C.TRIGGERS, C.FRAMES]):
        docs = list(nlp.pipe(texts))
    for doc in docs:
        tagger(doc)  # lemmas as the tagger reads them, spans from the bucketed matcher
        got = [(s.start, s.end, s.label_, s.kb_id_, s.id_) for s in doc.spans[C.TRIGGERS]]
        assert got == _single_matcher_spans(tagger, doc), doc.text


@pytest.mark.parametrize("patterns, text", [
    # two patterns with an operator matching the same tokens: the order is the matcher's
    ([("a", [{"LOWER": "talks"}, {"LOWER": "held", "OP": "?"}]),
      ("b", [{"LOWER": "talks"}])], "talks ended"),
    ([("a", [{"LOWER": "talks"}]),
      ("b", [{"LOWER": "talks"}, {"LOWER": "held", "OP": "?"}])], "talks ended"),
    ([("a", [{"POS": "DET", "OP": "?"}, {"LOWER": "visit"}]),
      ("b", [{"LOWER": "visit"}])], "the visit"),
    # plain patterns: sorted by start, end, then the order they were added
    ([("b", [{"LOWER": "state"}, {"LOWER": "visit"}]), ("a", [{"LOWER": "visit"}]),
      ("c", [{"ORTH": "visit"}])], "a state visit and a visit"),
])
def test_bucketed_matcher_orders_ties_like_one_matcher(
    patterns: list[tuple[str, list[dict[str, Any]]]], text: str
) -> None:
    nlp = spacy.blank("en")
    single = Matcher(nlp.vocab)
    bucketed = BucketedMatcher(nlp.vocab)
    for key, pattern in patterns:
        single.add(key, [pattern])
        bucketed.add(key, pattern)
    doc = nlp(text)
    for tok in doc:
        tok.pos_ = "DET" if tok.lower_ in ("the", "a") else "NOUN"
    expected = single(doc)
    got = bucketed(doc, single)
    assert sorted(got) == sorted(expected)
    # identical spans keep the single matcher's order (what filter_spans keeps)
    for span in {(s, e) for _, s, e in expected}:
        assert [k for k, s, e in got if (s, e) == span] == [
            k for k, s, e in expected if (s, e) == span
        ]


@pytest.fixture(scope="module")
def plain_nlp() -> Language:
    return spacy.load(DEFAULT_MODEL)


def test_table_matcher_sets_the_same_attributes(extractor: Extractor,
                                                plain_nlp: Language) -> None:
    ruler = extractor.nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.matcher, TableMatcher)
    texts = [*_texts(), "I ain't sure y'all know nothin' of it.", "There's no way, is there?"]
    names = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]
    with extractor.nlp.select_pipes(enable=names):
        ours = list(extractor.nlp.pipe(texts))
    with plain_nlp.select_pipes(enable=names):
        theirs = list(plain_nlp.pipe(texts))
    for a, b in zip(ours, theirs, strict=True):
        # the extractor splits "U.S.-China" apart; compare texts tokenised alike
        if [t.text for t in a] != [t.text for t in b]:
            continue
        got = [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in a]
        assert got == [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in b], a.text


def test_table_dependency_matcher_equals_spacys(extractor: Extractor) -> None:
    nlp = extractor.nlp
    ours = nlp.get_pipe(C.FRAMES).matcher
    assert isinstance(ours, TableDependencyMatcher)
    theirs = DependencyMatcher(nlp.vocab, validate=True)
    texts = _texts()
    for frame in frame_patterns():
        theirs.add(frame.id, [list(frame.pattern)])
        texts.extend([*frame.examples, *frame.counterexamples])
    with nlp.select_pipes(disable=[C.FRAMES]):
        docs = list(nlp.pipe(texts))
    assert sum(len(theirs(doc)) for doc in docs) > 100  # frames do match here
    for doc in docs:
        assert ours(doc) == theirs(doc), doc.text



def test_table_dependency_matcher_of_trigger_objects_equals_spacys(extractor: Extractor) -> None:
    """The verb + object patterns share node patterns ("the object of a verb"): each
    distinct node is looked up once, and the matches are still spaCy's, in its order,
    on a whole text and on a span of it."""
    nlp = extractor.nlp
    tagger = nlp.get_pipe(C.TRIGGERS)
    ours = tagger.objects
    assert isinstance(ours, TableDependencyMatcher)
    theirs = DependencyMatcher(nlp.vocab, validate=True)
    for p in trigger_patterns():
        variants = p.object_variants()
        if variants:
            theirs.add(p.id, variants)
    index = ours._node_index()
    assert len(set(index.node_of.values())) < len(index.node_of)  # nodes are shared
    with nlp.select_pipes(disable=[C.TRIGGERS, C.FRAMES]):
        docs = list(nlp.pipe(_texts()))
    assert sum(len(theirs(doc)) for doc in docs) > 50  # verb + object patterns match here
    for doc in docs:
        assert ours(doc) == theirs(doc), doc.text
        if len(doc) > 2:
            assert ours(doc[1:]) == theirs(doc[1:]), doc.text



def test_dependency_matches_in_the_trees_of_given_tokens(extractor: Extractor) -> None:
    """``in_trees`` gives the matches of the sentences (trees) holding the tokens, in the
    order the whole text gives them; no tokens, no matches."""
    nlp = extractor.nlp
    ours = nlp.get_pipe(C.FRAMES).matcher
    text = ("Norway did not meet Iceland's demands. Canada will sign the accord next week. "
            "Kenya refused to hold talks with Uganda.")
    with nlp.select_pipes(disable=[C.FRAMES]):
        doc = nlp(text)
    sents = list(doc.sents)
    assert len(sents) == 3
    everything = ours(doc)
    assert {next(i for i, s in enumerate(sents) if s.start <= m[1][0] < s.end)
            for m in everything} == {0, 1, 2}  # every sentence has a frame here
    for chosen in ({0}, {2}, {0, 2}):
        tokens = {sents[i].root.i for i in chosen}
        expected = [m for m in everything
                    if any(sents[i].start <= m[1][0] < sents[i].end for i in chosen)]
        assert ours.in_trees(doc, tokens) == expected
    assert ours.in_trees(doc, set()) == []
    assert ours.in_trees(doc, None) == everything



@pytest.mark.parametrize("pattern, length", [
    ([{"LEMMA": "meet"}], 1),
    ([{"LEMMA": "pay"}, {"POS": "DET", "OP": "?"}, {"LEMMA": "visit"}], 3),
    ([{"LOWER": "state"}, {"LOWER": "visit", "OP": "!"}], 2),
    ([{"LEMMA": "sign"}, {"OP": "*"}, {"LEMMA": "deal"}], None),
    ([{"LEMMA": "sign"}, {"IS_ALPHA": True, "OP": "+"}], None),
    ([{"LEMMA": "sign"}, {"IS_ALPHA": True, "OP": "{1,3}"}], None),
])
def test_longest_match_of_a_pattern(pattern: list[dict[str, Any]], length: int | None) -> None:
    """A bucket whose patterns span at most N tokens is matched on the N tokens from each
    occurrence of its first word; a pattern of unbounded length keeps the whole text."""
    assert _max_length(pattern) == length


def test_bucket_matched_near_its_word_finds_what_the_whole_text_gives(
    extractor: Extractor,
) -> None:
    """A match that starts on the bucket's word and reaches the end of the text is found,
    and so is one of a later occurrence of the word."""
    nlp = extractor.nlp
    bucketed = BucketedMatcher(nlp.vocab)
    single = Matcher(nlp.vocab)
    pattern = [{"LOWER": "state"}, {"POS": "DET", "OP": "?"}, {"LOWER": "visit"}]
    bucketed.add("state_visit", pattern)
    single.add("state_visit", [pattern])
    doc = nlp("A state visit ended the state the visit")
    assert bucketed(doc, single) == sorted(single(doc), key=lambda m: (m[1], m[2]))
    assert [(s, e) for _, s, e in bucketed(doc, single)] == [(1, 3), (5, 8)]


@pytest.mark.parametrize("pattern, alternatives", [
    ([{"TAG": "NN"}], 1),
    ([{"LOWER": {"IN": ["will", "shall", "will"]}, "DEP": "aux"}], 2),
    ([{"POS": {"IN": ["NOUN", "VERB"]}, "DEP": {"IN": ["dobj", "pobj", "nsubj"]}}], 6),
    ([{"LOWER": {"NOT_IN": ["no"]}}], None),  # not a plain list: left to the matcher
    ([{"LOWER": {"REGEX": "^n't$"}}], None),
    ([{"IS_SPACE": True}], None),
    ([{"LOWER": "talks", "OP": "?"}], None),
    ([{"LOWER": "state"}, {"LOWER": "visit"}], None),
    ([{"LOWER": {"IN": [f"w{i}" for i in range(100)]},
       "LEMMA": {"IN": [f"w{i}" for i in range(100)]}}], None),  # too many combinations
])
def test_table_alternatives(pattern: list[dict[str, Any]], alternatives: int | None) -> None:
    found = _table_alternatives(spacy.blank("en").vocab, pattern)
    assert (None if found is None else len(found)) == alternatives


def test_table_matcher_pickles_whole(extractor: Extractor) -> None:
    ruler = extractor.nlp.get_pipe("attribute_ruler")
    doc = extractor.nlp("The ministers weren't there; it is what they'd said.")
    copy = pickle.loads(pickle.dumps(ruler.matcher))
    assert isinstance(copy, TableMatcher)
    assert sorted(copy(doc, allow_missing=True)) == sorted(ruler.matcher.original(
        doc, allow_missing=True))
