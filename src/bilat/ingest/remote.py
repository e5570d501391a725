"""Inputs and outputs named by URL: ``file://`` (read as a local path) and every
scheme of fsspec (``s3://``, ``gs://``, ``memory://`` ...).

fsspec is an optional extra (``pip install 'bilat[remote]'``) and each remote
scheme needs its own filesystem package besides (``s3fs`` for ``s3://``,
``gcsfs`` for ``gs://``); without them such a URL is reported by a
:class:`~bilat.errors.MissingPackageError`. Local paths never import fsspec.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, TextIO, cast
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from bilat.errors import IngestError, MissingPackageError

REMOTE_EXTRA = "pip install 'bilat[remote]'"
"""How to install fsspec with bilat."""

# 'install s3fs to access S3', fsspec's own words for a scheme whose package is missing
_INSTALL = re.compile(r"[Ii]nstall ([A-Za-z0-9_.-]{1,60})")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]{1,15}):")


def url_scheme(url: str) -> str:
    """The scheme of ``url``, lower case (``"s3"``), or ``""``."""
    found = _SCHEME.match(url)
    return found.group(1).lower() if found else ""


def file_url_path(url: str) -> Path:
    """The local path a ``file://`` URL names (``file:///srv/news`` -> ``/srv/news``);
    a path folded by :class:`pathlib.Path` (``file:/srv/news``) is read the same.

    Raises:
        IngestError: the URL names a file on another host.
    """
    rest = url[len("file:"):]
    if not rest.startswith("//") or rest.startswith("///"):
        return Path(url2pathname(unquote("/" + rest.lstrip("/"))))
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise IngestError(url, f"a file:// URL of another host ({parts.netloc}): "
                               "give a local path, or mount that host's files")
    return Path(url2pathname(unquote(parts.path)))


@dataclass(frozen=True, slots=True)
class RemoteStat:
    """The part of :func:`os.stat_result` the readers use."""

    st_size: int


@dataclass(frozen=True, slots=True)
class RemoteFile:
    """A file on an fsspec filesystem, with the part of :class:`pathlib.Path`'s
    interface the readers use (``name``, ``stem``, ``suffix``, ``stat``,
    ``open``, ``read_bytes``). ``str()`` is its URL. Failures of the filesystem
    come out as :class:`OSError`, as for a local file."""

    fs: Any
    fs_path: str
    url: str

    def __str__(self) -> str:
        return self.url

    @property
    def name(self) -> str:
        return PurePosixPath(self.fs_path).name

    @property
    def stem(self) -> str:
        return PurePosixPath(self.fs_path).stem

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.fs_path).suffix

    def stat(self) -> RemoteStat:
        return RemoteStat(int(_as_os_error(lambda: self.fs.size(self.fs_path)) or 0))

    def open(self, mode: str = "rb") -> BinaryIO:
        if mode != "rb":
            raise ValueError("a remote input is opened for reading bytes only")
        return cast(BinaryIO, _as_os_error(lambda: self.fs.open(self.fs_path, "rb")))

    def read_bytes(self) -> bytes:
        return cast(bytes, _as_os_error(lambda: self.fs.cat_file(self.fs_path)))


def _as_os_error(call: Callable[[], Any]) -> Any:
    """``call()``, any failure of a filesystem package (a cloud SDK's own errors
    included) turned into an :class:`OSError` with its message on one line."""
    try:
        return call()
    except OSError:
        raise
    except Exception as err:  # a third-party filesystem: its errors are its own
        raise OSError(" ".join(str(err).split()) or type(err).__name__) from err


def filesystem(url: str) -> tuple[Any, str]:
    """The fsspec filesystem of ``url`` and the path inside it.

    Raises:
        MissingPackageError: fsspec, or the package of the URL's scheme, is not installed.
        IngestError: the scheme is unknown, or the filesystem cannot be opened.
    """
    try:
        import fsspec.core
    except ImportError:
        raise MissingPackageError(url, "fsspec", REMOTE_EXTRA) from None
    scheme = url_scheme(url)
    try:
        fs, path = fsspec.core.url_to_fs(url)
    except ImportError as err:
        named = _INSTALL.search(str(err))
        package = named.group(1) if named else f"the filesystem package of {scheme}://"
        raise MissingPackageError(
            url, package, f"{' '.join(str(err).split())} (pip install {package})"
            if named else " ".join(str(err).split())
        ) from None
    except ValueError as err:
        raise IngestError(url, f"unknown URL scheme {scheme}://: {err}") from None
    except Exception as err:  # a third-party filesystem: its errors are its own
        raise IngestError(url, f"cannot open: {' '.join(str(err).split())}") from None
    return fs, cast(str, path)


def walk_remote(
    url: str,
    is_supported: Callable[[str], bool],
    kind: Callable[[str], str],
    explicit_kind: Callable[[str], bool],
) -> Iterator[tuple[RemoteFile, str] | IngestError | Counter[str]]:
    """The files under ``url`` that bilat reads (a folder, walked in name order,
    hidden entries skipped) or ``url`` itself, each with its key (path relative
    to the folder given, or its name); errors as :class:`IngestError`, and last,
    for a folder, the counts of files passed over by kind.

    ``is_supported``, ``kind`` and ``explicit_kind`` judge a file name (see
    :mod:`bilat.ingest.paths`).
    """
    try:
        fs, root = filesystem(url)
        is_dir = bool(_as_os_error(lambda: fs.isdir(root)))
        is_file = not is_dir and bool(_as_os_error(lambda: fs.isfile(root)))
    except IngestError as err:
        yield err
        return
    except OSError as err:
        yield IngestError(url, f"cannot inspect: {err}")
        return
    if is_file:
        name = PurePosixPath(root).name
        if explicit_kind(name):
            yield RemoteFile(fs, root, url), name
        else:
            suffix = PurePosixPath(root).suffix or "(no suffix)"
            yield IngestError(url, f"unsupported file type {suffix}")
        return
    if not is_dir:
        yield IngestError(url, "no such file or directory")
        return
    try:
        found = sorted(_as_os_error(lambda: fs.find(root, withdirs=False, detail=False)))
    except OSError as err:
        yield IngestError(url, f"cannot list directory: {err}")
        return
    base = root.rstrip("/")
    skipped: Counter[str] = Counter()
    for path in found:
        relative = path[len(base):].lstrip("/") if path.startswith(base) else path
        if not relative or any(part.startswith(".") for part in relative.split("/")):
            continue
        if is_supported(relative):
            yield RemoteFile(fs, path, f"{url.rstrip('/')}/{relative}"), relative
        else:
            skipped[kind(relative)] += 1
    yield skipped


def open_output(url: str) -> TextIO:
    """A text file (UTF-8) to write at ``url``, a file on an fsspec filesystem;
    the caller closes it (the file is complete only then).

    Raises:
        MissingPackageError: fsspec, or the package of the URL's scheme, is missing.
        IngestError: the file cannot be created.
    """
    fs, path = filesystem(url)
    try:
        return cast(TextIO, _as_os_error(
            lambda: fs.open(path, "w", encoding="utf-8", newline="\n")
        ))
    except OSError as err:
        raise IngestError(url, f"cannot write: {err}") from None
