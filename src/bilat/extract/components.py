"""bilat's spaCy components, all registered here with ``Language.factory``.

- ``bilat_countries``: marks every country mention (name, demonym, capital,
  short form) as a span in ``doc.spans["bilat_countries"]``; the label is the
  ISO3 code and ``kb_id_`` the kind of form.
  International bodies (EU, UN, NATO ...) go to ``doc.spans["bilat_non_state"]``.
- ``bilat_triggers``: marks event trigger words in ``doc.spans["bilat_triggers"]``
  from the lemma patterns of ``data/patterns/triggers.jsonl``; the label is ``TYPE``
  or ``CONSULT:mode`` and ``kb_id_`` is ``weak`` for words that only count with
  explicit country mentions nearby, ``amount`` for words that only count beside an
  amount ("handed over 12,000 tonnes").
- ``bilat_figures``: keeps a figure written with an abbreviated scale and a full stop
  ("575,05 mln. cubic meters", as the CIS wires write them) in one sentence: the token
  after the full stop starts no sentence when it is in lower case; and no sentence starts
  between two words with only a space between them ("... of the Kyrgyz Republic Akylbek
  Japarov"). Runs before the parser, which keeps the boundaries it finds set.
- ``bilat_frames``: reads the dependency parse around each trigger with the
  ``DependencyMatcher`` patterns of ``data/patterns/frames.jsonl`` (negation,
  denial, requests and threats of an act, announced acts, the object that decides
  the type).

Each reads its data file when built; the config selects which file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rapidfuzz.distance import Levenshtein
from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from bilat.errors import PatternError
from bilat.extract.bucketed import BucketedMatcher, TableDependencyMatcher
from bilat.extract.patterns import IGNORE, FramePattern, frame_patterns, trigger_index
from bilat.gazetteer import load_gazetteer
from bilat.resources import load_json

COUNTRIES = "bilat_countries"
NON_STATE = "bilat_non_state"
TRIGGERS = "bilat_triggers"
FRAMES = "bilat_frames"
FIGURES = "bilat_figures"
#: trigger spans that a frame dropped (negated, denied, asked of someone else)
SUPPRESSED = "bilat_suppressed"
#: trigger spans that a frame marked as announced, not done
PLANNED = "bilat_planned"
#: planned trigger spans that are the content of a kept invitation or agreement
HOSTED = "bilat_hosted"


#: the shortest country name read through a misspelling, and the length from which two
#: letters may be wrong ("Afganistan" for Afghanistan, "Phillipines" for Philippines)
_MISSPELT_MIN = 7
_MISSPELT_LONG = 10


class CountryTagger:
    """Case-sensitive phrase matching of the world gazetteer."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        gaz = load_gazetteer()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.kinds: dict[str, tuple[str, str]] = {}
        by_key: dict[str, list[Doc]] = {}
        for surface, (iso3, kind) in gaz.forms.items():
            key = f"{iso3}|{kind}"
            by_key.setdefault(key, []).append(nlp.make_doc(surface))
            if kind in ("names", "capitals") and surface.upper() != surface and (
                surface.upper() not in gaz.forms
            ):
                # datelines and headlines in capitals: "WASHINGTON --", "SOUTH SUDAN"
                by_key[key].append(nlp.make_doc(surface.upper()))
        for key, patterns in by_key.items():
            self.matcher.add(key, patterns)
        self.non_state = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.non_state.add("NON_STATE", [nlp.make_doc(s) for s in sorted(gaz.non_state)])
        self.forms = gaz.forms
        #: one-word country names by first letter, for names misspelt by one or two letters
        self.by_initial: dict[str, list[tuple[str, str]]] = {}
        for surface, (iso3, kind) in gaz.forms.items():
            if kind == "names" and surface.isalpha() and len(surface) >= _MISSPELT_MIN:
                self.by_initial.setdefault(surface[0], []).append((surface, iso3))

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        blocked = {(s, e) for _, s, e in self.non_state(doc)}
        blocked_tokens = {i for s, e in blocked for i in range(s, e)}
        doc.spans[NON_STATE] = [Span(doc, s, e, label="NON_STATE") for s, e in sorted(blocked)]
        for match_id, start, end in self.matcher(doc):
            if any(i in blocked_tokens for i in range(start, end)):
                continue
            key = doc.vocab.strings[match_id]
            iso3, kind = key.split("|", 1)
            spans.append(Span(doc, start, end, label=iso3, kb_id=kind))
            spans.extend(self._elided(doc, start, end, blocked_tokens))
        taken = {i for sp in spans for i in range(sp.start, sp.end)} | blocked_tokens
        spans.extend(self._misspelt(doc, taken))
        doc.spans[COUNTRIES] = filter_spans(spans)
        return doc

    def _misspelt(self, doc: Doc, taken: set[int]) -> list[Span]:
        """A capitalised word that is one country's name but for a letter or two
        ("Afganistan", "Kyrgystan", "Phillipines"): that country. Only long words that
        stand alone (not inside a longer capitalised name) and fit one country only."""
        out: list[Span] = []
        for tok in doc:
            text = tok.text
            if (tok.i in taken or len(text) < _MISSPELT_MIN or not text.isalpha()
                    or not text[0].isupper() or text.isupper() or text in self.forms):
                continue
            if (tok.i > 0 and doc[tok.i - 1].is_title and not doc[tok.i - 1].is_stop) or (
                tok.i + 1 < len(doc) and doc[tok.i + 1].is_title
                and not doc[tok.i + 1].is_stop
            ):
                continue  # "Republica Dominicana Airlines": part of a longer name
            most = 1 if len(text) < _MISSPELT_LONG else 2
            fits = {iso3 for name, iso3 in self.by_initial.get(text[0], ())
                    if abs(len(name) - len(text)) <= most
                    and not text.startswith(name)  # "the Americas": a region, not America
                    and Levenshtein.distance(name, text, score_cutoff=most) <= most}
            if len(fits) == 1:
                out.append(Span(doc, tok.i, tok.i + 1, label=fits.pop(), kb_id="names"))
        return out

    def _elided(self, doc: Doc, start: int, end: int, blocked: set[int]) -> list[Span]:
        """"North and South Korea", "East and West Timor": the first word of a pair that
        shares the rest of a country's name, where that word and the rest are a country's
        name too."""
        if end - start < 2 or start < 2 or doc[start - 1].lower_ not in ("and", "or", "&"):
            return []
        first = doc[start - 2]
        if not first.is_title or first.i in blocked:
            return []
        form = " ".join([first.text, *(t.text for t in doc[start + 1 : end])])
        found = self.forms.get(form)
        if found is None:
            return []
        return [Span(doc, first.i, first.i + 1, label=found[0], kb_id=found[1])]


