"""Speed and memory benchmark: bilat next to bare spaCy, on the same texts.

Run with ``make bench`` or ``.venv/bin/python bench/bench.py [--docs N] [--model NAME]
[--repeat K] [--json]``. Nothing is downloaded: the corpus cycles through the
development documents in ``../shared/eval/dev/docs`` (if present) and the bundled
samples in ``samples/news``, each copy with its own id.

Figures printed:

* speed of ``Extractor(Options(model=...)).extract(docs)`` (model loading timed
  apart) and of ``spacy.load(model)`` with all its default components over
  ``nlp.pipe(texts, batch_size=32)``: documents/s, tokens/s (one token count,
  taken with ``nlp.tokenizer``, used for both), wall seconds, best of K;
* peak RSS of each side, each measured in its own child process
  (``bench.py --child bilat|spacy``) so the two do not pollute each other;
* a streaming check: bilat's peak RSS on N and on 3N documents.

The goals (bilat at least 1.5x the documents/s of bare spaCy; bilat's peak memory
under 1 GB) live here, never in a timed test.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from bilat import DEFAULT_MODEL, Document, Extractor, Options
from corpus import base_documents, proc_status_mb

SPACY_BATCH = 32
MEMORY_GOAL_MB = 1024.0
SPEED_GOAL = 1.5  # bilat's documents/s over bare spaCy's


# -- corpus ------------------------------------------------------------------------
def corpus(base: Sequence[Document], n: int) -> Iterator[Document]:
    """``n`` documents cycling through ``base``, each copy with a unique id (lazy)."""
    for i in range(n):
        doc = base[i % len(base)]
        yield dataclasses.replace(doc, id=f"{doc.id}#{i}")


# -- measuring ---------------------------------------------------------------------
def ru_maxrss_mb() -> float:
    """``ru_maxrss`` of this process in MB (KiB on Linux, bytes on macOS).

    On Linux a child started by ``subprocess`` (vfork + exec) inherits the
    parent's high-water mark here, so the parent starts the memory children
    before it loads anything big, and :func:`peak_rss_mb` prefers ``VmHWM``.
    """
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def peak_rss_mb() -> float:
    """Peak RSS of this process's own address space (VmHWM), else ``ru_maxrss``."""
    hwm = proc_status_mb("VmHWM")
    return hwm if hwm is not None else ru_maxrss_mb()


def current_rss_mb() -> float | None:
    """Current resident set size in MB (Linux only; None elsewhere)."""
    return proc_status_mb("VmRSS")


def run_bilat(extractor: Extractor, docs: Iterator[Document] | Sequence[Document]) -> int:
    """Consume every record; returns the number of events (a sanity figure)."""
    events = 0
    for record in extractor.extract(docs):
        events += len(record.events)
    return events


def run_spacy(nlp: Any, texts: Iterator[str] | Sequence[str]) -> int:
    """Consume every Doc without keeping it; returns the number of entities."""
    ents = 0
    for doc in nlp.pipe(texts, batch_size=SPACY_BATCH):
        ents += len(doc.ents)
    return ents


def child(side: str, n: int, model: str) -> None:
    """Run one side on ``n`` documents, streaming, and print its memory as JSON."""
    base = base_documents("bench")
    t0 = time.perf_counter()
    if side == "bilat":
        extractor = Extractor(Options(model=model))
    else:
        import spacy

        nlp = spacy.load(model)
    load_s = time.perf_counter() - t0
    after_load = current_rss_mb()
    t0 = time.perf_counter()
    if side == "bilat":
        count = run_bilat(extractor, corpus(base, n))
    else:
        count = run_spacy(nlp, (d.text for d in corpus(base, n)))
    wall = time.perf_counter() - t0
    out = {
        "side": side,
        "docs": n,
        "load_s": load_s,
        "wall_s": wall,
        "count": count,
        "rss_after_load_mb": after_load,
        "peak_rss_mb": peak_rss_mb(),
        "ru_maxrss_mb": ru_maxrss_mb(),
    }
    print(json.dumps(out))


