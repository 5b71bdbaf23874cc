"""Atomic output: every PDF of a run is written to a temporary file in its own folder, then renamed into place.

A build that fails half-way leaves last week's good PDFs byte-identical and no temporary files behind:
all files are staged first and only renamed once every one of them is safely on disk. Before any work,
`check_writable` makes sure every output path can be written, without creating anything.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..errors import OutputError

TEMP_SUFFIX = ".tmp"


def _nearest_existing(path: Path) -> Path:
    """`path` itself or its closest ancestor that exists (the folder that mkdir would create things in)."""
    for candidate in [path, *path.parents]:
        if candidate.exists() or candidate.is_symlink():
            return candidate
    return Path(path.anchor or ".")


def _probe(folder: Path) -> None:
    """Create and remove a temporary file: the only honest test that a folder is writable.

    os.access() says yes to root even on a read-only mount and no to nobody on some network filesystems.
    """
    try:
        fd, name = tempfile.mkstemp(prefix=".cardgen-probe.", suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write here ({exc.strerror}); choose another --out folder") from None
    os.close(fd)
    Path(name).unlink(missing_ok=True)


def confine(root: Path, target: Path) -> None:
    """Refuse a target that does not lie inside `root` (the --out folder), `..` resolved and symlinks followed.

    Output paths are built from names (a language code, a client's slug); whatever slipped through their own
    checks, nothing is ever written outside the folder the user chose.
    """
    base, where = root.resolve(), target.resolve()
    if base not in where.parents:
        raise OutputError(f"{target}: lies outside the output folder {root}; nothing was written")


def check_writable(targets: Iterable[Path], root: Path | None = None) -> None:
    """Fail before any work if any target file cannot be written; creates nothing that stays behind.

    Each target's folder must be a folder (or creatable under one that is) that we can write in, and the
    target itself must not be a folder. With `root`, every target must lie inside it (see confine).
    """
    probed: set[Path] = set()
    for target in targets:
        if root is not None:
            confine(root, target)
        if target.is_dir():
            raise OutputError(f"{target}: a folder is in the way of this output file; move or rename it")
        existing = _nearest_existing(target.parent)
        if not existing.is_dir():
            raise OutputError(
                f"{existing}: is a file, but the output {target} needs a folder here; move it or choose another --out"
            )
        if existing not in probed:
            _probe(existing)
            probed.add(existing)


def ensure_writable_dir(folder: Path) -> None:
    """Create `folder` if needed, failing with a clear error when it cannot be created or written.

    For commands that write into a folder as they go (previews, schema export); a build uses check_writable.
    """
    existing = _nearest_existing(folder)
    if not existing.is_dir():
        raise OutputError(f"{existing}: is a file, but {folder} needs a folder here; move it or choose another folder")
    _probe(existing)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create this folder ({exc.strerror})") from None
    _probe(folder)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _stage(path: Path, data: bytes, mode: int) -> Path:
    """Write `data` to a new temporary file beside `path`, flushed to disk; returns the temporary file."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _sync_folder(folder: Path) -> None:
    """Make the renames durable (POSIX); harmless where folders cannot be opened (Windows)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_all_atomic(files: Mapping[Path, bytes], root: Path | None = None) -> None:
    """Write every file or none: stage all temporary files first, then rename each into place.

    If staging fails (disk full, a folder in the way) every temporary file is removed and no output changed.
    Two builds writing the same folder at once each rename complete files, so every PDF there is whole.
    With `root`, every file must lie inside it (see confine), checked before anything is written.
    """
    if root is not None:
        for path in files:
            confine(root, path)
    mode = 0o666 & ~_umask()
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            if path.is_dir():
                raise OutputError(f"{path}: a folder is in the way of this output file; move or rename it")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise OutputError(f"{path.parent}: cannot create this folder ({exc.strerror})") from None
            try:
                staged.append((_stage(path, data, mode), path))
            except OSError as exc:
                raise OutputError(f"{path}: cannot write ({exc.strerror}); nothing was replaced") from None
        for tmp, path in staged:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise OutputError(f"{path}: cannot replace ({exc.strerror})") from None
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
    for folder in {path.parent for path in files}:
        _sync_folder(folder)


def write_atomic(path: Path, data: bytes) -> None:
    """Write one file atomically (see write_all_atomic)."""
    write_all_atomic({path: data})