def _add_patterns(
    matcher: Matcher | DependencyMatcher, file: str,
    entries: Iterable[tuple[str, int, tuple[dict[str, Any], ...]]],
) -> None:
    """Add each (id, line, pattern) to ``matcher``; spaCy's validation of a pattern
    becomes a :class:`PatternError` naming the file, the line and the id."""
    for pid, line, pattern in entries:
        try:
            matcher.add(pid, _first_token_alternatives(pattern, matcher))
        except (ValueError, KeyError) as exc:
            raise PatternError(f"bilat/data/patterns/{file}", line, pid, str(exc)) from exc


def _first_token_alternatives(
    pattern: tuple[dict[str, Any], ...], matcher: Matcher | DependencyMatcher
) -> list[list[dict[str, Any]]]:
    """The token pattern as one pattern per value of its first token's ``IN`` list
    of lemmas or forms: the matcher tests a pattern's first token on every token of
    a text, and a plain equality is tested in C while an ``IN`` set goes through a
    Python predicate (most of the matching time on long texts). Same matches."""
    if isinstance(matcher, DependencyMatcher) or not pattern:
        return [list(pattern)]
    first, rest = pattern[0], list(pattern[1:])
    for attr in ("LEMMA", "LOWER"):
        cond = first.get(attr)
        if isinstance(cond, dict) and set(cond) == {"IN"} and first.get("OP") is None:
            return [[{**first, attr: value}, *rest] for value in cond["IN"]]
    return [list(pattern)]


