"""Token patterns matched only where their first word occurs.

spaCy's ``Matcher`` starts every pattern at every token of a text, so its time grows
with the number of patterns times the number of tokens; with a few hundred trigger
patterns that was most of the matching time. Most trigger patterns begin with one
given lemma or lower-case form. :class:`BucketedMatcher` keeps one small ``Matcher``
per such first word (and one for the patterns that can begin anywhere) and, for a
text, runs only the matchers whose first word the text contains.

The matches are the ones the single ``Matcher`` holding every pattern finds: a
pattern that begins with a word can match only where that word is. Their order
differs; callers that resolve overlaps in match order (``filter_spans`` keeps the
first of two identical spans) get the matches sorted by start, end and the order
in which the patterns were added, which is the single matcher's order for two
patterns of fixed length that match the same tokens. When two patterns with an
operator (``?``, ``*`` ...) match the same tokens their order may depend on the
matcher's state machine, so the text is then matched again with the single matcher.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import pairwise, product
from typing import Any

from spacy.attrs import DEP, HEAD, LEMMA, LOWER, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab

Match = tuple[int, int, int]


class BucketedMatcher:
    """Patterns grouped by the lemma or form their first token must have."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._by_attr: dict[int, dict[int, Matcher]] = {LEMMA: {}, LOWER: {}}
        self._anywhere = Matcher(vocab)
        self._rank: dict[int, int] = {}
        self._has_op: set[int] = set()
        #: the most tokens a match of a bucket's patterns spans (None: no bound)
        self._reach: dict[tuple[int, int], int | None] = {}

    def add(self, key: str, pattern: list[dict[str, Any]]) -> None:
        """Add one token pattern (already validated elsewhere) under ``key``."""
        key_id = self.vocab.strings.add(key)
        self._rank.setdefault(key_id, len(self._rank))
        if any("OP" in tok for tok in pattern):
            self._has_op.add(key_id)
        bucket = self._bucket_of(pattern)
        if bucket is None:
            self._anywhere.add(key, [pattern])
            return
        attr, value_id = bucket
        matcher = self._by_attr[attr].get(value_id)
        if matcher is None:
            matcher = self._by_attr[attr][value_id] = Matcher(self.vocab)
            self._reach[bucket] = 0
        matcher.add(key, [pattern])
        reach, known = _max_length(pattern), self._reach[bucket]
        self._reach[bucket] = None if reach is None or known is None else max(known, reach)

    def _bucket_of(self, pattern: list[dict[str, Any]]) -> tuple[int, int] | None:
        first = pattern[0] if pattern else {}
        if "OP" not in first:
            for attr, name in ((LEMMA, "LEMMA"), (LOWER, "LOWER")):
                value = first.get(name)
                if isinstance(value, str):
                    return attr, self.vocab.strings.add(value)
        return None

    def __call__(self, doc: Doc, fallback: Callable[[Doc], list[Match]]) -> list[Match]:
        """``(key, start, end)`` of every match in ``doc``, sorted by start, end and
        pattern order; ``fallback`` (the single matcher) decides when two patterns
        with operators match the same tokens."""
        found: set[Match] = set()
        if len(self._anywhere):
            found.update(self._anywhere(doc))
        n = len(doc)
        for attr, bucket in self._by_attr.items():
            if not bucket:
                continue
            where: dict[int, list[int]] = {}
            for i, value in enumerate(doc.to_array(attr).tolist()):
                if value in bucket:
                    where.setdefault(value, []).append(i)
            for value, starts in where.items():
                matcher = bucket[value]
                reach = self._reach[(attr, value)]
                if reach is None:
                    found.update(matcher(doc))
                    continue
                # a match of these patterns starts on the word and spans at most
                # ``reach`` tokens: only those tokens are matched (spaCy's matcher walks
                # the whole text for each bucket otherwise)
                for i in starts:
                    found.update((key, i + s, i + e)
                                 for key, s, e in matcher(doc[i : min(n, i + reach)]))
        rank = self._rank
        out = sorted(found, key=lambda m: (m[1], m[2], rank[m[0]]))
        for a, b in pairwise(out):
            if a[1:] == b[1:] and (a[0] in self._has_op or b[0] in self._has_op):
                return fallback(doc)
        return out


def _max_length(pattern: list[dict[str, Any]]) -> int | None:
    """The most tokens a match of ``pattern`` spans; None when unbounded or unknown."""
    total = 0
    for tok in pattern:
        op = tok.get("OP")
        if op in (None, "!", "?", "1"):
            total += 1
        elif op != "0":  # "*", "+" and counted repeats ("{2,}")
            return None
    return total


#: attributes a one-token pattern may test by equality (or ``IN`` a list) to be
#: looked up in a table
_TABLE_ATTRS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "ORTH": ORTH, "POS": POS,
                "LEMMA": LEMMA}
#: the same attributes, those that single out fewer tokens of a text first
_SELECTIVE = (LEMMA, LOWER, ORTH, TAG, DEP, POS)
#: a pattern whose lists expand to more alternatives than this stays in the matcher
_MAX_ALTERNATIVES = 5000


