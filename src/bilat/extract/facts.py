"""Facts: figures the text states about the relations of two countries.

Each amount of money or physical quantity is read in its clause, between the
amounts before and after it:

- the kind comes from the nearest kind word (``data/facts.json``): total trade,
  exports and imports, delivering, giving (aid), investing;
- the direction of exports, supply and aid from the roles of the countries named
  in the clause ("from X", "to Y", "X's", a demonym owning the kind word or
  naming the goods' origin, the subject of the verb) and the polarity of the
  kind word (imports, bought, received: the owner or subject receives);
- the period from the nearest period expression (``timex.find_periods``) after
  the amount, else before it, else anywhere in the sentence (not one of an event,
  "signed in 2019", nor of a comparison, "more than in 2019"), else the one the
  story last used for the same family of figures (trade, investment, aid).

A sentence that names no country takes the direction of the story's last one
("The imports came to 3.88mn tonnes"); a sentence cut inside a figure by the
splitter ("575 mln." | "cubic meters") is read joined to the one before.

Targets, forecasts and hopes, changes and differences ("rose by $5 million"),
balances, prices and rates, one country's trade with the world, a company's own
investment and a figure repeated in another currency are not facts.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from bilat.extract.amounts import Amount, find_amounts
from bilat.extract.analysis import Mention, Sentence
from bilat.extract.events import StoryContext
from bilat.record import Evidence, Fact
from bilat.resources import load_json
from bilat.timex import PeriodMention, Published, find_periods


@dataclass(frozen=True, slots=True)
class _Vocab:
    turnover: re.Pattern[str]
    export_words: re.Pattern[str]
    import_words: re.Pattern[str]
    ship_words: re.Pattern[str]
    give_words: re.Pattern[str]
    receive_words: re.Pattern[str]
    aid_cues: re.Pattern[str]
    investment_words: re.Pattern[str]
    not_before: re.Pattern[str]
    not_after: re.Pattern[str]
    change_before: re.Pattern[str]
    difference_after: re.Pattern[str]
    one_country: re.Pattern[str]
    not_a_figure: re.Pattern[str]
    company: re.Pattern[str]
    pair_cues: re.Pattern[str]
    goods_heads_not: frozenset[str]
    event_before_period: re.Pattern[str]
    agent_suffix: re.Pattern[str]
    trade_cues: re.Pattern[str]
    state_bodies: re.Pattern[str]


def _words(words: list[str]) -> str:
    parts = []
    for w in sorted(words, key=len, reverse=True):
        if w.endswith("*"):
            parts.append(re.escape(w[:-1]) + r"[\w-]{0,12}")
        elif "~" in w:
            head, _, tail = w.partition("~")
            parts.append(re.escape(head) + r"(?:[\w-]{1,20}\s){0,2}" + re.escape(tail))
        else:
            parts.append(re.escape(w))
    return r"\b(?:" + "|".join(parts) + r")\b"


@cache
def _vocab() -> _Vocab:
    d = load_json("facts.json")

    def p(key: str) -> re.Pattern[str]:
        return re.compile(_words(d[key]), re.IGNORECASE)

    return _Vocab(
        turnover=p("turnover"), export_words=p("export_words"), import_words=p("import_words"),
        ship_words=p("ship_words"), give_words=p("give_words"),
        receive_words=p("receive_words"), aid_cues=p("aid_cues"),
        investment_words=p("investment_words"),
        not_before=p("not_a_fact_before"),
        not_after=re.compile(r"^[\s,]{0,3}" + _words(d["not_a_fact_after"]), re.IGNORECASE),
        change_before=re.compile(_words(d["change_before"]) + r"\s{0,2}$", re.IGNORECASE),
        difference_after=re.compile(
            r"^[\s,]{0,3}" + _words(d["difference_after"]) + r"(?!\s(?:of|to|in)\b)",
            re.IGNORECASE),
        one_country=p("one_country"), not_a_figure=p("not_a_figure"), company=p("company"),
        pair_cues=p("pair_cues"),
        goods_heads_not=frozenset(w.lower() for w in d["goods_heads_not"]),
        event_before_period=re.compile(
            _words(d["event_before_period"]) + r"(?:\s(?:on|in|at|during))?\s{1,2}$",
            re.IGNORECASE),
        agent_suffix=re.compile(r"^[-–]" + _words(d["agent_suffixes"]), re.IGNORECASE),
        trade_cues=p("trade_cues"), state_bodies=p("state_bodies"),
    )


_CLAUSE_SPLIT = re.compile(
    r";|:\s|,?\s+while\s+|,?\s+whereas\s+|(?<![A-Z])\.\s(?=[A-Z])|,\s+(?:but|and)\s+(?=the\s|in\s|its\s)"
    r"|,\s+with\s+(?=imports|exports)")
# what may stand between a figure and the same figure in another currency
_ALTERNATE_GAP = re.compile(
    r"^\s{0,2}[(\[,;/]?\s{0,2}(?:or\s|about\s|approximately\s|approx\.\s|around\s|roughly\s"
    r"|nearly\s|some\s|almost\s|equivalent\sto\s|equal\sto\s|i\.e\.\s|which\sis\s|that\sis\s)?"
    r"(?:about\s|approximately\s|around\s|roughly\s|nearly\s|some\s|almost\s|over\s"
    r"|more\sthan\s|just\sover\s|just\sunder\s)?(?:an?\s(?:estimated\s)?)?$",
    re.IGNORECASE,
)
_PREP_BEFORE = re.compile(
    r"\b(?P<prep>from|by|to|into|for|towards|with|in|of|between|and)\s"
    r"(?:the\s)?(?:(?:government|people['’]s|people|republic|state|kingdom|federal|islamic"
    r"|democratic|socialist|united)\s(?:of\s)?(?:the\s)?){0,4}$",
    re.IGNORECASE,
)
_POSS_AFTER = re.compile(r"^(?:'s|’s|s'|’)")

# roles of a country named in a clause
FROM, TO, BY, BY_IN, OWNER, ORIGIN, BARE, POSSX, WITH, IN, OF, PAIR = (
    "from", "to", "by", "by_in", "owner", "origin", "bare", "possx", "with", "in", "of", "pair")
_POLARITY = {"exports": "out", "ship": "out", "give": "out", "aid": "out",
             "imports": "in", "receive": "in"}
_FAMILY = {"trade_turnover": "trade", "exports": "trade", "supply": "trade",
           "investment": "investment", "aid": "aid"}
_REACH = 400  # how far from its amount a clause may reach (bounds work on long lines)
_EXPLICIT = frozenset({FROM, TO, BY, BY_IN, WITH, IN, PAIR})
# the word before "by" that makes its country the receiver: "imports by X"
_RECEIVER_BY = re.compile(r"\b(?:imports?|imported|purchases?|purchased|bought|received)\s$",
                          re.IGNORECASE)


@dataclass(slots=True)
class _Role:
    iso3: str
    role: str
    pos: int  # offset in the sentence
    demonym: bool


@dataclass(slots=True)
class _KindWord:
    kind: str  # trade_turnover, exports, imports, ship, give, receive, aid, investment
    start: int
    end: int


class FactExtractor:
    """Reads the facts of one document, sentence by sentence."""

    def __init__(self, text: str, published: str | None) -> None:
        self.text = text
        self.published = published
        self.pub = Published.parse(published)
        self.facts: list[Fact] = []
        self._last_period: str | None = None
        self._last_story: int | None = None
        self._last_direction: tuple[str, str] | None = None
        self._last_fact_kind: str | None = None
        self._last_pair: list[str] | None = None  # the countries of the last total trade
        self._prev_pair: list[str] | None = None
        self._told_pair: list[str] | None = None  # two countries' trade told without a figure
        self._last_date_month: int | None = None
        self._prev: Sentence | None = None
        self._ref_month: int | None = None
        self._last_period_kind: str | None = None
        self._kw_cache: tuple[str, list[_KindWord]] | None = None
        self._split_cache: tuple[str, list[tuple[int, int]]] | None = None
        #: the goods figures (supply) of the last sentences of the story, with the number
        #: of the sentence that told them
        self._supplies: list[tuple[int, Fact]] = []
        self._sentences = 0

    def add_sentence(self, sent: Sentence, ctx: StoryContext) -> None:
        self._sentences += 1
        if sent.story != self._last_story:
            self._supplies = []
            self._last_period = None
            self._last_direction = None
            self._last_fact_kind = None
            self._last_pair = None
            self._told_pair = None
            self._last_date_month = None
            self._prev = None
            self._last_story = sent.story
        prev_sent, self._prev = self._prev, sent
        # the pair of the previous sentence's total trade, for this sentence only
        self._prev_pair, self._last_pair = self._last_pair, None
        told_pair, self._told_pair = self._told_pair, None
        if prev_sent is not None and _split_figure(prev_sent.text, sent.text):
            sent = _joined(self.text, prev_sent, sent)  # "575,05 mln." | "cubic meters of gas"
        text = sent.text
        mentions = [m for m in sent.mentions
                    if (m.role not in ("dateline", "nonactor") or _lent_to(m, text, sent))
                    and not _REGION_BEFORE.search(
                        text[max(0, m.start - sent.start - 10) : max(0, m.start - sent.start)])]
        self._ref_month = next((d.month for d in sent.dates if d.month), None) or \
            self._last_date_month
        month_here = next((d.month for d in reversed(sent.dates) if d.month), None)
        if month_here:
            self._last_date_month = month_here
        self._kind_words(text, sent)  # once per sentence, with lemmas if any
        if self._supplies and _gift_of_goods(sent):
            # "A ship brought 8,000 tonnes of wheat ... The wheat is a gift from the people
            # of Pakistan": the goods told just before were given, not sold
            for number, fact in self._supplies:
                if self._sentences - number > _GIFT_REACH:
                    continue
                if any(f is not fact and f.kind == "aid" and f.countries == fact.countries
                       and (f.unit, f.value) == (fact.unit, fact.value) for f in self.facts):
                    # the same goods told as aid already ("... a consignment of assistance")
                    self.facts = [f for f in self.facts if f is not fact]
                else:
                    fact.kind = "aid"
            self._supplies = []
        amounts = find_amounts(text)
        if not amounts:
            self._remember_direction(text, sent, mentions)
            self._told_pair = self._trade_pair(text, sent, mentions)
            if not self._kind_words(text):
                return  # a period of no figure is remembered for none
            explicit = [p.value for p in self._periods(text, sent) if p.value]
            if explicit:
                self._last_period = explicit[-1]
                self._last_period_kind = None
            return
        periods = self._periods(text, sent)
        kinds_done: list[tuple[Amount, str, list[str]]] = []
        # a figure repeated in another currency ("EUR339 million (Tk3,463 crore)") is
        # left out, and does not cut the clause of the first form
        kept: list[Amount] = []
        for amount in amounts:
            prev = kept[-1] if kept else None
            if not (prev is not None and not amount.physical and not prev.physical
                    and amount.unit != prev.unit
                    and _ALTERNATE_GAP.match(text[prev.end : amount.start]) is not None):
                kept.append(amount)
        for i, amount in enumerate(kept):
            if amount.rate:
                continue
            prev_amount = kept[i - 1] if i else None
            lo, hi = self._clause(text, amount)
            wlo = max(lo, prev_amount.end) if prev_amount else lo
            nxt = kept[i + 1] if i + 1 < len(kept) else None
            whi = min(hi, nxt.start) if nxt else hi
            if self._not_a_fact(text, lo, hi, amount):
                continue
            kind_word = self._kind(text, lo, hi, wlo, whi, amount, kinds_done)
            if kind_word is None:
                if told_pair is not None and not amount.physical and _it_measures(
                        sent, text, amount):
                    # "... discussed trade between Chile and Ecuador. Last year it reached
                    # $1.1 billion": the pronoun stands for that trade
                    self._add_fact("trade_turnover", told_pair, amount, sent, lo, hi,
                                   periods, wlo, whi, text)
                    kinds_done.append((amount, "trade_turnover", told_pair))
                continue
            kind = _fact_kind(kind_word.kind, text[lo:hi], amount)
            if (kind == "supply" and not mentions and self._last_fact_kind == "aid"
                    and kind_word.kind == "ship"):
                kind = "aid"  # "The 600 tonnes of rice in this consignment" of a donation
            if kind is None:
                continue
            v = _vocab()
            before = text[lo : amount.start]
            if kind in ("trade_turnover", "exports", "supply") and (
                v.one_country.search(before[-60:]) or _TOTAL.search(before[-60:])
            ):
                continue
            if kind == "investment" and _company_before(before[-80:], len(before) - 80,
                                                        lo, sent, mentions) and not any(
                lo <= m.start - sent.start < amount.start for m in mentions
                if _POSS_AFTER.match(text[m.end - sent.start :])
            ):
                continue
            if _organisation_subject(sent, text, kind_word, mentions, kind == "investment",
                                     amount):
                continue  # "Samsung invested $2 billion", "The EU sent €50 million in aid"
            clause_mentions = [m for m in mentions if lo <= m.start - sent.start < hi]
            countries = self._countries(kind, kind_word, text, lo, hi, sent, clause_mentions,
                                        mentions, ctx, kinds_done, wlo, amount.start,
                                        amount.end, whi)
            if countries is None:
                continue
            kinds_done.append((amount, kind_word.kind, countries))
            self._add_fact(kind, countries, amount, sent, lo, hi, periods, wlo, whi, text)
        if not kinds_done:
            self._remember_direction(text, sent, mentions)

    def _add_fact(self, kind: str, countries: list[str], amount: Amount, sent: Sentence,
                  lo: int, hi: int, periods: list[PeriodMention], wlo: int, whi: int,
                  text: str) -> None:
        """Record one figure of ``kind`` between ``countries``, with its period, and
        remember what the next figures may take from it."""
        unit = _resolve_currency(amount, countries, kind in ("exports", "supply", "aid"))
        if not unit:
            return  # a symbol in letters that no country of the figure uses
        period = self._choose_period(periods, amount, lo, hi, wlo, whi, kind, text)
        if period:
            self._last_period = period
            self._last_period_kind = kind
        evidence = Evidence.of(self.text, sent.start + lo, sent.start + hi)
        fact = Fact(kind, countries, amount.value, unit, evidence, period)
        self._add(fact)
        if kind == "supply" and any(f is fact for f in self.facts):
            self._supplies.append((self._sentences, fact))
        if kind in ("exports", "supply", "aid"):
            self._last_direction = (countries[0], countries[1])
        self._last_fact_kind = kind
        if kind == "trade_turnover":
            self._last_pair = countries

    def _trade_pair(self, text: str, sent: Sentence, mentions: list[Mention]) -> list[str] | None:
        """The two countries whose total trade a sentence without a figure names ("the
        ministers discussed trade between Chile and Ecuador"), or None."""
        if not mentions or not any(k.kind == "trade_turnover" for k in self._kind_words(text)):
            return None
        roles = self._roles(text, 0, len(text), sent, mentions)
        pair = list(dict.fromkeys(r.iso3 for r in roles if r.role == PAIR))
        if len(pair) >= 2:
            return sorted(pair[:2])
        distinct = list(dict.fromkeys(m.iso3 for m in mentions))
        if len(distinct) == 2 and _vocab().pair_cues.search(text):
            return sorted(distinct)
        return None

    def _add(self, fact: Fact) -> None:
        for old in self.facts:
            if (old.kind, old.countries, old.unit) == (fact.kind, fact.countries, fact.unit) and (
                abs(old.value - fact.value) <= 0.01 * max(abs(fact.value), 1)
            ):
                if old.period is None and fact.period:
                    old.period = fact.period
                return
        self.facts.append(fact)

    def _clause(self, text: str, amount: Amount) -> tuple[int, int]:
        """The clause of an amount, at most ``_REACH`` characters either side of it."""
        if self._split_cache is None or self._split_cache[0] is not text:
            self._split_cache = (text, [m.span() for m in _CLAUSE_SPLIT.finditer(text)])
        splits = self._split_cache[1]
        pos = amount.start
        i = bisect.bisect_left(splits, (pos, -1))  # the first split starting at or after pos
        hi = splits[i][0] if i < len(splits) else len(text)
        lo = 0
        for j in (i - 1, i - 2):  # splits do not overlap: their ends grow too
            if j >= 0 and splits[j][1] <= pos:
                lo = splits[j][1]
                break
        return max(lo, amount.start - _REACH), min(hi, amount.end + _REACH)

    # -- what is not a fact ----------------------------------------------------------
    def _not_a_fact(self, text: str, lo: int, hi: int, amount: Amount) -> bool:
        v = _vocab()
        before = text[lo : amount.start]
        after = text[amount.end : hi]
        if v.not_before.search(before[-100:]) or v.not_after.search(after):
            return True
        by_year = _BY_YEAR.match(after)
        if by_year and (self.pub.year is None or int(by_year.group(1)) > self.pub.year):
            return True  # "$30 billion by 2030": a target
        if v.change_before.search(before[-12:]) or v.difference_after.search(after):
            return True
        near = before[-30:] + " " + after[:25]
        # an aid cue that holds such a word is no balance or price: "budget support"
        return bool(v.not_a_figure.search(v.aid_cues.sub(" ", near)))

    # -- kind ---------------------------------------------------------------------
    def _kind_words(self, text: str, sent: Sentence | None = None) -> list[_KindWord]:
        """The kind words of a sentence (computed once per sentence, with the lemmas of
        ``sent`` when the pipeline set them)."""
        if self._kw_cache is not None and self._kw_cache[0] is text:
            return self._kw_cache[1]
        kept = _find_kind_words(text, _lemma_kind_words(sent, text) if sent else [])
        self._kw_cache = (text, kept)
        return kept


    def _kind(
        self, text: str, lo: int, hi: int, wlo: int, whi: int, amount: Amount,
        done: list[tuple[Amount, str, list[str]]],
    ) -> _KindWord | None:
        words = [k for k in self._kind_words(text) if lo <= k.start and k.end <= hi]
        best: tuple[int, _KindWord] | None = None
        for k in words:
            if wlo <= k.start and k.end <= amount.start:
                dist = amount.start - k.end
            elif amount.end <= k.start and k.end <= whi:
                dist = k.start - amount.end + 30
            else:
                continue
            if best is None or dist < best[0]:
                best = (dist, k)
        if best is None:
            before = [k for k in words if k.end <= amount.start]
            if before:
                return before[-1]
            if done and done[-1][0].physical == amount.physical:
                prev_kind = done[-1][1]
                return _KindWord(prev_kind, amount.start, amount.start)
            return None
        return best[1]

    # -- countries ------------------------------------------------------------------
    def _roles(self, text: str, lo: int, hi: int, sent: Sentence,
               mentions: list[Mention]) -> list[_Role]:
        """The role of each country named in the clause ``text[lo:hi]``: behind a
        preposition ("from X", "to X", "by X"), owner ("X's exports", "Korean
        exports"), origin of goods ("Polish goods", "barrels of Iraqi crude"), one of
        a pair ("X-Y trade", "between X and Y"), else bare (a subject or object)."""
        v = _vocab()
        roles: list[_Role] = []
        ordered = sorted(mentions, key=lambda m: m.start)
        for idx, m in enumerate(ordered):
            s = m.start - sent.start
            e = m.end - sent.start
            before = text[max(lo, s - 70) : s]
            after = text[e : min(hi, e + 40)]
            demonym = m.kind == "demonyms"
            role = BARE
            pair = (after[:1] in "-–/" and idx + 1 < len(ordered)
                    and ordered[idx + 1].start - m.end <= 2) or (
                before[-1:] in ("-", "–", "/") and idx > 0
                and m.start - ordered[idx - 1].end <= 2)
            prep = _PREP_BEFORE.search(before)
            if v.agent_suffix.match(after):
                role = BY  # "US-provided support", "Chinese-funded"
            elif pair:
                role = PAIR
            elif prep:
                word = prep.group("prep").lower()
                role = {"from": FROM, "by": BY, "to": TO, "into": TO, "for": TO,
                        "towards": TO, "with": WITH, "in": IN, "of": OF,
                        "between": PAIR, "and": BARE}[word]
                if word == "and" and roles and roles[-1].role == PAIR:
                    role = PAIR
                if word == "of" and demonym:
                    role = ORIGIN  # "imports of Kazakh goods"
                if word == "by" and _RECEIVER_BY.search(before[: prep.start()]):
                    role = BY_IN
            elif _POSS_AFTER.match(after) or demonym:
                rest = _POSS_AFTER.sub("", after)
                head = re.match(r"^\s+([\w-]+)(?:\s+([\w-]+))?(?:\s+([\w-]+))?", rest)
                nxt = [w.lower() for w in (head.groups() if head else ()) if w]
                owner = any(w in v.goods_heads_not or _is_kind_word(w) for w in nxt)
                if _POSS_AFTER.match(after):
                    role = OWNER if owner else POSSX  # "Turkey's other suppliers"
                else:
                    role = OWNER if owner else ORIGIN
            roles.append(_Role(m.iso3, role, s, demonym))
        return roles

    def _countries(
        self, kind: str, kw: _KindWord, text: str, lo: int, hi: int, sent: Sentence,
        clause_mentions: list[Mention], all_mentions: list[Mention], ctx: StoryContext,
        done: list[tuple[Amount, str, list[str]]], wlo: int, amount_start: int,
        amount_end: int, whi: int,
    ) -> list[str] | None:
        """The countries of a fact: sorted for total trade and investment, [from, to]
        for exports, supply and aid; None when the figure is not about two countries."""
        v = _vocab()
        clause = text[lo:hi]
        pool = clause_mentions or all_mentions
        distinct = list(dict.fromkeys(m.iso3 for m in pool))
        if kind in ("trade_turnover", "investment"):
            near = [r for r in self._roles(text, lo, hi, sent, clause_mentions)
                    if r.pos < amount_end + 40 or r.role in _EXPLICIT]
            pair = list(dict.fromkeys(r.iso3 for r in near if r.role == PAIR))
            if len(pair) >= 2:
                return sorted(pair[:2])  # "between X and Y", "X-Y trade"
            if pair and sent.non_state:
                return None  # "trade between the EU and China"
            if clause_mentions:
                distinct = list(dict.fromkeys(r.iso3 for r in near)) or distinct
            if len(distinct) >= 2:
                return sorted(distinct[:2])
            if len(distinct) == 1:
                if sent.non_state:
                    return None  # the other side may be the EU, ASEAN ...
                partner = ctx.partner(distinct[0])
                roles = self._roles(text, lo, hi, sent, pool)
                linked = any(r.role in (WITH, FROM, TO, IN, PAIR) for r in roles)
                if partner is None or (kind == "trade_turnover" and not (
                    v.pair_cues.search(clause) or linked
                )):
                    return None  # "Turkey's trade turnover": one country's total
                return sorted([distinct[0], partner])
            dyad = ctx.dyad()
            if len(dyad) == 2 and v.pair_cues.search(clause) and not all_mentions:
                return dyad
            return None
        # countries up to the next amount; after this one, only near it or behind a
        # preposition, and never as a bare subject
        roles = [r for r in self._roles(text, lo, hi, sent, clause_mentions)
                 if r.pos < whi and (r.pos < amount_end + 40 or r.role in _EXPLICIT)
                 and not (r.role in (BARE, WITH) and r.pos >= amount_end)]
        incoming = kw.kind in ("imports", "receive")
        # a country before another kind word of the other direction belongs to that one:
        # "India exported $2.5 billion to Bangladesh and imported $1 billion"
        opposite = [k for k in self._kind_words(text) if lo <= k.start < kw.start
                    and k.kind in _POLARITY and _POLARITY[k.kind] != _POLARITY.get(kw.kind)]
        if opposite:
            roles = [r for r in roles if r.pos >= kw.start]
        # ... and a country after a later kind word of the other direction too: "Spanish
        # exports were €12 billion and imports from Morocco €8 billion"
        later = [k for k in self._kind_words(text) if amount_end <= k.start < whi
                 and {k.kind, kw.kind} == {"exports", "imports"}]
        if later:
            roles = [r for r in roles if r.pos < later[0].start]
        source, target = _direction(roles, kw, incoming, whi)
        local = [r for r in roles if r.role == BARE and wlo <= r.pos < amount_start]
        if kw.end <= wlo and len(local) == 1:
            # a list after one verb: "Russia provided 1.9 bcm, Iran 0.75 bcm"
            other = done[-1][2] if done and done[-1][1] == kw.kind else None
            if incoming:
                target = local[0].iso3
                source = other[0] if other else source
            else:
                source = local[0].iso3
                target = other[1] if other else target
            if source == target:
                target = None
        if source is None and target is None:
            last = done[-1] if done and done[-1][1] in _POLARITY else None
            if last is not None and kw.kind in _POLARITY and not roles:
                a, b = last[2]
                if _POLARITY[last[1]] != _POLARITY[kw.kind]:
                    return [b, a]  # "exports of $7 million and imports of $3 million"
                return [a, b]
            if not roles and self._last_direction and kind in ("exports", "supply", "aid"):
                return list(self._last_direction)
            if not roles:
                return None
            if len(distinct) >= 2:
                source, target = distinct[0], distinct[1]
            else:
                source = distinct[0]
        # a pair the sentence has just given a figure for: "Trade between Spain and
        # Morocco reached €20 billion: Spanish exports were €12 billion"
        pairs = [c for c in [self._prev_pair] + [c for _, _, c in done]
                 if c is not None and source is not None and source in c and target is None]
        if pairs and source is not None:
            paired = next((c for c in pairs[-1] if c != source), None)
            return [source, paired] if paired is not None else None
        # "Chile's exports rose", "Qatar's LNG exports reached 80 million tonnes": one
        # country's total (money exports, or an owner's flow of goods)
        if len(set(r.iso3 for r in roles)) < 2 and not any(
            r.role in (FROM, TO, IN, BY, BY_IN, ORIGIN) for r in roles
        ) and (kind == "exports" or any(r.role == OWNER for r in roles)) and not (
            done and incoming
        ) and not v.pair_cues.search(clause):
            return None  # "Chile's exports rose": one country's total
        if source is None and target is not None:
            others = [c for c in distinct if c != target]
            source = others[0] if others else ctx.partner(target)
        if target is None and source is not None:
            others = [c for c in distinct if c != source]
            target = others[0] if others else ctx.partner(source)
        if source is None or target is None or source == target:
            return None
        return [source, target]

    def _remember_direction(self, text: str, sent: Sentence, mentions: list[Mention]) -> None:
        """A sentence with a trade word and a direction but no figure ("Wheat imports
        by Uzbekistan from Kazakhstan hit a record") lends its direction to the next
        sentence's figure if that one names no country."""
        words = [k for k in self._kind_words(text)
                 if k.kind in ("exports", "imports", "ship", "receive")]
        if not words or not mentions:
            self._last_direction = None
            return
        roles = self._roles(text, 0, len(text), sent, mentions)
        kw = words[0]
        source, target = _direction(roles, kw, kw.kind in ("imports", "receive"), len(text))
        self._last_direction = (source, target) if source and target and source != target \
            else None

    # -- periods --------------------------------------------------------------------
    def _periods(self, text: str, sent: Sentence) -> list[PeriodMention]:
        ref_month = self._ref_month
        anchor = None
        if self._last_period and self._last_period[:4].isdigit():
            anchor = int(self._last_period[:4])
        return find_periods(text, self.published, ref_month, anchor)

    def _choose_period(self, periods: list[PeriodMention], amount: Amount, lo: int, hi: int,
                       wlo: int, whi: int, kind: str, text: str) -> str | None:
        v = _vocab()
        periods = [p for p in periods
                   if not v.event_before_period.search(text[max(0, p.start - 30) : p.start])
                   and not _COMPARED_BEFORE.search(text[max(0, p.start - 25) : p.start])]
        days = [p for p in periods if p.kind == "day"]
        periods = [p for p in periods if p.kind != "day"]
        after = [p for p in periods if amount.end <= p.start and p.end <= whi
                 and p.start - amount.end <= 70]
        before = [p for p in periods if wlo <= p.start and p.end <= amount.start]
        clause_before = [p for p in periods if lo <= p.start and p.end <= amount.start]
        anywhere = sorted(periods, key=lambda p: abs(p.start - amount.start))
        for group in (after, before[::-1], clause_before[::-1], anywhere):
            if group:
                return self._value(group[0])
        days = [p for p in days if re.search(r"\bon\s$", text[max(0, p.start - 4) : p.start])
                and abs(p.start - amount.start) <= 80]
        if days and kind in ("aid", "investment"):
            return min(days, key=lambda p: abs(p.start - amount.start)).value
        if self._last_period_kind is not None and _FAMILY.get(
            self._last_period_kind) != _FAMILY.get(kind):
            return None  # the period of another kind of figure (trade, then investment)
        return self._last_period

    def _value(self, p: PeriodMention) -> str | None:
        if p.kind == "reporting":
            return self._last_period
        if p.kind != "same":
            return p.value
        last = self._last_period
        if p.same_year is None or not last or not last[:4].isdigit():
            return None
        if "/" in last:
            first, end = last.split("/")
            years = int(end[:4]) - int(first[:4])
            return f"{p.same_year - years}{first[4:]}/{p.same_year}{end[4:]}"
        return f"{p.same_year}{last[4:]}"



def _lemma_kind_words(sent: Sentence, text: str) -> list[_KindWord]:
    """Kind words found by their lemma ("donates", "shipping" -> the base forms of
    ``data/facts.json``), when the pipeline ran a lemmatizer; none otherwise."""
    span = sent.span
    if span.text != text:
        return []  # a sentence joined here: the text alone is read
    lemmas = _lemma_kinds()
    verbs = _turnover_verbs()
    out: list[_KindWord] = []
    for tok in span:
        kind = lemmas.get(tok.lemma_.lower()) if tok.lemma_ else None
        if kind is None and tok.pos_ == "VERB" and tok.lemma_.lower() in verbs:
            kind = "trade_turnover"  # "Armenia and Iran traded goods worth $700 million"
        if kind:
            start = tok.idx - span.start_char
            out.append(_KindWord(kind, start, start + len(tok.text)))
    return out


@cache
def _lemma_kinds() -> dict[str, str]:
    d = load_json("facts.json")
    out: dict[str, str] = {}
    # verbs of transfer only: "funded" is not "fund", "traded" not "trade"
    for kind, key in (("exports", "export_words"),
                      ("imports", "import_words"), ("ship", "ship_words"),
                      ("give", "give_words"), ("receive", "receive_words"),
                      ("aid", "aid_cues")):
        for w in d[key]:
            if w.isalpha() and w.islower():
                out.setdefault(w, kind)
    return out


def _company_before(window: str, shift: int, lo: int, sent: Sentence,
                    mentions: list[Mention]) -> bool:
    """A company word in ``window`` (the text before an amount, starting ``lo + shift``
    into the sentence) that names a company, not a nation's firms in the plural
    ("Turkish companies have invested")."""
    base = lo + max(0, shift)
    ends = {m.end - sent.start for m in mentions if m.kind == "demonyms"}
    for m in _vocab().company.finditer(window):
        word = m.group(0).lower()
        national = word.endswith("s") and any(
            0 < base + m.start() - e <= 2 for e in ends)
        if not national:
            return True
    return False


def _organisation_subject(sent: Sentence, text: str, kw: _KindWord,
                          mentions: list[Mention], investment: bool,
                          amount: Amount | None = None) -> bool:
    """The subject of the kind verb is an organisation that is no state and names none
    ("Samsung invested", "India's Adani Group bought", "The EU sent"): its own deal
    or gift, no fact of two countries (a nation's firms in the plural are). When the
    kind word is a noun ("one of the largest foreign investments"), the subject of the
    verb that governs the amount ("Sumitomo Corporation has agreed to buy a stake ...
    for 200 million dollars") is read instead."""
    span = sent.span
    if span.text != text:
        return False
    found = span.doc.char_span(span.start_char + kw.start, span.start_char + kw.end,
                               alignment_mode="expand")
    tok = found[0] if found is not None and len(found) else None
    if tok is None or tok.idx != span.start_char + kw.start:
        return False
    if tok.pos_ == "VERB":
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    elif amount is not None and not amount.physical:
        subj = _governing_subject(span, amount)
    else:
        return False
    if subj is None:
        return False
    sub = list(subj.subtree)
    lo_ = sub[0].idx - span.start_char
    hi_ = sub[-1].idx + len(sub[-1]) - span.start_char
    phrase = text[lo_:hi_]
    if _vocab().state_bodies.search(phrase):
        return False  # "the Ministry of Health", "the State Oil Company of Azerbaijan"
    if _company_before(phrase, 0, lo_, sent, mentions):
        return True
    inside = [m for m in mentions if lo_ <= m.start - sent.start < hi_]
    # a person with a title ("Japanese ambassador Kenji Sato") acts for the state
    person = any(p.start <= subj.idx - span.start_char + sent.start < p.end and p.title
                 for p in sent.persons)
    if subj.pos_ == "PROPN" and not person and inside and all(
            m.kind == "demonyms" and _TRADE_NOUN_AFTER.match(
                text, m.end - sent.start, min(len(text), m.end - sent.start + 40))
            for m in inside):
        return True  # "Canadian miner Barrick", "Korean steelmaker Posco": a firm's own deal
    if subj.ent_type_ != "ORG" or subj.pos_ != "PROPN":
        return False
    if inside and investment and all(
            _POSS_AFTER.match(text[m.end - sent.start : m.end - sent.start + 2])
            for m in inside):
        return True  # "Korea's Hyundai Motor invested": a company's own investment
    # "Japan's JICA" gave, "the Saudi Fund for Development" lent
    return not inside


#: a common noun in lower case between a demonym and a name ("Korean steelmaker Posco")
_TRADE_NOUN_AFTER = re.compile(r"\s(?:[a-z][a-z-]{2,25}\s){1,2}[A-Z]")


def _governing_subject(span: Span, amount: Amount) -> Token | None:
    """The subject of the verb that governs an amount: up from the amount through its
    preposition to the verb, and up open complements ("agreed to buy ... for $X") to
    the first verb with a subject; None past a few steps."""
    found = span.doc.char_span(span.start_char + amount.start, span.start_char + amount.end,
                               alignment_mode="expand")
    if found is None or not len(found):
        return None
    tok = found.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX"):
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return subj
            if tok.dep_ not in ("xcomp", "conj"):
                return None
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _it_measures(sent: Sentence, text: str, amount: Amount) -> bool:
    """The amount is the value of a measure verb whose subject is "it" ("it reached
    $1.1 billion"), read on the parse."""
    span = sent.span
    if span.text != text:
        return False
    found = span.doc.char_span(span.start_char + amount.start, span.start_char + amount.end,
                               alignment_mode="expand")
    if found is None or not len(found):
        return False
    tok = found.root
    for _ in range(4):  # "$1.1 billion" -> "to" -> "amounted"
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    return tok.lemma_.lower() in _measure_verbs() and any(
        c.dep_ == "nsubj" and c.lower_ == "it" for c in tok.children)


@cache
def _measure_verbs() -> frozenset[str]:
    return frozenset(w.lower() for w in load_json("facts.json")["measure_verbs"])


@cache
def _turnover_verbs() -> frozenset[str]:
    return frozenset(w.lower() for w in load_json("facts.json")["turnover_verbs"])


def _find_kind_words(text: str, extra: list[_KindWord]) -> list[_KindWord]:
    v = _vocab()
    out: list[_KindWord] = []
    for kind, pattern in (
        ("trade_turnover", v.turnover), ("exports", v.export_words),
        ("imports", v.import_words), ("ship", v.ship_words), ("give", v.give_words),
        ("receive", v.receive_words), ("aid", v.aid_cues),
        ("investment", v.investment_words),
    ):
        for m in pattern.finditer(text):
            out.append(_KindWord(kind, m.start(), m.end()))
    out.extend(extra)  # after the words' own matches: on a tie the word list wins
    out.sort(key=lambda k: (k.start, k.start - k.end))
    kept: list[_KindWord] = []
    for k in out:  # the longest word wins: "took delivery", not "delivery"
        if kept and k.start < kept[-1].end:
            continue
        kept.append(k)
    return kept


def _is_kind_word(word: str) -> bool:
    v = _vocab()
    return any(p.fullmatch(word) for p in (v.export_words, v.import_words, v.aid_cues,
                                           v.investment_words, v.ship_words))


def _direction(
    roles: list[_Role], kw: _KindWord, incoming: bool, whi: int
) -> tuple[str | None, str | None]:
    """(from, to) of a directed figure from the roles of the countries named."""
    source: str | None = None
    target: str | None = None

    def first(cands: list[_Role]) -> str | None:
        return cands[0].iso3 if cands else None

    by_role: dict[str, list[_Role]] = {}
    for r in roles:
        if r.role in (FROM, TO, BY, BY_IN, IN) and r.pos < kw.start - 25:
            continue  # "a visit to Bhutan ... agreed to provide": another verb's
        by_role.setdefault(r.role, []).append(r)
    # explicit prepositions first ("imports by X": X receives)
    source = first(by_role.get(FROM, [])) or first(by_role.get(BY, []))
    target = first(by_role.get(TO, [])) or first(by_role.get(BY_IN, []))
    owners = by_role.get(OWNER, [])
    origins = by_role.get(ORIGIN, [])
    subjects = [r for r in by_role.get(BARE, []) if r.pos < kw.start]
    objects = [r for r in by_role.get(BARE, []) if kw.end <= r.pos < whi]
    of_nouns = [r for r in by_role.get(OF, []) if not r.demonym]
    if incoming:
        source = source or first(origins)
        target = target or first(owners) or first(subjects) or first(of_nouns)
    else:
        # a demonym after the verb is the goods' origin only when no subject gives
        # ("X will provide $5 million to help Fijian villages": X gives)
        early = [r for r in origins if r.pos < kw.start]
        source = source or first(owners) or first(early) or first(subjects) or first(
            origins) or first(of_nouns)
        # "Poland gave Ukraine aid": a bare country after the giver is the receiver
        later = [r for r in subjects if r.iso3 != source and subjects[0].iso3 == source]
        target = target or first(objects) or first(later) or first(by_role.get(IN, []))
    if source == target:
        target = None
    return source, target


#: a gift told this many sentences after the goods figure still makes it aid
_GIFT_REACH = 2


def _gift_of_goods(sent: Sentence) -> bool:
    """A sentence that says of goods told before that they are a gift: a copular clause
    whose subject is a common noun or a pronoun ("The wheat is a gift from ...", "It was
    a donation of ...") and whose attribute is an aid word."""
    aid = _vocab().aid_cues
    for tok in sent.span:
        if tok.dep_ != "attr" or tok.head.lemma_ != "be" or not aid.fullmatch(tok.text):
            continue
        if any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PRON") for c in tok.head.children):
            return True
    return False


def _fact_kind(word_kind: str, clause: str, amount: Amount) -> str | None:
    v = _vocab()
    aid = bool(v.aid_cues.search(clause)) and not v.trade_cues.search(clause)
    invest = bool(v.investment_words.search(clause))
    if word_kind in ("aid",):
        return "aid"
    if word_kind == "investment":
        return None if amount.physical else "investment"
    if word_kind in ("ship", "give", "receive"):
        if aid:
            return "aid"
        if amount.physical:
            return "supply"
        if word_kind == "ship":
            return "exports"  # goods worth a sum delivered in trade
        if invest:
            return "investment"
        return "aid"  # money given or received between governments
    if word_kind in ("exports", "imports"):
        return "supply" if amount.physical else "exports"
    if word_kind == "trade_turnover":
        return "supply" if amount.physical else "trade_turnover"
    return None


def _resolve_currency(amount: Amount, countries: list[str], directed: bool) -> str:
    """A bare name several currencies share ("rupees") read as the currency of the
    first country of a directed fact that has one, or of the one country of a pair
    that has one, else as the default; a symbol in letters ("K") likewise, else ""
    (no currency)."""
    if amount.physical or amount.family is None:
        return amount.unit
    data = load_json("units.json")
    names: dict[str, str] = data["currency_names"]
    family = amount.family
    if family.startswith("symbol:"):  # "R41 billion": the rand only beside South Africa
        candidates = set(data["letter_symbols"].get(family.removeprefix("symbol:"), []))
    else:
        candidates = set(data["family_codes"].get(family, [])) or {
            code for name, code in names.items()
            if name.lower().split()[-1].rstrip("s") == family
        } | {  # CLDR's English names: "Central African CFA franc", "West African CFA franc"
            code for name, code in data["cldr_currency_words"].items()
            if name.endswith((f" {family}", f" {family}s"))
        }
    found = [str(code) for c in countries for code in data["country_currencies"].get(c, [])
             if code in candidates]
    if directed and found:
        return found[0]  # the giver's or exporter's: "Nepal's exports ... Rs 1,200 crore"
    # a pair in no order with one each ("rubles" between Russia and Belarus): the default
    return found[0] if len(set(found)) == 1 else amount.unit


# "total gas imports", "overall trade turnover": one country's total
_TOTAL = re.compile(r"\b(?:total|overall|entire|aggregate)\s(?:[\w-]{1,20}\s){0,2}"
                    r"(?:trade|exports|imports|turnover|purchases|sales)\b", re.IGNORECASE)
# "10% more than in 2019", "compared with the same period of 2019": another figure's period
_COMPARED_BEFORE = re.compile(
    r"\b(?:compared\s(?:to|with)|than|against|versus|vs\.?|year-on-year\sfrom)\s"
    r"(?:in\s|during\s|for\s|of\s)?(?:the\s)?$", re.IGNORECASE)
_BY_YEAR = re.compile(r"[\s,]{0,3}by\s(?:the\s(?:end|middle)\sof\s)?((?:19|20)\d\d)\b",
                      re.IGNORECASE)
_REGION_BEFORE = re.compile(r"\b(?:Latin|South|North|Central)\s$")
_SPLIT_FIGURE = re.compile(r"\d\s?(?:mln|bln|mn|bn|thous|tln|trln|mil)\.$", re.IGNORECASE)


_DOLLAR_AFTER = re.compile(r"\s?\$\s?\d")


def _lent_to(m: Mention, text: str, sent: Sentence) -> bool:
    """A country before a dollar sign that is not a dollar country's own ("lent Kenya
    $1 billion"), which the mention pass took for "US $1 billion"."""
    if m.role != "nonactor":
        return False
    e = m.end - sent.start
    if not _DOLLAR_AFTER.match(text, e, min(len(text), e + 4)):
        return False
    return not (set(load_json("units.json")["country_currencies"].get(m.iso3, []))
                & _dollar_codes())


@cache
def _dollar_codes() -> frozenset[str]:
    names: dict[str, str] = load_json("units.json")["currency_names"]
    return frozenset(code for name, code in names.items() if "dollar" in name.lower())


def _split_figure(first: str, second: str) -> bool:
    """The sentence splitter cut a figure after its abbreviated scale ("575 mln.")."""
    return bool(_SPLIT_FIGURE.search(first.rstrip())) and second[:1].islower()


def _joined(text: str, a: Sentence, b: Sentence) -> Sentence:
    """Sentences ``a`` and ``b`` as one, for the figures read here (not for events)."""
    return dataclasses.replace(
        b, start=a.start, text=text[a.start : b.end], mentions=a.mentions + b.mentions,
        triggers=[], persons=[], dates=a.dates + b.dates,
    )