class TriggerTagger:
    """Event trigger words from the lemma patterns of ``patterns/triggers.jsonl``.

    One ``Matcher`` (validated) over lemmas, lower-case forms and parts of speech;
    where matches overlap the longest wins ("official visit" over "visit"), and
    ``_IGNORE`` phrases ("at the invitation of") only shadow the triggers inside them.
    Each span's label is ``TYPE`` or ``CONSULT:mode``, its ``kb_id_`` the strength and
    its ``id_`` the pattern id (``bilat explain`` shows it).
    """

    def __init__(self, nlp: Language, name: str, patterns: str) -> None:
        self.name = name
        self.patterns = trigger_index(patterns)
        lemmatizer = nlp.get_pipe("lemmatizer") if nlp.has_pipe("lemmatizer") else None
        rule = getattr(lemmatizer, "rule_lemmatize", None)
        self.lemmatize: Callable[[Token], list[str]] | None = rule if callable(rule) else None
        self.matcher = Matcher(nlp.vocab, validate=True)
        _add_patterns(self.matcher, patterns,
                      ((p.id, p.line, p.pattern) for p in self.patterns.values()))
        # the same patterns, each run only on texts holding its first word
        self.buckets = BucketedMatcher(nlp.vocab)
        for p in self.patterns.values():
            for alternative in _first_token_alternatives(p.pattern, self.matcher):
                self.buckets.add(p.id, alternative)
        # verb + object patterns once more on the parse, whatever stands between
        self.objects = TableDependencyMatcher(nlp.vocab, validate=True)
        for p in self.patterns.values():
            variants = p.object_variants()
            if variants:
                try:
                    self.objects.add(p.id, variants)
                except (ValueError, KeyError) as exc:
                    raise PatternError(f"bilat/data/patterns/{patterns}", p.line, p.id,
                                       str(exc)) from exc

    def __call__(self, doc: Doc) -> Doc:
        # words in capitals are tagged proper nouns and keep their form as lemma
        # ("Foreign Office Consultations"): lemmatise them as common nouns, in lower case
        for tok in doc:
            if tok.pos_ == "PROPN" and self.lemmatize is not None:
                tok.pos_ = "NOUN"
                lemmas = self.lemmatize(tok)
                tok.pos_ = "PROPN"
                if lemmas:
                    tok.lemma_ = lemmas[0]
            if tok.lemma_ and not tok.lemma_.islower():
                tok.lemma_ = tok.lemma_.lower()
            if tok.tag_ == "NNS" and tok.lemma_.endswith("men") and len(tok.lemma_) > 5:
                tok.lemma_ = tok.lemma_[:-3] + "man"  # "servicemen", "crewmen": the rules miss
        found = self.with_parse_matches(doc, list(self.buckets(doc, self.matcher)))
        spans: list[Span] = []
        for match_id, start, end in found:
            p = self.patterns[doc.vocab.strings[match_id]]
            label = f"{p.label}:{p.mode}" if p.mode else p.label
            spans.append(Span(doc, start, end, label=label, kb_id=p.strength, span_id=p.id))
        doc.spans[TRIGGERS] = [s for s in filter_spans(spans) if s.label_ != IGNORE]
        return doc

    def with_parse_matches(
        self, doc: Doc, found: list[tuple[int, int, int]]
    ) -> list[tuple[int, int, int]]:
        """The token-pattern matches ``found`` and those of the verb + object patterns
        on the parse (none without a parse)."""
        if not len(self.objects) or not doc.has_annotation("DEP"):
            return found
        words = {i for _, s, e in found for i in range(s, e)}
        out = list(found)
        for m, toks in self.objects(doc):
            verb, obj = doc[toks[0]], doc[toks[-1]]
            start, end = min(toks), max(toks) + 1
            if obj.i < verb.i and (_raised_infinitive(verb) or words & set(range(start, end))):
                # "talks were held": the trigger word "talks" is the act, as read
                continue
            out.append((m, start, end))
        return out


