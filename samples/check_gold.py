#!/usr/bin/env python3
"""Check samples/gold.jsonl against samples/news/*.txt and the rules of RECORD.md.

    python samples/check_gold.py [GOLD] [DOCS]

Standard library only; if `pycountry` is importable, country codes are also
checked against ISO 3166-1 (otherwise only their form is checked).
Exits 1 and lists the problems when any check fails.
"""

from __future__ import annotations

import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}
MODES = {"meeting", "visit", "phone", "video", "multilateral"}
STATUSES = {"occurred", "planned"}
TOPICS = {
    "politics",
    "trade",
    "investment",
    "energy",
    "transport",
    "technology",
    "defense",
    "security",
    "health",
    "environment",
    "education",
    "culture",
    "agriculture",
    "multilateral",
}
KINDS = {"trade_turnover", "exports", "supply", "investment", "aid"}
UNDIRECTED = {"trade_turnover", "investment"}
TIMEX = re.compile(r"^(\d{4}|XXXX)(-\d{2}(-\d{2})?)?$")
INTERVAL = re.compile(r"^\d{4}-\d{2}/\d{4}-\d{2}$")

try:
    import pycountry  # type: ignore

    ISO3 = {c.alpha_3 for c in pycountry.countries}
except ImportError:  # form-only check
    ISO3 = None


def main(argv: list[str]) -> int:
    gold = argv[1] if len(argv) > 1 else os.path.join(HERE, "gold.jsonl")
    docs = argv[2] if len(argv) > 2 else os.path.join(HERE, "news")
    errors: list[str] = []
    err = errors.append

    files = sorted(f[:-4] for f in os.listdir(docs) if f.endswith(".txt"))
    with open(gold, encoding="utf-8") as fh:
        recs = [json.loads(line) for line in fh if line.strip()]
    order = [r.get("doc") for r in recs]
    if order != files:
        err(f"gold docs {order} do not match sorted files {files}")

    def country_ok(where: str, code: object) -> None:
        if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{3}", code):
            err(f"{where}: bad country code {code!r}")
        elif ISO3 is not None and code not in ISO3:
            err(f"{where}: {code} is not an ISO 3166-1 alpha-3 code")

    def timex_ok(where: str, value: object, interval: bool = False) -> None:
        if value is None:
            return
        if not isinstance(value, str) or not (
            TIMEX.match(value) or (interval and INTERVAL.match(value))
        ):
            err(f"{where}: bad TIMEX {value!r}")

    def evidence_ok(where: str, item: dict, text: str) -> None:
        ev = item.get("evidence")
        if not isinstance(ev, dict):
            err(f"{where}: no evidence")
            return
        s, e, t = ev.get("start"), ev.get("end"), ev.get("text")
        if not (isinstance(s, int) and isinstance(e, int) and isinstance(t, str) and t.strip()):
            err(f"{where}: malformed evidence {ev!r}")
        elif text[s:e] != t:
            err(f"{where}: evidence text != file[{s}:{e}] ({text[s:e]!r})")

    for rec in recs:
        doc = rec.get("doc")
        path = os.path.join(docs, f"{doc}.txt")
        if not os.path.exists(path):
            err(f"{doc}: no file {path}")
            continue
        with open(path, encoding="utf-8", newline="") as fh:
            text = fh.read()
        words = len(text.split())
        if not 80 <= words <= 350:
            err(f"{doc}: {words} words, outside 80-350")
        timex_ok(f"{doc}.published", rec.get("published"))
        for n, ev in enumerate(rec.get("events", [])):
            w = f"{doc}.events[{n}]"
            if ev.get("type") not in TYPES:
                err(f"{w}: bad type {ev.get('type')!r}")
            mode = ev.get("mode")
            if ev.get("type") == "CONSULT":
                if mode is not None and mode not in MODES:
                    err(f"{w}: bad mode {mode!r}")
                if mode in ("phone", "video") and ev.get("location"):
                    err(f"{w}: a {mode} call has no location")
            elif mode is not None:
                err(f"{w}: mode must be null for {ev.get('type')}")
            if ev.get("status") not in STATUSES:
                err(f"{w}: bad status {ev.get('status')!r}")
            cs = ev.get("countries") or []
            if cs != sorted(set(cs)) or len(cs) < 2:
                err(f"{w}: countries must be >= 2, sorted and unique: {cs}")
            for c in cs:
                country_ok(w, c)
            timex_ok(w, ev.get("date"))
            for p in ev.get("participants", []):
                if not p.get("name") or set(p) - {"name", "title", "country", "aliases"}:
                    err(f"{w}: bad participant {p!r}")
                if p.get("country") is not None:
                    country_ok(w, p["country"])
                    if p["country"] not in cs:
                        err(f"{w}: participant country {p['country']} not among {cs}")
                for a in p.get("aliases", []):
                    if a not in text:
                        err(f"{w}: alias {a!r} not in text")
                if p["name"] not in text:
                    err(f"{w}: participant name {p['name']!r} not in text")
            bad = set(ev.get("topics") or []) - TOPICS
            if bad:
                err(f"{w}: bad topics {sorted(bad)}")
            evidence_ok(w, ev, text)
        for n, fa in enumerate(rec.get("facts", [])):
            w = f"{doc}.facts[{n}]"
            kind = fa.get("kind")
            if kind not in KINDS:
                err(f"{w}: bad kind {kind!r}")
            cs = fa.get("countries") or []
            if len(cs) != 2 or cs[0] == cs[1]:
                err(f"{w}: a fact needs two different countries: {cs}")
            if kind in UNDIRECTED and cs != sorted(cs):
                err(f"{w}: {kind} countries must be sorted: {cs}")
            for c in cs:
                country_ok(w, c)
            if not isinstance(fa.get("value"), (int, float)) or isinstance(fa.get("value"), bool):
                err(f"{w}: value must be a plain number")
            unit = fa.get("unit")
            if not isinstance(unit, str) or not (
                re.fullmatch(r"[A-Z]{3}", unit) or unit == unit.lower()
            ):
                err(f"{w}: unit must be ISO 4217 or a lower-case physical unit: {unit!r}")
            timex_ok(w, fa.get("period"), interval=True)
            evidence_ok(w, fa, text)

    if errors:
        print("\n".join(errors))
        print(f"{len(errors)} problem(s)")
        return 1
    n_ev = sum(len(r.get("events", [])) for r in recs)
    n_fa = sum(len(r.get("facts", [])) for r in recs)
    iso = "ISO 3166-1 checked" if ISO3 is not None else "country codes checked for form only"
    print(f"ok: {len(recs)} documents, {n_ev} events, {n_fa} facts ({iso})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
