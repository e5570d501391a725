"""What both benchmarks share: the real documents they cycle through (the
development documents in ``../shared/eval/dev/docs``, when present, and the
bundled samples) and reading this process's memory figures."""

from __future__ import annotations

import sys
from pathlib import Path

from bilat import Document, read_documents

REPO = Path(__file__).resolve().parents[1]
DEV_DOCS = REPO.parent / "shared" / "eval" / "dev" / "docs"
SAMPLES = REPO / "samples" / "news"
EXIT_NO_CORPUS = 2


def base_documents(program: str) -> list[Document]:
    """The distinct documents to cycle through (dev docs, then samples); exits
    with code 2 and a message naming ``program`` when there are none."""
    paths: list[Path] = []
    for folder in (DEV_DOCS, SAMPLES):
        if folder.is_dir():
            paths.extend(sorted(folder.glob("*.txt")))
    docs = [item for item in read_documents(paths) if isinstance(item, Document)]
    if not docs:
        print(
            f"{program}: no documents: neither {DEV_DOCS} nor {SAMPLES} "
            "holds a readable .txt file",
            file=sys.stderr,
        )
        raise SystemExit(EXIT_NO_CORPUS)
    return docs


def proc_status_mb(key: str) -> float | None:
    """A ``kB`` field of /proc/self/status in MB (Linux only; None elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None