def _raised_infinitive(verb: Token) -> bool:
    """"pleading for prisoners *to be released*": an object before an infinitive is
    what someone wants done, not an act (the frames read infinitives after their
    verb; this one stands apart from it)."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


class FrameMarker:
    """Dependency frames of ``patterns/frames.jsonl`` applied to the trigger spans:
    negated or denied acts and acts asked of someone else are dropped (kept in
    ``doc.spans["bilat_suppressed"]``), announced ones marked planned, some
    relabelled by their object. Needs the parser; without one it does nothing."""

    def __init__(self, nlp: Language, name: str, patterns: str) -> None:
        self.name = name
        self.frames = {f.id: f for f in frame_patterns(patterns)}
        self.matcher = TableDependencyMatcher(nlp.vocab, validate=True)
        _add_patterns(self.matcher, patterns,
                      ((f.id, f.line, f.pattern) for f in self.frames.values()))

    def __call__(self, doc: Doc) -> Doc:
        triggers = list(doc.spans.get(TRIGGERS, []))
        doc.spans[SUPPRESSED] = []
        doc.spans[PLANNED] = []
        doc.spans[HOSTED] = []
        if not triggers or not doc.has_annotation("DEP"):
            # a trigger that needs a frame to count counts not at all without the parse
            doc.spans[TRIGGERS] = [s for s in triggers if s.kb_id_ != "framed"]
            return doc
        effects: dict[int, list[FramePattern]] = {}
        # frames that act only while a host word stands in a kept trigger: target -> hosts
        hosted: dict[int, list[tuple[FramePattern, int]]] = {}
        # a frame acts on a trigger's head word: only the trees that hold one are read
        for match_id, tokens in self.matcher.in_trees(doc, {s.root.i for s in triggers}):
            frame = self.frames[doc.vocab.strings[match_id]]
            nodes = [n["RIGHT_ID"] for n in frame.pattern]
            target = tokens[nodes.index(frame.target)]
            if frame.unless_child and any(c.dep_ in frame.unless_child
                                          for c in doc[target].children):
                continue
            if frame.unless_dated and _own_date(doc[target]):
                continue
            if frame.host is not None:
                hosted.setdefault(target, []).append((frame, tokens[nodes.index(frame.host)]))
                continue
            effects.setdefault(target, []).append(frame)
        kept: list[Span] = []
        suppressed: list[Span] = []
        planned_spans: list[Span] = []
        trigger_ids = {(sp.start, sp.end): sp.id_ for sp in triggers}
        relabelled: set[tuple[int, int]] = set()
        for span in triggers:
            etype = span.label_.partition(":")[0]
            # a frame acts on the trigger whose head word is its target node: "refused
            # the request" is not dropped by a frame about the request
            here = effects.get(span.root.i, [])
            # the type first ("would not meet the demands" is a REJECT, "would recall its
            # envoy unless ..." a THREATEN), then the frames of the type it now has
            for f in here:
                if f.effect == "relabel" and f.label and (not f.types or etype in f.types):
                    relabelled.add((span.start, span.end))
                    etype = f.label
                    span = Span(doc, span.start, span.end, label=f.label, kb_id=span.kb_id_,
                                span_id=span.id_)
                    break
            found = [f for f in here if f.effect != "relabel" and (not f.types or etype in f.types)]
            planned = False
            for f in found:
                if f.effect == "suppress":
                    span = Span(doc, span.start, span.end, label=span.label_, kb_id=span.kb_id_,
                                span_id=f.id)
                    suppressed.append(span)
                    break
                if f.effect == "firm":
                    span = Span(doc, span.start, span.end, label=span.label_, kb_id="strong",
                                span_id=span.id_)
                elif f.effect == "weaken" and span.kb_id_ == "strong":
                    span = Span(doc, span.start, span.end, label=span.label_, kb_id="weak",
                                span_id=span.id_)
                elif f.effect == "planned":
                    planned = True
            else:
                if span.kb_id_ == "framed":
                    continue  # no frame found the structure this trigger needs
                kept.append(span)
                if planned:
                    planned_spans.append(span)
        # "has not agreed to any plan for joint patrols": what a negated or denied act
        # holds in its complements goes with it
        scoped = {i for sp in suppressed if sp.id_ in self.frames and self.frames[sp.id_].scope
                  # (and the verb whose object a suppressed noun is: "a proposal to hold a
                  # meeting to discuss the case")
                  for i in (sp.root.i, *((sp.root.head.i,) if sp.root.dep_ == "dobj" else ()))}
        if scoped:
            # (a frame that retyped a trigger has read the negation already: "would not
            # meet the demands" is a REJECT)
            inside = [sp for sp in kept if _in_complement_of(sp.root, scoped)
                      and (sp.start, sp.end) not in relabelled]
            for sp in inside:
                kept.remove(sp)
                suppressed.append(Span(doc, sp.start, sp.end, label=sp.label_, kb_id=sp.kb_id_,
                                       span_id="in_scope"))
            planned_spans = [sp for sp in planned_spans if sp not in inside]
        # "invited X to visit Y", "agreed to hold the next session": the act asked for or
        # agreed on is planned while the invitation or agreement holding it stands
        if hosted:
            revived = [sp for sp in suppressed if _hosted_by(sp, hosted.get(sp.root.i, []), kept)]
            for sp in revived:
                suppressed.remove(sp)
                sp = Span(doc, sp.start, sp.end, label=sp.label_, kb_id=sp.kb_id_,
                          span_id=trigger_ids[(sp.start, sp.end)])
                kept.append(sp)
            for sp in kept:
                if _hosted_by(sp, hosted.get(sp.root.i, []), kept):
                    if sp not in planned_spans:
                        planned_spans.append(sp)
                    doc.spans[HOSTED].append(sp)
        # "will not meet X at the summit": a weak word in a prepositional phrase of a
        # dropped act (its venue, its occasion) goes with it
        hosts = {sp.root.i for sp in suppressed}
        gone = [sp for sp in kept if sp.kb_id_ == "weak" and _in_phrase_of(sp.root, hosts)]
        doc.spans[TRIGGERS] = [sp for sp in kept if sp not in gone]
        doc.spans[SUPPRESSED] = suppressed + [
            Span(doc, sp.start, sp.end, label=sp.label_, kb_id=sp.kb_id_, span_id="with_host")
            for sp in gone]
        doc.spans[PLANNED] = [sp for sp in planned_spans if sp not in gone]
        return doc


#: dependencies that lead from a word up to the act whose complement it stands in
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "pcomp", "acl", "compound",
                              "amod", "attr", "oprd", "conj"})
#: prepositions that open a complement ("agreed to a plan for joint patrols"), not a time
#: or an occasion ("during the visit")
_COMPLEMENT_PREPS = frozenset({"to", "for", "of", "on", "about", "over", "into", "in"})


def _own_date(tok: Token) -> bool:
    """A date hangs on ``tok`` itself ("detained at the border on January 12")."""
    return any(t.ent_type_ == "DATE" and (t.like_num or t.is_title)
               for c in tok.children if c.dep_ in ("prep", "npadvmod")
               for t in c.subtree)


def _in_complement_of(tok: Token, heads: set[int]) -> bool:
    """``tok`` stands in a complement of one of ``heads`` (bounded climb)."""
    for _ in range(12):
        dep, head = tok.dep_, tok.head
        if head.i == tok.i:
            return False
        if dep == "prep" and tok.lower_ not in _COMPLEMENT_PREPS:
            return False
        purpose = dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                         for c in tok.children)  # "... to discuss X"
        if dep not in _COMPLEMENT_DEPS and dep != "prep" and not purpose:
            return False
        if dep == "conj" and head.pos_ == "VERB":
            return False  # "did not sign X, but met Y": a clause of its own
        if head.i in heads:
            return True
        tok = head
    return False


def _hosted_by(span: Span, frames: list[tuple[FramePattern, int]], kept: list[Span]) -> bool:
    """A hosted frame of ``span``'s type whose host word stands in a kept trigger of the
    frame's ``host_types`` (a denied invitation plans nothing)."""
    etype = span.label_.partition(":")[0]
    for frame, host in frames:
        if frame.types and etype not in frame.types:
            continue
        if any(sp.start <= host < sp.end and sp.label_.partition(":")[0] in frame.host_types
               for sp in kept):
            return True
    return False


