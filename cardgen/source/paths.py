"""File names written in content and layouts (a logo, a fonts folder, font files) resolved safely.

Content is edited by people the practitioner may not know. A name in a YAML file must only ever reach files
inside the folders it belongs to: `..` that climbs out, an absolute path, or a symlink that leads elsewhere
is refused with a message, so a content folder cannot make cardgen read (and embed in a PDF) any other file.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath


class PathRefused(ValueError):
    """A file name from content or a layout points outside the folders it may use; str() says why."""


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def resolve_inside(value: object, base: Path, roots: Sequence[Path], where: str) -> Path:
    """Resolve `value` relative to `base`; the result, symlinks followed, must lie inside one of `roots`.

    `where` names the allowed folders for the message ("the content folder"). Returns the resolved path,
    which need not exist: whether a missing file is an error is the caller's business.
    """
    example = "e.g. images/logo.png" if "content" in where else "e.g. NotoSans-Regular.ttf"
    if not isinstance(value, str) or not value.strip():
        raise PathRefused(f"expected a file name relative to {where}, {example}; got {value!r}")
    if "\0" in value:
        raise PathRefused(f"a file name may not contain a NUL character; give a name relative to {where}")
    if PurePosixPath(value).is_absolute() or PureWindowsPath(value).is_absolute() or PureWindowsPath(value).drive:
        raise PathRefused(f"absolute paths are not allowed ({value!r}); give a name relative to {where}, {example}")
    if value.startswith("~"):
        raise PathRefused(f"'~' (a home folder) is not allowed ({value!r}); give a name relative to {where}")
    lexical = Path(os.path.normpath(base.absolute() / value))
    if not any(_inside(lexical, Path(os.path.normpath(root.absolute()))) for root in roots):
        raise PathRefused(f"{value!r} leads outside {where} (through '..'); only files inside it may be used")
    resolved = lexical.resolve()
    if not any(_inside(resolved, root.resolve()) for root in roots):
        raise PathRefused(
            f"{value!r} is or passes through a symlink that leads outside {where}, to {resolved}; "
            "copy the file into the folder instead"
        )
    return resolved


def outside(path: Path, root: Path) -> Path | None:
    """Where `path` really leads when that is outside `root` (a symlink found by scanning a folder), else None."""
    resolved = path.resolve()
    return None if _inside(resolved, root.resolve()) else resolved


class NotReadable(ValueError):
    """A file that must not be read as it is: not a regular file, or larger than its limit; str() says why."""


def read_regular(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of a regular file, or NotReadable (OSError for the usual reasons).

    The file is opened without blocking (a FIFO would wait forever for a writer) and checked on the open handle,
    not on the name, so a name swapped for a device in between is still caught. The limit holds for what is
    read, not for what st_size says: /dev/zero and /proc files report 0 bytes and never end.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        what = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a device, FIFO or socket)"
        raise NotReadable(f"cannot read: {what}")
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise NotReadable(f"more than {limit} bytes were read; the limit is {limit} bytes ({limit / 2**20:g} MiB)")
    return data
