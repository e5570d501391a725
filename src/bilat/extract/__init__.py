"""Extract stage: cleaned documents to records, streaming.

:class:`Extractor` loads a spaCy pipeline once, adds bilat's components, and
turns an iterable of :class:`~bilat.document.Document` into an iterator of
:class:`~bilat.record.Record`, in input order, a batch at a time, so memory
does not grow with the number of documents.

Speed: only stories that name at least two countries can hold an event or a
fact, so only their blocks go through the statistical pipeline; every other
block is tokenised and gazetteer-matched only; the blocks go to the models in runs
of about ``_BATCH_TOKENS`` tokens. The rule matchers cost little beside the
statistical models (:mod:`bilat.extract.bucketed`): trigger patterns run only near
the occurrences of their first word, the attribute ruler's and the dependency
patterns' one-token conditions are looked up in a table, and a dependency pattern
is tried only on a tree that has a token for each of its nodes; the matches are
spaCy's own. Parsing only the sentences that may hold an event was measured and
not kept (README, speed): it saved little and lost context the rules read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from bilat.clean import CleanDoc, clean
from bilat.clean.normalize import unshout
from bilat.document import Document
from bilat.errors import DocumentError, ModelError
from bilat.extract import components as _components  # registers the factories
from bilat.extract.analysis import (
    Mention,
    Person,
    Sentence,
    Trigger,
    add_known_names,
    analyse,
)
from bilat.extract.bucketed import speed_up_attribute_ruler
from bilat.extract.events import EventAssembler, StoryContext
from bilat.extract.facts import FactExtractor
from bilat.extract.patterns import lexicon
from bilat.extract.people import PeopleRegistry
from bilat.extract.tokens import split_abbreviation_compounds
from bilat.gazetteer import load_cities, load_gazetteer, load_regions
from bilat.options import Options
from bilat.record import Event, Fact, Record
from bilat.resources import load_json

__all__ = ["Extractor", "build_pipeline"]

def build_pipeline(options: Options) -> Language:
    """Load the spaCy pipeline named in ``options`` and add bilat's components.

    The whole statistical pipeline runs (tagger, lemmatizer and parser included):
    trigger patterns match lemmas and frames read the dependency parse. It runs only
    on stories that can hold an event (see :meth:`Extractor._prepare`).
    """
    try:
        nlp = spacy.load(options.model)
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {options.model!r} is not installed or not loadable: {exc}"
        ) from exc
    split_abbreviation_compounds(nlp)  # "U.S.-China" -> "U.S.", "-", "China"
    speed_up_attribute_ruler(nlp)  # same attributes, its tag map looked up in a table
    if not nlp.has_pipe("parser"):
        if "senter" in nlp.component_names and "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
        if not nlp.has_pipe("senter"):
            nlp.add_pipe("sentencizer")
    nlp.add_pipe(_components.COUNTRIES, first=True)
    # "575,05 mln. cubic meters": no sentence end inside a figure (before the parser)
    if nlp.has_pipe("parser"):
        nlp.add_pipe(_components.FIGURES, before="parser")
    nlp.add_pipe(_components.TRIGGERS, last=True)
    nlp.add_pipe(_components.FRAMES, last=True)
    return nlp


@dataclass(slots=True)
class _Work:
    cleaned: CleanDoc
    blocks: list[tuple[int, int, int, int]]  # (block index, start, end, story)
    docs: list[Doc | None]


class Extractor:
    """Turns documents into records with one loaded pipeline."""

    def __init__(self, options: Options | None = None, nlp: Language | None = None) -> None:
        self.options = options or Options()
        self.nlp = nlp or build_pipeline(self.options)
        self._cheap = [_components.COUNTRIES]
        self._rest = [n for n in self.nlp.pipe_names if n not in self._cheap]

    def extract(self, documents: Iterable[Document]) -> Iterator[Record]:
        """Records of ``documents``, in order, streaming.

        Raises:
            DocumentError: for the first document that cannot be extracted (the
                records before it have been yielded). :meth:`outcomes` goes on instead.
        """
        for outcome in self.outcomes(documents):
            if isinstance(outcome, DocumentError):
                raise outcome
            yield outcome

    def outcomes(self, documents: Iterable[Document]) -> Iterator[Record | DocumentError]:
        """One outcome per document, in input order, streaming: its record, or the
        :class:`DocumentError` saying why it failed. A document that fails never
        stops the others, not even those of its own batch."""
        batch: list[Document] = []
        for doc in documents:
            batch.append(doc)
            if len(batch) >= self.options.batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def extract_one(self, document: Document) -> Record:
        """The record of a single document.

        Raises:
            DocumentError: the document cannot be extracted.
        """
        outcome = self._batch([document])[0]
        if isinstance(outcome, DocumentError):
            raise outcome
        return outcome

    # -- internals -------------------------------------------------------------
    def _batch(self, documents: list[Document]) -> list[Record | DocumentError]:
        """Outcomes of one batch. The NLP pipeline runs over the whole batch at
        once; when a component raises, each document is run again on its own so
        that only the one that fails is lost."""
        outcomes: list[Record | DocumentError | None] = [None] * len(documents)
        works: list[_Work | None] = []
        for i, document in enumerate(documents):
            try:
                works.append(self._prepare(document))
            except Exception as exc:  # one document's failure never stops the batch
                outcomes[i] = _failure(document, "cleaning", exc)
                works.append(None)
        try:
            self._parse([w for w in works if w is not None])
        except Exception:  # a component failed on some document: find which
            for i, document in enumerate(documents):
                if works[i] is None:
                    continue
                try:  # fresh docs: the failed pass may have half-annotated them
                    fresh = self._prepare(document)
                    self._parse([fresh])
                    works[i] = fresh
                except Exception as exc:
                    outcomes[i] = _failure(document, "NLP pipeline", exc)
                    works[i] = None
        for i, (document, done) in enumerate(zip(documents, works, strict=True)):
            if done is None:
                continue
            try:
                outcomes[i] = self._assemble(done)
            except Exception as exc:
                outcomes[i] = _failure(document, "event assembly", exc)
        return [o for o in outcomes if o is not None]

    def _parse(self, works: list[_Work]) -> None:
        """Run the statistical pipeline over the candidate blocks of ``works``."""
        todo: list[tuple[Doc, tuple[int, int]]] = []
        for wi, work in enumerate(works):
            for bi, doc in enumerate(work.docs):
                if doc is not None:
                    todo.append((doc, (wi, bi)))
        with self.nlp.select_pipes(enable=self._rest):
            for chunk in _by_tokens(todo, _BATCH_TOKENS):
                for doc, (wi, bi) in self.nlp.pipe(chunk, as_tuples=True,
                                                   batch_size=len(chunk)):
                    works[wi].docs[bi] = doc

    def _prepare(self, document: Document) -> _Work:
        cleaned = clean(document, self.options)
        # normalised typography, lines in capitals in prose case: same offsets as cleaned.text
        text = unshout(cleaned.view, _name_words())
        blocks = [
            (i, b.start, b.end, b.story)
            for i, b in enumerate(cleaned.blocks)
            if b.kind in ("body", "title")
        ]
        country_tagger = self.nlp.get_pipe(_components.COUNTRIES)
        cheap = [country_tagger(self.nlp.make_doc(text[s:e])) for _, s, e, _ in blocks]
        per_story: dict[int, set[str]] = {}
        for (_, _, _, story), doc in zip(blocks, cheap, strict=True):
            per_story.setdefault(story, set()).update(
                sp.label_ for sp in doc.spans[_components.COUNTRIES]
            )
            # "a missile attack on Odesa", "protesters in Dhaka": a foreign city may name
            # the other country of a story
            per_story[story].update(_city_countries(doc))
        if cleaned.dateline and blocks:
            # a dateline city that is no capital still says where the story is told from
            city = _dateline_city(cleaned.text[cleaned.dateline[0] : cleaned.dateline[1]])
            first = next((story for _, s, e, story in blocks
                          if s <= cleaned.dateline[0] < e), None)
            if city is not None and first is not None:
                per_story.setdefault(first, set()).add(city)
        docs: list[Doc | None] = [
            doc if len(per_story.get(story, set())) >= 2 else None
            for (_, _, _, story), doc in zip(blocks, cheap, strict=True)
        ]
        return _Work(cleaned, blocks, docs)

    def _home(self, cleaned: CleanDoc) -> str | None:
        """The country a story is told from: the first country named in its dateline
        ("PUTRAJAYA, Aug 24"), else in the header lines above the first paragraph
        ("By Turkish MFA"). An official named without a country is most often of it."""
        text = cleaned.text
        pieces: list[str] = []
        if cleaned.dateline:
            pieces.append(text[cleaned.dateline[0] : cleaned.dateline[1]])
        for b in cleaned.blocks:
            if b.kind == "body":
                break
            if b.kind in ("header", "meta"):
                pieces.append(text[b.start : min(b.end, b.start + 300)])
        if cleaned.outlet:
            pieces.append(cleaned.outlet[:300])
        for n, piece in enumerate(pieces):
            # "KARACHI, Sept 2 (APP) -": a dateline city that is no capital counts too
            country = self._country_told_from(piece, dateline=n == 0 and bool(cleaned.dateline))
            if country is not None:
                return country
        return None

    def _country_told_from(self, piece: str, dateline: bool) -> str | None:
        """The first country ``piece`` names; for a dateline, else the country of its
        city."""
        doc = self.nlp.get_pipe(_components.COUNTRIES)(self.nlp.make_doc(piece))
        spans = doc.spans[_components.COUNTRIES]
        if spans:
            return str(spans[0].label_)
        return _dateline_city(piece) if dateline else None

    def _story_homes(self, cleaned: CleanDoc) -> dict[int, str]:
        """The country each later story of a page is told from, by its own dateline."""
        out: dict[int, str] = {}
        for story, (start, end) in cleaned.story_datelines.items():
            country = self._country_told_from(cleaned.text[start:end], dateline=True)
            if country:
                out[story] = country
        return out

    def _assemble(self, work: _Work) -> Record:
        cleaned = work.cleaned
        text = cleaned.text
        dateline_end = cleaned.dateline[1] if cleaned.dateline else -1
        sentences: list[Sentence] = []
        kinds = {i: cleaned.blocks[i].kind for i, _, _, _ in work.blocks}
        headlines = _headline_blocks(work.blocks, kinds)
        headline_triggers: list[tuple[Sentence, list[Trigger]]] = []
        for (bi, start, _end, story), doc in zip(work.blocks, work.docs, strict=True):
            if doc is None:
                continue
            own = cleaned.story_datelines.get(story)
            for sent in analyse(doc, start, story, bi,
                                own[1] if own and own[0] == start else dateline_end):
                sent_kind = kinds[bi]
                sentences.append(sent)
                _as_read(sent.mentions, sent.persons, text)
                if sent_kind == "title":
                    if bi in headlines:
                        headline_triggers.append((sent, sent.triggers))
                    sent.triggers = []  # headlines repeat the story: context only
        registry = PeopleRegistry()
        for sent in sentences:
            for person in sent.persons:
                registry.add(person)
        for sent in sentences:
            added = add_known_names(sent, registry.knows_surname)
            _as_read([], added, text)
            for person in added:
                registry.add(person)
        contexts: dict[int, StoryContext] = {}
        for sent in sentences:
            ctx = contexts.setdefault(sent.story, StoryContext())
            ctx.add(_context_countries(sent, registry))
        homes = self._story_homes(cleaned)
        page_home = self._home(cleaned)
        for sent in sentences:
            home = homes.get(sent.story, page_home)
            sent.mentions += _state_form_mentions(sent, home, contexts[sent.story], text)
        events = EventAssembler(text, cleaned.published, registry, dateline_end,
                                home=page_home, story_dates=cleaned.story_dates,
                                story_homes=homes, story_places=_story_places(work))
        off_topic = _off_topic_stories(text, sentences)
        facts = FactExtractor(text, cleaned.published)
        for sent in sentences:
            ctx = contexts[sent.story]
            if kinds[sent.block] == "body" and sent.story not in off_topic:
                events.add_sentence(sent, ctx)
                if not sent.triggers:
                    events.add_elaboration(sent)
                known = len(facts.facts)
                facts.add_sentence(sent, ctx)
                events.add_figures(sent, facts.facts[known:])
        found = events.finish()
        if headline_triggers:
            told = {frozenset(e.countries) for e in found}
            fallback = EventAssembler(text, cleaned.published, registry, dateline_end,
                                      home=page_home,
                                      story_dates=cleaned.story_dates, story_homes=homes)
            for sent, triggers in headline_triggers:
                if sent.story not in off_topic:
                    sent.triggers = triggers
                    fallback.add_sentence(sent, contexts[sent.story])
            # a headline speaks for its story only where the story's text tells nothing
            # of the same countries (a page that is only a headline, a body that
            # never restates it); otherwise it repeats the story and is context only
            found += [e for e in fallback.finish() if frozenset(e.countries) not in told]
        _given_goods_are_aid(facts.facts, found)
        return Record(
            doc=cleaned.doc.id,
            published=cleaned.published,
            events=found,
            facts=facts.facts,
            title=cleaned.title,
            source=cleaned.doc.source or None,
            url=cleaned.doc.url,
            warnings=list(cleaned.notes),
        )


#: tokens of the blocks handed to the models at once: blocks are short, and the
#: models' matrix products run faster on a few thousand tokens than on 32 paragraphs
_BATCH_TOKENS = 5000


def _by_tokens(
    items: list[tuple[Doc, tuple[int, int]]], budget: int
) -> Iterator[list[tuple[Doc, tuple[int, int]]]]:
    """``items`` in runs of about ``budget`` tokens (a longer block is a run of its own)."""
    run: list[tuple[Doc, tuple[int, int]]] = []
    size = 0
    for item in items:
        if run and size + len(item[0]) > budget:
            yield run
            run, size = [], 0
        run.append(item)
        size += len(item[0])
    if run:
        yield run


def _headline_blocks(
    blocks: list[tuple[int, int, int, int]], kinds: Mapping[int, str]
) -> set[int]:
    """The title blocks that head a story: the last title before the story's first
    body block, or the first title of a page that has no body at all. Lists of other
    headlines above the story, related stories and captions after it are never
    headlines of their own."""
    heads: set[int] = set()
    last_title: dict[int, int] = {}
    bodied: set[int] = set()
    for bi, _, _, story in blocks:
        if kinds[bi] == "body":
            if story not in bodied and story in last_title:
                heads.add(last_title[story])
            bodied.add(story)
        elif kinds[bi] == "title" and story not in bodied:
            last_title[story] = bi
    if not bodied:
        heads.update(bi for bi, _, _, _ in blocks[:1] if kinds[bi] == "title")
    return heads


def _dateline_city(dateline: str) -> str | None:
    """The country of the city a dateline opens with ("KARACHI, Sept 2 (APP) -",
    "Almaty, 3 March"), from the world cities list; None for anything else."""
    head = _dateline_head(dateline)
    return _cities_folded().get(head.casefold()) if head else None


def _dateline_place(dateline: str) -> str | None:
    """The city a dateline opens with, as the world cities list names it ("MINSK, 14
    November (BelTA) -" -> "Minsk"): where "here" in its story is."""
    head = _dateline_head(dateline)
    return _city_names_folded().get(head.casefold()) if head else None


def _dateline_head(dateline: str) -> str | None:
    """The words a dateline opens with, up to its first comma, bracket or dash."""
    head = re.split(r"[,(/\-–—.:]", dateline.strip(), maxsplit=1)[0].strip()
    return head if head and len(head) <= _MAX_CITY_CHARS else None


def _city_countries(doc: Doc) -> set[str]:
    """Countries of the cities of ``cities.json`` and the regions of ``regions.json`` named
    in a tokenised block (words in capitals, up to ``_MAX_CITY_WORDS`` of them), outside
    country mentions."""
    cities = load_cities()
    regions = load_regions().names
    taken = {i for sp in doc.spans[_components.COUNTRIES] for i in range(sp.start, sp.end)}
    out: set[str] = set()
    for tok in doc:
        if not tok.text[:1].isupper() or tok.i in taken or tok.is_sent_start:
            continue
        for n in range(_MAX_CITY_WORDS, 0, -1):
            if tok.i + n > len(doc):
                continue
            name = doc[tok.i : tok.i + n].text
            if name in cities or name in regions:
                out.add(cities.get(name) or regions[name])
                break
    return out


_MAX_CITY_WORDS = 3


@cache
def _city_names_folded() -> dict[str, str]:
    return {name.casefold(): name for name in load_cities()}


@cache
def _cities_folded() -> dict[str, str]:
    return {name.casefold(): iso3 for name, iso3 in load_cities().items()}


_MAX_CITY_CHARS = 40


@cache
def _name_words() -> frozenset[str]:
    """Every word of a country's name, demonym or capital, in lower case."""
    return frozenset(
        w.lower() for form in load_gazetteer().forms for w in form.split() if w[:1].isupper()
    )


@cache
def _domains() -> tuple[int, float, dict[str, re.Pattern[str]]]:
    data = load_json("domains.json")
    patterns = {
        name: re.compile(
            r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
            + r")\b",
            re.IGNORECASE,
        )
        for name, words in data.items()
        if isinstance(words, list)
    }
    return int(data.get("min_distinct", 2)), float(data.get("min_share", 0.0)), patterns


def _off_topic_stories(text: str, sentences: list[Sentence]) -> set[int]:
    """Stories written in a non-diplomatic domain's words (sports ...): enough distinct
    words of the domain, in a good share of the story's sentences or in more of them than
    tell of acts (one sports headline in a list of related stories does not make a visit
    sport; a match report padded with line-ups stays sport)."""
    threshold, share, patterns = _domains()
    words: dict[int, dict[str, set[str]]] = {}
    using: dict[int, Counter[str]] = {}
    told: Counter[int] = Counter(sent.story for sent in sentences)
    acts: Counter[int] = Counter(sent.story for sent in sentences if sent.triggers)
    for sent in sentences:
        for name, pattern in patterns.items():
            found = {m.group().lower() for m in pattern.finditer(sent.text)}
            words.setdefault(sent.story, {}).setdefault(name, set()).update(found)
            if found:
                using.setdefault(sent.story, Counter())[name] += 1
    off: set[int] = set()
    for story, by_domain in words.items():
        for name, found in by_domain.items():
            n = using.get(story, Counter())[name]
            if len(found) >= threshold and (n >= share * told[story] or n > acts[story]):
                off.add(story)
    return off


def _as_read(mentions: list[Mention], persons: list[Person], text: str) -> None:
    """Names as the text spells them: the pipeline read the normalised view."""
    for m in mentions:
        m.text = text[m.start : m.end]
    for p in persons:
        p.name = text[p.start : p.end]


def _given_goods_are_aid(facts: list[Fact], events: list[Event]) -> None:
    """Goods worth a sum, sent in a sentence that tells an occurred AID event between
    the same countries ("the Government of X sent an aircraft with medicines worth 150
    million tenge"): the figure is the aid's worth, not trade."""
    aid = [e for e in events if e.type == "AID" and e.status == "occurred"]
    gifts = lexicon("gift_cues")
    sales = set(lexicon("trade_cues"))
    for fact in facts:
        if fact.kind not in ("exports", "supply"):
            continue
        said = fact.evidence.text.lower()
        if fact.kind == "supply" and (not any(g in said for g in gifts) or any(
            w in sales for w in re.findall(r"[a-z]+", said)
        )):
            continue  # goods counted in tonnes stay a supply ("delivered 1.2 million
            # tonnes of wheat", "... under a commercial contract") unless the sentence
            # tells them as given
        if any(set(e.countries) == set(fact.countries)
               and e.evidence.start <= fact.evidence.start < e.evidence.end for e in aid):
            fact.kind = "aid"


def _state_form_mentions(
    sent: Sentence, home: str | None, ctx: StoryContext, text: str
) -> list[Mention]:
    """"the Sultanate", "the Kingdom's role" (a form of state of lexicon ``state_forms``,
    capitalised, after "the", with no "of" after it): the country of the story whose
    official name holds the word, the story's home first, else the home."""
    forms = set(lexicon("state_forms"))
    doc = sent.span.doc
    out: list[Mention] = []
    taken = {m.tok for m in sent.mentions}
    for tok in sent.span:
        if tok.text not in forms or tok.i in taken or tok.i == 0 or doc[tok.i - 1].lower_ != "the":
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of":
            continue  # "the Kingdom of Bahrain": the name itself, read by the tagger
        told = [c for c in (home, *(c for c, _ in ctx.counts.most_common())) if c]
        # (none of them so named: the home, as a text with its countries swapped reads)
        iso3 = next((c for c in told if any(
            tok.text in name.split() for name in load_gazetteer().countries[c].names
        )), home)
        if iso3 is None:
            continue
        start = sent.offset + tok.idx
        role = "target" if tok.i >= 2 and doc[tok.i - 2].lower_ == "to" else "actor"
        out.append(Mention(iso3, "state_forms", start, start + len(tok.text), tok.i,
                           text[start : start + len(tok.text)], role))
    return out


def _story_places(work: _Work) -> dict[int, str]:
    """The city each story's own dateline opens with, by story."""
    cleaned = work.cleaned
    spans = dict(cleaned.story_datelines)
    if cleaned.dateline:
        first = next((story for _, s, e, story in work.blocks
                      if s <= cleaned.dateline[0] < e), None)
        if first is not None:
            spans.setdefault(first, cleaned.dateline)
    places = {story: _dateline_place(cleaned.text[a:b]) for story, (a, b) in spans.items()}
    return {story: place for story, place in places.items() if place}


def _failure(document: Document, stage: str, exc: Exception) -> DocumentError:
    problem = " ".join(f"{stage} failed: {type(exc).__name__}: {exc}".split())
    return DocumentError(document.source or document.id, document.id, problem)


def _context_countries(sent: Sentence, registry: PeopleRegistry) -> list[str]:
    found = [m.iso3 for m in sent.mentions if m.role in ("actor", "target")]
    for p in sent.persons:
        c = p.country or registry.country_of(p.name)
        if c:
            found.append(c)
    return found