def _in_phrase_of(tok: Token, hosts: set[int]) -> bool:
    """``tok`` is the object of a preposition that hangs on one of ``hosts``, directly or
    on the host's object ("held talks with X during the conference")."""
    if not hosts or tok.dep_ != "pobj" or tok.head.dep_ != "prep":
        return False
    head = tok.head.head
    return head.i in hosts or (head.dep_ in ("dobj", "pobj") and head.head.i in hosts)


class FigureJoiner:
    """No sentence starts inside "575,05 mln. cubic meters": after an abbreviated scale
    of ``units.json`` (two to four letters, no vowel: mln, bln, bn, trln ...) and its
    full stop, a word in lower case goes on the sentence. Nor between two words of one
    line with nothing but a space between them (a long title and the name after it)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.scales = frozenset(
            w for w in load_json("units.json")["scales"]
            if w.isalpha() and w.islower() and 2 <= len(w) <= 4
            and not any(v in w for v in "aeiou")
        )

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if (prev.text == "." and tok.i >= 2 and doc[tok.i - 2].lower_ in self.scales
                    and tok.is_lower and tok.is_alpha):
                tok.is_sent_start = False
            elif tok.is_alpha and (prev.is_alpha or prev.like_num) and prev.whitespace_ == " ":
                # "... of the Kyrgyz Republic Akylbek Japarov": with no stop, colon or line
                # break between two words of one line, no sentence starts at the second
                tok.is_sent_start = False
        return doc


@Language.factory(FIGURES, default_config={})
def make_figure_joiner(nlp: Language, name: str) -> FigureJoiner:
    return FigureJoiner(name)


@Language.factory(COUNTRIES, default_config={})
def make_country_tagger(nlp: Language, name: str) -> CountryTagger:
    return CountryTagger(nlp, name)


@Language.factory(TRIGGERS, default_config={"patterns": "triggers.jsonl"})
def make_trigger_tagger(nlp: Language, name: str, patterns: str) -> TriggerTagger:
    return TriggerTagger(nlp, name, patterns)


@Language.factory(FRAMES, default_config={"patterns": "frames.jsonl"})
def make_frame_marker(nlp: Language, name: str, patterns: str) -> FrameMarker:
    return FrameMarker(nlp, name, patterns)
