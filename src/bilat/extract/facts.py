"""Facts: figures the text states about the relations of two countries.

Each amount of money or physical quantity is read with its clause: the nearest
keyword decides the kind (trade turnover, exports, supply, investment, aid),
"from X to Y" / "X's exports to Y" / "imports from X" decide the direction,
and a period expression ("in 2018", "January-February this year", "the first
nine months of 2020", "the same period of 2019") the period. Differences
("$56 million more than"), one-country totals and targets are not facts.
"""

from __future__ import annotations

import re

from bilat.extract.amounts import Amount, find_amounts
from bilat.extract.analysis import Mention, Sentence
from bilat.extract.events import StoryContext
from bilat.record import Evidence, Fact
from bilat.timex import MONTHS, Published

_WORDS_TO_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "nine": 9,
                 "seven": 7, "eight": 8, "ten": 10, "eleven": 11, "twelve": 12}
_ORDINAL_MONTHS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


# -- keywords -----------------------------------------------------------------
_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("trade_turnover", re.compile(
        r"\b(?:trade turnover|turnover|trade between|volume of trade|trade volume|bilateral trade"
        r"|mutual trade|trade reached|trade amounted|trade totalled|trade totaled|trade stood"
        r"|trade was|trade grew|trade rose|trade hit|trade exchange|trade exchanges)\b", re.I)),
    ("imports", re.compile(r"\b(?:imports?|imported)\b", re.I)),
    ("exports", re.compile(r"\b(?:exports?|exported)\b", re.I)),
    ("aid", re.compile(r"\b(?:grants?|aid|donat\w{0,6}|assistance|humanitarian|gift|relief"
                       r"|handed over)\b", re.I)),
    ("investment", re.compile(
        r"\b(?:invest\w{0,6}|fund|funds|capital|loans?|credit|credit line|financing|finance"
        r"|support agreement|cooperation agreement)\b", re.I)),
    ("supply", re.compile(r"\b(?:sent|supplied|supplies|supply|delivered|deliveries|shipped"
                          r"|shipments?|transported|pumped)\b", re.I)),
]
_NOT_A_FACT_BEFORE = re.compile(
    r"\b(?:by|to raise|raise|increase|target|aim|aims|goal|plans? to|expected to reach|could reach"
    r"|potential|boost|bring|to reach|hope|hopes|forecast)\b[^.;]{0,90}$", re.I)
_DIFFERENCE_AFTER = re.compile(r"^\s*(?:more|less|higher|lower|up|down|over|above|below)\s+"
                               r"(?:than|compared)\b|^\s*(?:increase|decrease|rise|drop|growth)\b",
                               re.I)
_ONE_COUNTRY = re.compile(r"\b(?:foreign trade|total trade|overall trade|total exports"
                          r"|total imports|foreign trade turnover)\b", re.I)
_CLAUSE_SPLIT = re.compile(r";|,?\s+while\s+|,?\s+whereas\s+|\.\s|,\s+with\s+(?=imports|exports)")
_PAIR_CUE = re.compile(r"\b(?:two countries|bilateral|between|both|mutual|the sides|joint)\b", re.I)


