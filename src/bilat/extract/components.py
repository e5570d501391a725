"""bilat's spaCy components, all registered here with ``Language.factory``.

- ``bilat_countries``: marks every country mention (name, demonym, capital,
  short form) as a span in ``doc.spans["bilat_countries"]``; the label is the
  ISO3 code and ``kb_id_`` the kind of form.
  International bodies (EU, UN, NATO ...) go to ``doc.spans["bilat_non_state"]``.
- ``bilat_triggers``: marks event trigger words in ``doc.spans["bilat_triggers"]``;
  the label is ``TYPE`` or ``CONSULT:mode`` and ``kb_id_`` is ``weak`` for words
  that only count with explicit country mentions nearby, ``amount`` for words
  that only count beside an amount ("handed over 12,000 tonnes").

Both read their word lists from the packaged data files; the config selects
which file, so a user can point a component at a lexicon of their own.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from bilat.gazetteer import load_gazetteer
from bilat.resources import load_json

COUNTRIES = "bilat_countries"
NON_STATE = "bilat_non_state"
TRIGGERS = "bilat_triggers"


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
        for key, patterns in by_key.items():
            self.matcher.add(key, patterns)
        self.non_state = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.non_state.add("NON_STATE", [nlp.make_doc(s) for s in sorted(gaz.non_state)])

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
        doc.spans[COUNTRIES] = filter_spans(spans)
        return doc


class TriggerTagger:
    """Case-insensitive phrase matching of event trigger words."""

    def __init__(self, nlp: Language, name: str, lexicon: str) -> None:
        self.name = name
        data: dict[str, Any] = load_json(lexicon)
        weak = set(data.get("_weak", []))
        needs_amount = set(data.get("_needs_amount", []))
        self.aid_cues: tuple[str, ...] = tuple(data.get("_aid_cues", []))
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for etype, entries in data.items():
            if etype.startswith("_") and etype != "_IGNORE":
                continue
            groups: dict[str, list[str]] = (
                entries if isinstance(entries, dict) else {"": list(entries)}
            )
            for mode, phrases in groups.items():
                label = f"{etype}:{mode}" if mode else etype
                for phrase in phrases:
                    strength = "weak" if phrase in weak else "strong"
                    if etype in ("AID",) and phrase in needs_amount:
                        strength = "amount"
                    self.matcher.add(f"{label}|{strength}", [nlp.make_doc(phrase)])

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for match_id, start, end in self.matcher(doc):
            label, strength = doc.vocab.strings[match_id].split("|", 1)
            spans.append(Span(doc, start, end, label=label, kb_id=strength))
        # longest match wins where phrases overlap ("official visit" over "visit");
        # _IGNORE phrases ("at the invitation of") only shadow the triggers inside them
        doc.spans[TRIGGERS] = [s for s in filter_spans(spans) if s.label_ != "_IGNORE"]
        return doc


@Language.factory(COUNTRIES, default_config={})
def make_country_tagger(nlp: Language, name: str) -> CountryTagger:
    return CountryTagger(nlp, name)


@Language.factory(TRIGGERS, default_config={"lexicon": "triggers.json"})
def make_trigger_tagger(nlp: Language, name: str, lexicon: str) -> TriggerTagger:
    return TriggerTagger(nlp, name, lexicon)