class TableMatcher(Matcher):
    """A ``Matcher`` of one-token patterns, faster: a pattern of equalities and
    ``IN`` lists (``{"TAG": "NN"}``, ``{"LOWER": {"IN": ["will", "shall"]}, "DEP":
    "aux"}``) is looked up in a table by the token's values, whatever the number of
    patterns; only the other patterns (operators, regular expressions, several
    tokens) go through the matcher itself.

    The set of matches is the one of ``original`` (which holds the same patterns
    under the same keys); their order differs, and callers sort them.
    """

    def __init__(self, vocab: Vocab, original: Matcher, keys: Iterable[str | int]) -> None:
        super().__init__(vocab)
        self.original = original
        self.keys = list(keys)
        self.strings_vocab = vocab
        self.columns: list[int] = []
        self.table: dict[tuple[int, int], list[tuple[int, list[tuple[int, int]]]]] = {}
        for key in self.keys:
            found = original.get(key)
            if found is None:
                continue
            key_id = key if isinstance(key, int) else vocab.strings.add(key)
            for pattern in found[1]:
                alternatives = _table_alternatives(vocab, pattern)
                if alternatives is None:
                    super().add(vocab.strings[key_id], [pattern])
                    continue
                for conds in alternatives:
                    for attr, _ in conds:
                        if attr not in self.columns:
                            self.columns.append(attr)
                    # looked up by its rarest condition: a word before a tag or a
                    # dependency label, which hold for many tokens of every text
                    first, *others = sorted(conds, key=lambda c: _SELECTIVE.index(c[0]))
                    self.table.setdefault(first, []).append((key_id, others))

    def get(self, key: Any, default: Any = None) -> Any:
        return self.original.get(key, default)

    def __reduce__(self) -> Any:  # spaCy's own would keep only the patterns left over
        return (TableMatcher, (self.strings_vocab, self.original, self.keys))

    def __call__(self, doclike: Any, *args: Any, **kwargs: Any) -> Any:
        plain = not args and set(kwargs) <= {"allow_missing", "as_spans", "with_alignments"}
        if not isinstance(doclike, Doc) or not plain or kwargs.get("as_spans") or kwargs.get(
            "with_alignments"
        ):
            return self.original(doclike, *args, **kwargs)
        missing = bool(kwargs.get("allow_missing", False))
        found: set[Match] = (
            set(super().__call__(doclike, allow_missing=missing)) if len(self) else set()
        )
        if self.columns:
            column = {attr: j for j, attr in enumerate(self.columns)}
            table = self.table
            columns: list[int | str] = list(self.columns)
            array = doclike.to_array(columns)  # one column: a flat array
            values: list[list[Any]] = array.reshape(len(doclike), len(columns)).tolist()
            for i, row in enumerate(values):
                for j, attr in enumerate(self.columns):
                    for key, others in table.get((attr, row[j]), ()):
                        if all(row[column[a]] == v for a, v in others):
                            found.add((key, i, i + 1))
        return list(found)


def _table_alternatives(
    vocab: Vocab, pattern: list[dict[str, Any]]
) -> list[list[tuple[int, int]]] | None:
    """The (attribute, value) conditions of a one-token pattern of equalities and
    ``IN`` lists of strings, one list per combination of the listed values; None for
    any other pattern."""
    if len(pattern) != 1 or not pattern[0]:
        return None
    choices: list[list[tuple[int, int]]] = []
    size = 1
    for name, value in pattern[0].items():
        if name not in _TABLE_ATTRS:
            return None
        if isinstance(value, str):
            values = [value]
        elif (isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list)
              and value["IN"] and all(isinstance(v, str) for v in value["IN"])):
            values = list(dict.fromkeys(value["IN"]))
        else:
            return None
        size *= len(values)
        if size > _MAX_ALTERNATIVES:
            return None
        attr = _TABLE_ATTRS[name]
        choices.append([(attr, vocab.strings.add(v)) for v in values])
    return [list(combo) for combo in product(*choices)]