class FactExtractor:
    """Reads the facts of one document, sentence by sentence."""

    def __init__(self, text: str, published: str | None) -> None:
        self.text = text
        self.published = published
        self.pub = Published.parse(published)
        self.facts: list[Fact] = []
        self._last_period: str | None = None
        self._last_block: int | None = None

    def add_sentence(self, sent: Sentence, ctx: StoryContext) -> None:
        amounts = find_amounts(sent.text)
        if sent.block != self._last_block:
            self._last_period = None
            self._last_block = sent.block
        if not amounts:
            return
        sentence_period = self._period(sent.text, sent, None)
        for amount in amounts:
            clause_lo, clause_hi = _clause(sent.text, amount.start)
            clause = sent.text[clause_lo:clause_hi]
            before = sent.text[clause_lo : amount.start]
            after = sent.text[amount.end : clause_hi]
            if _NOT_A_FACT_BEFORE.search(before[-120:]) or _DIFFERENCE_AFTER.search(after):
                continue
            kind = _kind(before, after, amount)
            if kind is None:
                continue
            mentions = [
                m for m in sent.mentions
                if m.role in ("actor", "target")
                and clause_lo <= m.start - sent.start < clause_hi
            ]
            all_mentions = [m for m in sent.mentions if m.role in ("actor", "target")]
            if kind in ("trade_turnover", "exports", "imports") and _ONE_COUNTRY.search(
                before[-50:]
            ):
                continue
            countries = self._countries(kind, clause, clause_lo, sent, mentions or all_mentions,
                                        ctx)
            if countries is None:
                continue
            if kind == "imports":
                kind = "exports"
            period = (
                self._period(after, sent, None, amount_first=True)
                or self._period(before, sent, None)
                or sentence_period
                or self._last_period
            )
            if period:
                self._last_period = period
            start = sent.start + clause_lo
            end = sent.start + clause_hi
            evidence = Evidence.of(self.text, start, end)
            self._add(Fact(kind, countries, amount.value, amount.unit, evidence, period))

    def _add(self, fact: Fact) -> None:
        for old in self.facts:
            if (old.kind, old.countries, old.unit) == (fact.kind, fact.countries, fact.unit) and (
                abs(old.value - fact.value) <= 0.01 * max(abs(fact.value), 1)
            ):
                if old.period is None and fact.period:
                    old.period = fact.period
                return
        self.facts.append(fact)

    # -- countries ---------------------------------------------------------------
    def _countries(
        self, kind: str, clause: str, clause_lo: int, sent: Sentence,
        mentions: list[Mention], ctx: StoryContext,
    ) -> list[str] | None:
        distinct = list(dict.fromkeys(m.iso3 for m in mentions))
        if kind in ("trade_turnover", "investment"):
            if len(distinct) >= 2:
                return sorted(distinct[:2])
            if len(distinct) == 1:
                partner = ctx.partner(distinct[0])
                if partner is None or (kind == "trade_turnover" and not (
                    _PAIR_CUE.search(clause) or self._linked(clause, clause_lo, sent, mentions)
                )):
                    return None  # "Turkey's trade turnover": one country's total
                return sorted([distinct[0], partner])
            dyad = ctx.dyad()
            if len(dyad) == 2 and _PAIR_CUE.search(clause):
                return dyad
            return None
        if kind in ("exports", "imports") and len(distinct) == 1 and not self._linked(
            clause, clause_lo, sent, mentions
        ):
            return None
        source, target = self._direction(clause, clause_lo, sent, mentions)
        if kind == "imports":
            # "imports from X (to Y)": X sells to Y; "Y imported from X"
            source, target = source, target
        if kind == "aid":
            donor = self._donor(clause, clause_lo, sent, mentions)
            if donor:
                source = donor
                if target == donor:
                    target = None
        if source is None and target is None:
            if len(distinct) >= 2:
                source, target = distinct[0], distinct[1]
            elif len(distinct) == 1:
                source = distinct[0]
            else:
                dyad = ctx.dyad()
                if len(dyad) == 2 and kind != "imports":
                    return None
                return None
        if source is None and target is not None:
            others = [c for c in distinct if c != target]
            source = others[0] if others else ctx.partner(target)
        if target is None and source is not None:
            others = [c for c in distinct if c != source]
            target = others[0] if others else ctx.partner(source)
        if source is None or target is None or source == target:
            return None
        return [source, target]

    def _direction(
        self, clause: str, clause_lo: int, sent: Sentence, mentions: list[Mention]
    ) -> tuple[str | None, str | None]:
        """(from, to) read off "from X to Y", "X's exports to Y", "imports from X"."""
        source = target = None
        for m in mentions:
            rel = m.start - sent.start - clause_lo
            before = clause[max(0, rel - 12) : rel].lower()
            after = clause[rel + (m.end - m.start) : rel + (m.end - m.start) + 14].lower()
            if re.search(r"\bfrom\s+(?:the\s+)?$", before) and source is None:
                source = m.iso3
            elif re.search(r"\b(?:to|into|for)\s+(?:the\s+)?$", before) and target is None:
                target = m.iso3
            elif re.match(r"^(?:'s|’s)?\s+(?:exports?|goods|products|oil|gas)\b", after) or (
                m.kind == "demonyms" and re.match(r"^\s+(?:goods|products|exports?|oil|gas)",
                                                  after)
            ) or re.search(r"\bexports?\s+of\s+(?:the\s+)?$", before):
                source = source or m.iso3
        return source, target

    def _linked(
        self, clause: str, clause_lo: int, sent: Sentence, mentions: list[Mention]
    ) -> bool:
        """A country named as the other side: "with X", "from X", "to X"."""
        for m in mentions:
            rel = m.start - sent.start - clause_lo
            before = clause[max(0, rel - 10) : rel].lower()
            if re.search(r"\b(?:with|from|to|into|and|in)\s+(?:the\s+)?$", before):
                return True
        return False

    def _donor(
        self, clause: str, clause_lo: int, sent: Sentence, mentions: list[Mention]
    ) -> str | None:
        for m in mentions:
            rel = m.start - sent.start - clause_lo
            before = clause[max(0, rel - 40) : rel].lower()
            if re.search(r"\b(?:by|from)\s+(?:the\s+)?(?:government of\s+(?:the\s+)?)?"
                         r"(?:people's republic of\s+|republic of\s+)?$", before):
                return m.iso3
        return None

    # -- periods -----------------------------------------------------------------
    def _period(
        self, text: str, sent: Sentence, ref_month: int | None, amount_first: bool = False
    ) -> str | None:
        pub_year = self.pub.year
        low = text.lower()
        if amount_first:
            low = low[:60]
        m = re.search(r"\b(?:the\s+)?same period (?:of|in) (\d{4})\b", low) or re.search(
            r"\b(?:the\s+)?same period (?:of\s+)?(last year)\b", low)
        if m and self._last_period and "/" in self._last_period:
            same_year = int(m.group(1)) if m.group(1).isdigit() else (pub_year or 0) - 1
            first, last = self._last_period.split("/")
            return f"{same_year}{first[4:]}/{same_year}{last[4:]}"
        if re.search(r"\breporting period\b", low) and self._last_period:
            return self._last_period
        m = re.search(r"\b(?:first|1st)\s+(\w{1,6})\s+months?\s+(?:of\s+)?(\d{4}|this year|"
                      r"the year|last year)", low)
        if m:
            n = _WORDS_TO_NUM.get(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else 0)
            y1 = self._year(m.group(2))
            if n and y1:
                return f"{y1}-01/{y1}-{n:02d}"
        m = re.search(r"\b(first|second|third|fourth)\s+quarter\s+(?:of\s+)?(\d{4}|this year|"
                      r"last year)", low)
        if m:
            q = _ORDINAL_MONTHS[m.group(1)]
            y2 = self._year(m.group(2))
            if y2:
                return f"{y2}-{3 * q - 2:02d}/{y2}-{3 * q:02d}"
        m = re.search(r"\b(first|second)\s+half\s+(?:of\s+)?(\d{4}|this year|last year)", low)
        if m:
            y3 = self._year(m.group(2))
            if y3:
                return f"{y3}-01/{y3}-06" if m.group(1) == "first" else f"{y3}-07/{y3}-12"
        month_names = "|".join(sorted((k for k in MONTHS if len(k) > 3 or k == "may"),
                                      key=len, reverse=True))
        m = re.search(rf"\b({month_names})\s*(?:-|–|through|to|till|until)\s*({month_names})"
                      r"\s*(?:of\s+)?(\d{4}|this year|last year)?", low)
        if m:
            y4 = self._year(m.group(3) or "this year")
            a, b = MONTHS[m.group(1)], MONTHS[m.group(2)]
            if y4:
                return f"{y4}-{a:02d}/{y4}-{b:02d}"
        m = re.search(r"\bsince the (?:beginning|start) of (?:the year|this year|(\d{4}))", low)
        if m:
            y5 = int(m.group(1)) if m.group(1) else pub_year
            month = ref_month or self._reference_month(sent)
            if y5 and month:
                return f"{y5}-01/{y5}-{month:02d}"
        m = re.search(r"\b(\d{4})\s*(?:-|–|to)\s*(\d{4})\b", low)
        if m:
            return f"{m.group(1)}-01/{m.group(2)}-12"
        m = re.search(rf"\b(?:in|of|during|for)\s+({month_names})\s+(\d{{4}})\b", low)
        if m:
            return f"{m.group(2)}-{MONTHS[m.group(1)]:02d}"
        m = re.search(r"\b(?:in|of|during|for|from)\s+(\d{4})\b", low) or re.search(
            r"^\s*(\d{4})\b", low)
        if m:
            return m.group(1)
        m = re.search(rf"\b(?:in|during|for)\s+({month_names})\b(?!\s*\d)", low)
        if m and pub_year:
            month = MONTHS[m.group(1)]
            # a month named alone: the latest such month up to publication
            year = pub_year - 1 if self.pub.month and month > self.pub.month else pub_year
            return f"{year}-{month:02d}"
        return None

    def _year(self, text: str) -> int | None:
        if text.isdigit():
            return int(text)
        if self.pub.year is None:
            return None
        return self.pub.year - 1 if "last" in text else self.pub.year

    def _reference_month(self, sent: Sentence) -> int | None:
        for d in sent.dates:
            if d.month:
                return d.month
        return self.pub.month


def _clause(text: str, pos: int) -> tuple[int, int]:
    lo, hi = 0, len(text)
    for m in _CLAUSE_SPLIT.finditer(text):
        if m.end() <= pos:
            lo = m.end()
        elif m.start() >= pos:
            hi = m.start()
            break
    return lo, hi


def _kind(before: str, after: str, amount: Amount) -> str | None:
    best: tuple[int, str] | None = None
    for kind, pattern in _KINDS:
        for m in pattern.finditer(before[-160:]):
            dist = len(before[-160:]) - m.end()
            if best is None or dist < best[0]:
                best = (dist, kind)
        m2 = pattern.search(after[:80])
        if m2:
            dist = m2.start() + 40
            if best is None or dist < best[0]:
                best = (dist, kind)
    if best is None:
        return None
    kind = best[1]
    if amount.physical:
        if kind == "aid" or _KINDS[3][1].search(before[-160:] + " " + after[:80]):
            return "aid"
        return "supply" if kind in ("supply", "exports", "imports", "trade_turnover") else None
    if kind == "supply":
        return "exports"
    return kind
