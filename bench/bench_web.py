"""Web app load benchmark: requests/s and latency under concurrent clients.

Run with ``.venv/bin/python bench/bench_web.py [--events N] [--db PATH]
[--clients C] [--requests R] [--seconds S]`` (``make bench-web``). Nothing is
downloaded and every request goes to 127.0.0.1:

1. The store: ``--db`` if it exists (any store ``bilat ingest`` or
   ``bench/bench_store.py --keep`` made), else a synthetic one of ``--events``
   events (default one million) built by ``bench/bench_store.py``'s bulk load
   in a temporary folder.
2. ``bilat serve`` on a free loopback port, in a process of its own.
3. The twenty busiest dyads (``/api/dyads``), then, for each measured kind,
   ``--clients`` concurrent clients (default 50) sending requests for random
   dyads among them until ``--requests`` requests were answered or ``--seconds``
   passed: ``/api/events?country=A&partner=B`` (the newest 50 with the total)
   and the dyad page ``/dyads/A/B``. Prints requests/s, p50, p95 and max.

Goal (issue 7): p95 under 100 ms. A measurement, never a timed test.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
BILAT = Path(sys.executable).with_name("bilat")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def build_store(path: Path, n_events: int, seed: int) -> None:
    sys.path.insert(0, str(HERE))
    import bench_store
    from bilat.store import open_store

    open_store(f"sqlite:///{path}").close()
    print(f"building a synthetic store of {n_events:,} events ...", file=sys.stderr)
    started = time.perf_counter()
    bench_store.bulk_load(path, bench_store.World(seed), seed, n_events, check=False,
                          analyze=True)
    print(f"built in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux), else 0."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, cache_seconds: float | None = None
                 ) -> subprocess.Popen[bytes]:
    extra = [] if cache_seconds is None else ["--cache-seconds", str(cache_seconds)]
    server = subprocess.Popen(
        [str(BILAT), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port),
         *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            said = server.stderr.read().decode() if server.stderr else ""
            raise SystemExit(f"bilat serve stopped: {said}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("bilat serve did not answer within 60 s")


class Connection:
    """One keep-alive HTTP/1.1 connection, as lean as a load generator needs:
    the request line and two headers out, the status, headers and body
    (Content-Length or chunked) read back and not decoded. ``httpx``'s client
    costs about 3 ms of CPU per request, several times what a cached answer
    costs the server, so on a shared 2-core machine it measured itself."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str, timeout: float) -> int:
        return await asyncio.wait_for(self._get(path), timeout)

    async def _get(self, path: str) -> int:
        if self.writer is None or self.reader is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.reader, self.writer
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                     "Accept-Encoding: gzip\r\n\r\n".encode())
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        fields = {k.strip().lower(): v.strip() for k, _, v in
                  (line.partition(":") for line in lines[1:] if line)}
        if "content-length" in fields:
            await reader.readexactly(int(fields["content-length"]))
        elif fields.get("transfer-encoding", "").lower() == "chunked":
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await reader.readexactly(size + 2)
                if size == 0:
                    break
        if fields.get("connection", "").lower() == "close":
            await self.close()
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def load(base: str, paths: list[str], clients: int, requests: int,
               seconds: float, client: str = "raw") -> tuple[list[float], int, float]:
    """Latencies (s) of the answered requests, errors, and the wall time:
    ``clients`` workers, each on its own keep-alive connection, sending one
    request after another."""
    latencies: list[float] = []
    errors = 0
    sent = 0
    rng = random.Random(1)
    stop_at = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    host, port = base.removeprefix("http://").rsplit(":", 1)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as pool:
        async def worker() -> None:
            nonlocal errors, sent
            connection = Connection(host, int(port))
            while sent < requests and time.perf_counter() < stop_at:
                sent += 1
                path = rng.choice(paths)
                t0 = time.perf_counter()
                try:
                    if client == "httpx":
                        ok = (await pool.get(path)).status_code == 200
                    else:
                        ok = await connection.get(path, 30) == 200
                except (TimeoutError, httpx.HTTPError, OSError, ValueError,
                        asyncio.IncompleteReadError, asyncio.LimitOverrunError):
                    ok = False
                    await connection.close()
                if ok:
                    latencies.append(time.perf_counter() - t0)
                else:
                    errors += 1
            await connection.close()

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        return latencies, errors, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="an existing store (else one is built)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=10000, help="per measured kind")
    parser.add_argument("--seconds", type=float, default=60.0, help="per measured kind, at most")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--client", choices=("raw", "httpx"), default="raw",
                        help="load generator: lean keep-alive connections (default) or "
                        "httpx's AsyncClient (costs the client far more CPU)")
    parser.add_argument("--cache-seconds", type=float, default=None,
                        help="passed to bilat serve (0: the app keeps nothing)")
    args = parser.parse_args()
    tmpdir: str | None = None
    if args.db is not None and args.db.exists():
        db = args.db.resolve()
    else:
        tmpdir = tempfile.mkdtemp(prefix="bilat-bench-web-")
        db = args.db.resolve() if args.db else Path(tmpdir) / "store.db"
        build_store(db, args.events, args.seed)
    port = free_port()
    server = start_server(db, port, args.cache_seconds)
    base = f"http://127.0.0.1:{port}"
    try:
        top = httpx.get(f"{base}/api/dyads", params={"limit": "20"}, timeout=600).json()
        pairs = [(d["country"], d["partner"]) for d in top["items"]]
        if not pairs:
            raise SystemExit("the store has no dyad")
        print(f"store {db} ({os.path.getsize(db) / 1e6:,.0f} MB), {len(pairs)} busiest dyads, "
              f"{args.clients} clients, up to {args.requests} requests or {args.seconds:.0f} s "
              "per kind")
        kinds = {
            "/api/events?country=A&partner=B": [
                f"/api/events?country={a}&partner={b}" for a, b in pairs],
            "/dyads/A/B (page)": [f"/dyads/{a}/{b}" for a, b in pairs],
        }
        print(f"machine: {os.cpu_count()} cores, load average {load_average()} (1, 5, 15 min); "
              f"client: {args.client}")
        print(f"{'request':34} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
              f"{'errors':>6} {'server CPU ms/req':>17} {'client':>6}")
        for name, paths in kinds.items():
            asyncio.run(load(base, paths, min(args.clients, 10), 50, 30, args.client))  # warm-up
            server_cpu, own_cpu = cpu_seconds(server.pid), time.process_time()
            latencies, errors, wall = asyncio.run(
                load(base, paths, args.clients, args.requests, args.seconds, args.client))
            if not latencies:
                print(f"{name:34} no request answered ({errors} errors)")
                continue
            n = len(latencies) + errors
            server_ms = (cpu_seconds(server.pid) - server_cpu) / n * 1e3
            client_ms = (time.process_time() - own_cpu) / n * 1e3
            print(f"{name:34} {len(latencies) / wall:8.1f} {pct(latencies, .5) * 1e3:8.1f} "
                  f"{pct(latencies, .95) * 1e3:8.1f} {max(latencies) * 1e3:8.1f} {errors:6} "
                  f"{server_ms:17.2f} {client_ms:6.2f}")
        print(f"load average at the end {load_average()}")
    finally:
        server.terminate()
        server.wait(timeout=30)
        if tmpdir is not None and args.db is None:
            shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    main()