def in_child(side: str, n: int, model: str) -> dict[str, Any]:
    """Run :func:`child` in a fresh interpreter and return its figures."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", side,
           "--docs", str(n), "--model", model]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"bench: child {side} ({n} docs) failed:\n{proc.stderr}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def best_of(k: int, fn: Callable[[], int]) -> tuple[float, int]:
    """Smallest wall time of ``k`` calls of ``fn`` and its (last) result."""
    best = float("inf")
    result = 0
    for _ in range(k):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


# -- main --------------------------------------------------------------------------
def measure(n: int, model: str, repeat: int) -> dict[str, Any]:
    # memory first, in fresh interpreters, while this process is still small
    mem_bilat = in_child("bilat", n, model)
    mem_spacy = in_child("spacy", n, model)
    mem_bilat3 = in_child("bilat", 3 * n, model)

    import spacy

    base = base_documents("bench")
    docs = list(corpus(base, n))
    texts = [d.text for d in docs]

    t0 = time.perf_counter()
    extractor = Extractor(Options(model=model))
    bilat_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    nlp = spacy.load(model)
    spacy_load = time.perf_counter() - t0
    components = list(nlp.pipe_names)

    tokens = sum(len(nlp.tokenizer(t)) for t in texts)

    # warm both sides up, untimed, on each distinct document once: first-call costs
    # (lazy imports such as dateparser's, allocator growth) are not throughput
    warm = min(n, len(base))
    run_bilat(extractor, docs[:warm])
    run_spacy(nlp, texts[:warm])

    bilat_s, events = best_of(repeat, lambda: run_bilat(extractor, docs))
    spacy_s, ents = best_of(repeat, lambda: run_spacy(nlp, texts))

    bilat_dps, spacy_dps = n / bilat_s, n / spacy_s
    return {
        "model": model,
        "docs": n,
        "distinct_docs": len(base),
        "chars": sum(len(t) for t in texts),
        "tokens": tokens,
        "repeat": repeat,
        "bilat": {
            "load_s": bilat_load,
            "wall_s": bilat_s,
            "docs_per_s": bilat_dps,
            "tokens_per_s": tokens / bilat_s,
            "events": events,
            "peak_rss_mb": mem_bilat["peak_rss_mb"],
            "rss_after_load_mb": mem_bilat["rss_after_load_mb"],
            "ru_maxrss_mb": mem_bilat["ru_maxrss_mb"],
        },
        "spacy": {
            "components": components,
            "load_s": spacy_load,
            "wall_s": spacy_s,
            "docs_per_s": spacy_dps,
            "tokens_per_s": tokens / spacy_s,
            "entities": ents,
            "peak_rss_mb": mem_spacy["peak_rss_mb"],
            "rss_after_load_mb": mem_spacy["rss_after_load_mb"],
            "ru_maxrss_mb": mem_spacy["ru_maxrss_mb"],
        },
        "speed_ratio": bilat_dps / spacy_dps,
        "streaming": {
            "docs": [n, 3 * n],
            "peak_rss_mb": [mem_bilat["peak_rss_mb"], mem_bilat3["peak_rss_mb"]],
        },
        "goal_speed_met": bilat_dps >= SPEED_GOAL * spacy_dps,
        "goal_memory_met": mem_bilat["peak_rss_mb"] < MEMORY_GOAL_MB,
    }


def _met(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def report(f: dict[str, Any]) -> None:
    b, s = f["bilat"], f["spacy"]
    print(f"bilat benchmark: {f['docs']} documents ({f['distinct_docs']} distinct), "
          f"{f['chars']:,} characters, {f['tokens']:,} tokens; model {f['model']}; "
          f"best of {f['repeat']}")
    print(f"bare spaCy components: {', '.join(s['components'])}")
    print()
    print(f"{'':12}{'docs/s':>10}{'tokens/s':>12}{'wall s':>9}{'load s':>9}"
          f"{'peak MB':>10}{'MB after load':>15}")
    for name, side in (("bilat", b), ("bare spaCy", s)):
        after = side["rss_after_load_mb"]
        after_s = f"{after:.0f}" if after is not None else "n/a"
        print(f"{name:12}{side['docs_per_s']:>10.1f}{side['tokens_per_s']:>12,.0f}"
              f"{side['wall_s']:>9.2f}{side['load_s']:>9.2f}{side['peak_rss_mb']:>10.0f}"
              f"{after_s:>15}")
    print()
    print(f"speed ratio bilat/spaCy: {f['speed_ratio']:.2f}x "
          f"(bilat events: {b['events']}; spaCy entities: {s['entities']})")
    n1, n3 = f["streaming"]["docs"]
    p1, p3 = f["streaming"]["peak_rss_mb"]
    print(f"streaming: bilat peak RSS {p1:.0f} MB on {n1} docs, {p3:.0f} MB on {n3} docs "
          f"({p3 - p1:+.0f} MB)")
    print(f"goal: bilat >= {SPEED_GOAL}x bare spaCy speed: {_met(f['goal_speed_met'])}")
    print(f"goal: peak memory < 1 GB: {_met(f['goal_memory_met'])}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=300, help="documents in the corpus")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy pipeline name or path")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs per side (best of)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--child", choices=("bilat", "spacy"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.docs < 1 or args.repeat < 1:
        parser.error("--docs and --repeat must be at least 1")
    if args.child:
        child(args.child, args.docs, args.model)
        return
    figures = measure(args.docs, args.model, args.repeat)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        report(figures)


if __name__ == "__main__":
    main()
