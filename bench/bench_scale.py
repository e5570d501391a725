"""Scale-out benchmark (issue 8): extraction with 1 and 2 local worker processes
and on a two-worker Dask ``LocalCluster``, and the rate of reading a WARC file.

Run with ``make bench`` or ``.venv/bin/python bench/bench_scale.py [--docs N] [--json]``.
Every configuration runs in its own child interpreter (``--child NAME``), end to
end as a user runs it (pipeline loading included, which the workers do in
parallel), over the same N documents cycled from the development documents and
the samples. Figures: wall seconds, documents/s, the ratio to one process (goal:
at least 1.7 with two workers on two cores), peak RSS of the main process and of
the largest worker. The WARC figure reads a WARC file of N HTML responses built
here, without extraction (trafilatura does the work).
"""

from __future__ import annotations

import argparse
import dataclasses
import html
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from bilat import Document, Options
from bilat.parallel import DaskExtractor, OutcomeSource, outcome_source
from corpus import base_documents, proc_status_mb

CONFIGS = ("workers-1", "workers-2", "dask-2")
GOAL_RATIO = 1.7


def corpus(n: int) -> Iterator[Document]:
    base = base_documents("bench_scale")
    for i in range(n):
        doc = base[i % len(base)]
        yield dataclasses.replace(doc, id=f"{doc.id}#{i}")


def children_peak_mb() -> float:
    """The largest peak RSS of this process's waited-for children (Linux: KiB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _consume(source: OutcomeSource, n: int) -> int:
    return sum(1 for _ in source.outcomes(corpus(n)))


def child(name: str, n: int) -> dict[str, Any]:
    options = Options()
    worker_peak: float | None = None
    t0 = time.perf_counter()
    if name.startswith("workers-"):
        workers = int(name.split("-")[1])
        done = _consume(outcome_source(options, workers), n)
        worker_peak = children_peak_mb() if workers > 1 else None
    else:
        from distributed import Client, LocalCluster

        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster:
            t0 = time.perf_counter()  # the cluster's own start-up is not extraction
            done = _consume(DaskExtractor(cluster.scheduler_address, options), n)
            wall = time.perf_counter() - t0
            with Client(cluster) as client:
                peaks = client.run(proc_status_mb, "VmHWM")
                worker_cpu = sum(client.run(own_cpu_seconds).values())
            worker_peak = max(v for v in peaks.values() if v is not None)
            figures = _figures(name, n, done, wall, worker_peak)
            figures["cpu_s"] += worker_cpu  # the workers are not this process's children
            return figures
    return _figures(name, n, done, time.perf_counter() - t0, worker_peak)


def own_cpu_seconds() -> float:
    """User + system CPU time of the calling process (run on each Dask worker)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def cpu_seconds() -> float:
    """User + system CPU time of this process and its waited-for children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _figures(name: str, n: int, done: int, wall: float, worker_peak: float | None
             ) -> dict[str, Any]:
    return {"config": name, "docs": n, "done": done, "wall_s": wall, "docs_per_s": n / wall,
            "cpu_s": cpu_seconds(), "main_peak_mb": proc_status_mb("VmHWM"),
            "worker_peak_mb": worker_peak}


def warc_rate(n: int) -> dict[str, Any]:
    """Read a WARC.gz of ``n`` HTML responses built from the corpus."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from bilat import read_documents

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.warc.gz"
        with path.open("wb") as fh:
            writer = WARCWriter(fh, gzip=True)
            for doc in corpus(n):
                paragraphs = "".join(
                    f"<p>{html.escape(p)}</p>" for p in doc.text.split("\n") if p.strip())
                page = (f"<html><head><title>{html.escape(doc.id)}</title></head>"
                        f"<body><article>{paragraphs}</article></body></html>").encode()
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                        protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    f"https://bench.example/{doc.id}", "response", payload=io.BytesIO(page),
                    http_headers=http))
        size = path.stat().st_size
        t0 = time.perf_counter()
        read = sum(1 for item in read_documents(path) if isinstance(item, Document))
        wall = time.perf_counter() - t0
    return {"records": n, "read": read, "wall_s": wall, "docs_per_s": n / wall,
            "mb_per_s": size / wall / 1e6, "peak_mb": proc_status_mb("VmHWM")}


def in_child(args: Sequence[str]) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"bench_scale: {' '.join(args)} failed:\n{proc.stderr}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def report(runs: list[dict[str, Any]], warc: dict[str, Any]) -> None:
    one = runs[0]["docs_per_s"]
    print(f"bilat scale-out: {runs[0]['docs']} documents, end to end (model loading "
          "included; Dask: cluster start-up excluded)")
    print(f"{'':12}{'docs/s':>9}{'ratio':>8}{'wall s':>9}{'CPU s':>8}{'main MB':>10}"
          f"{'worker MB':>11}")
    for r in runs:
        worker = f"{r['worker_peak_mb']:.0f}" if r["worker_peak_mb"] else "-"
        print(f"{r['config']:12}{r['docs_per_s']:>9.2f}{r['docs_per_s'] / one:>8.2f}"
              f"{r['wall_s']:>9.1f}{r['cpu_s']:>8.1f}{r['main_peak_mb']:>10.0f}{worker:>11}")
    print("CPU s: all processes of the run; far below wall s x workers means the cores "
          "were busy with other work and the ratio understates the scaling")
    print(f"WARC read (no extraction): {warc['docs_per_s']:.1f} records/s, "
          f"{warc['mb_per_s']:.2f} MB/s, peak {warc['peak_mb']:.0f} MB")
    ratio = runs[1]["docs_per_s"] / one
    print(f"goal: 2 workers >= {GOAL_RATIO}x one process: "
          f"{'MET' if ratio >= GOAL_RATIO else 'NOT MET'} ({ratio:.2f}x)")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=200, help="documents per configuration")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--child", choices=(*CONFIGS, "warc"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.docs < 1:
        parser.error("--docs must be at least 1")
    if args.child == "warc":
        print(json.dumps(warc_rate(args.docs)))
        return
    if args.child:
        print(json.dumps(child(args.child, args.docs)))
        return
    configs = [c for c in CONFIGS if not c.startswith("dask") or find_spec("distributed")]
    if len(configs) < len(CONFIGS):
        print("bench_scale: distributed is not installed (pip install 'bilat[dask]'): "
              "no Dask figures", file=sys.stderr)
    runs = [in_child(["--child", name, "--docs", str(args.docs)]) for name in configs]
    warc = in_child(["--child", "warc", "--docs", str(args.docs)])
    if args.json:
        print(json.dumps({"runs": runs, "warc": warc}, indent=2))
    else:
        report(runs, warc)


if __name__ == "__main__":
    main()