class TableDependencyMatcher(DependencyMatcher):
    """spaCy's ``DependencyMatcher`` with its node patterns looked up in a
    :class:`TableMatcher`: the same matches in the same order (nodes are single
    tokens, found left to right either way).

    Two shortcuts, neither changing a match: a node pattern that several patterns
    share (``{"DEP": "nsubj"}``) is looked up once, not once per pattern; and a pattern
    is tried on a tree only when every one of its nodes has a token there (spaCy tries
    each pattern on each tree of the text, most of the matching time with a few
    hundred patterns)."""

    def __call__(self, doclike: Any) -> Any:
        if not isinstance(doclike, Doc):
            return super().__call__(doclike)
        return self.in_trees(doclike, None)

    def in_trees(self, doc: Doc, tokens: Iterable[int] | None) -> list[tuple[Any, list[int]]]:
        """The matches of ``doc`` (as ``__call__``) in the trees that hold one of
        ``tokens`` (all trees: None); a match never spans two trees."""
        index = self._node_index()
        maps = self._node_maps(doc, index)
        if tokens is not None:
            heads: list[int] = doc.to_array(HEAD).astype("int64").tolist() if len(doc) else []
            roots: dict[int, int] = {}
            wanted = {_tree_root(heads, i, roots) for i in tokens}
            maps = {root: found for root, found in maps.items() if root in wanted}
        trees = list(maps.values())
        cache: dict[Any, Any] = {}
        matched: list[tuple[Any, list[int]]] = []
        for key, tree, tokens_to_key, nodes, needed in index.patterns:
            for positions in trees:
                if not positions.keys() >= needed:
                    continue  # a node without any token: spaCy finds nothing either
                by_key = {k: positions[n] for k, n in zip(tokens_to_key, nodes, strict=True)}
                matched.extend(
                    (key, m) for m in self._get_matches(  # type: ignore[attr-defined]
                        cache, doc, tree, tokens_to_key, by_key)
                )
        for i, (match_id, _nodes) in enumerate(matched):
            on_match = self._callbacks.get(match_id)
            if on_match is not None:
                on_match(self, doc, i, matched)
        return matched

    def _node_index(self) -> _NodeIndex:
        """The distinct node patterns in a :class:`TableMatcher` (rebuilt when patterns
        were added since)."""
        index: _NodeIndex | None = self.__dict__.get("_index")
        if index is None or index.size != len(self._matcher):
            index = _NodeIndex(self.vocab, self._matcher, [
                k for per_key in self._tokens_to_key.values() for ks in per_key for k in ks
            ])
            for key in self._patterns:  # spaCy's order: by key, then by pattern
                for tree, tokens_to_key in zip(self._tree[key], self._tokens_to_key[key],
                                               strict=True):
                    nodes = tuple(index.node_of[k] for k in tokens_to_key)
                    index.patterns.append((key, tree, tokens_to_key, nodes, frozenset(nodes)))
            self.__dict__["_index"] = index
        return index

    def _node_maps(self, doc: Doc, index: _NodeIndex) -> dict[int, dict[int, list[int]]]:
        """Tree root -> distinct node pattern -> the tokens of that tree it matches, in
        text order; roots in the order of their first matched token (spaCy's order)."""
        maps: dict[int, dict[int, list[int]]] = {}
        heads: list[int] = doc.to_array(HEAD).astype("int64").tolist() if len(doc) else []
        roots: dict[int, int] = {}  # token -> the root of its tree
        for node, start, _end in sorted(index.table(doc), key=lambda m: m[1]):
            maps.setdefault(_tree_root(heads, start, roots), {}).setdefault(node, []).append(
                start)
        return maps

    def _get_keys_to_position_maps(self, doc: Doc) -> Any:
        index = self._node_index()
        maps: defaultdict[int, defaultdict[int, list[int]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for root, positions in self._node_maps(doc, index).items():
            by_key = maps[root]
            for key, node in index.node_of.items():
                if node in positions:
                    by_key[key] = list(positions[node])
        return maps


class _NodeIndex:
    """The distinct node patterns of a dependency matcher's token keys, in a
    :class:`TableMatcher` of their own."""

    def __init__(self, vocab: Vocab, matcher: Matcher, keys: Iterable[str | int]) -> None:
        self.size = len(matcher)
        self.node_of: dict[int, int] = {}  # token key -> its node pattern's key
        #: (key, tree, token keys, their node patterns, the set of those) of each pattern
        self.patterns: list[tuple[Any, Any, list[int], tuple[int, ...], frozenset[int]]] = []
        distinct = Matcher(vocab)
        seen: dict[str, int] = {}
        for key in keys:
            key_id = key if isinstance(key, int) else vocab.strings.add(key)
            found = matcher.get(key_id)
            if found is None or key_id in self.node_of:
                continue
            canonical = json.dumps(found[1], sort_keys=True)
            node = seen.get(canonical)
            if node is None:
                node = seen[canonical] = vocab.strings.add(f"bilat_node_{len(seen)}")
                distinct.add(vocab.strings[node], found[1])
            self.node_of[key_id] = node
        self.table = TableMatcher(vocab, distinct, [vocab.strings[n] for n in seen.values()])


def _tree_root(heads: list[int], i: int, roots: dict[int, int]) -> int:
    """The root of the tree of token ``i`` (``heads``: each token's head as an offset,
    0 for a root), remembered in ``roots`` for every token on the way; a cycle (no
    parser makes one) stops where it closes."""
    path: list[int] = []
    seen: set[int] = set()
    while i not in roots and heads[i] != 0 and i not in seen:
        seen.add(i)
        path.append(i)
        i += heads[i]
    root = roots.get(i, i)
    for j in path:
        roots[j] = root
    roots[root] = root
    return root


def speed_up_attribute_ruler(nlp: Language) -> None:
    """Give the pipeline's ``attribute_ruler`` (if any) a :class:`TableMatcher`."""
    if not nlp.has_pipe("attribute_ruler"):
        return
    ruler = nlp.get_pipe("attribute_ruler")
    if isinstance(ruler, AttributeRuler) and type(ruler.matcher) is Matcher:
        keys = [str(i) for i in range(len(ruler.attrs))]
        ruler.matcher = TableMatcher(nlp.vocab, ruler.matcher, keys)
