"""Reading what people hand us and writing what we make, without surprises.

Inputs are read only from regular files and only up to a size, so a device or a pipe named as
content cannot hang or exhaust a build. Outputs replace a file in one step (a reader sees the
old file or the new, never part of one), never replace anything but a regular file, respect
the umask, keep the mode of the file they replace, and leave no temporary file behind.
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path

from handout.errors import HandoutError

# Linux creates an unnamed file for O_TMPFILE: a killed process leaves nothing behind.
_O_TMPFILE = getattr(os, "O_TMPFILE", 0)
_TEMPORARY_SUFFIX = ".handout-tmp"
# A temporary file this old belongs to a write that died; newer ones may be in flight.
_STALE_SECONDS = 600
PRIVATE_MODE = 0o600  # personal handouts: the patient's name and notes are in them
SHARED_MODE = 0o666  # before the umask, as any program's new files


def read_input(path: Path, what: str, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; anything else is one clear
    HandoutError naming `what` (e.g. "content file") and the path."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise HandoutError(f"{path}: {what} not found") from None
    except IsADirectoryError:
        raise HandoutError(f"{path}: {what} is a folder, not a file") from None
    except OSError as error:
        raise HandoutError(f"{path}: cannot read {what} ({error.strerror})") from None
    except ValueError:  # a NUL in the name
        raise HandoutError(f"{path!r}: not a valid file name for the {what}") from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        kind = (
            "is a folder, not a file" if stat.S_ISDIR(status.st_mode) else "is not a regular file"
        )
        raise HandoutError(f"{path}: {what} {kind}")
    with os.fdopen(descriptor, "rb") as stream:
        if status.st_size > limit:
            raise HandoutError(f"{path}: {what} is larger than {_size(limit)}")
        try:
            data = stream.read(limit + 1)
        except OSError as error:
            raise HandoutError(f"{path}: cannot read {what} ({error.strerror})") from None
    if len(data) > limit:  # it grew while we read it
        raise HandoutError(f"{path}: {what} is larger than {_size(limit)}")
    return data


def read_text_input(path: Path, what: str, limit: int) -> str:
    data = read_input(path, what, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise HandoutError(f"{path}:{line}: {what} is not UTF-8 text") from None


def _size(limit: int) -> str:
    return f"{limit // 1_000_000} MB" if limit >= 1_000_000 else f"{limit // 1000} KB"


def process_umask() -> int:
    """The umask, read without changing it where the system allows (Linux 4.7+)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_output(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write `data` to `path` atomically.

    A new file gets 0666 (0600 when `private`) less the umask; a file it replaces keeps its
    mode, narrowed to 0600 when `private`. Anything at `path` that is not a regular file - a
    link, a pipe, a device, a folder - is refused rather than replaced.
    """
    folder = path.parent
    existing = _existing_mode(path)
    mode = (PRIVATE_MODE if private else SHARED_MODE) & ~process_umask()
    if existing is not None:
        mode = existing & (PRIVATE_MODE if private else 0o777)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise HandoutError(f"cannot write to folder {folder}: {error.strerror}") from None
    _remove_stale_temporaries(path)
    try:
        descriptor, temporary = _open_temporary(folder, path.name)
    except OSError as error:
        raise HandoutError(f"cannot write to folder {folder}: {error.strerror}") from None
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
            if temporary is None:  # unnamed until now: give it a name only once complete
                temporary = _name_unnamed(stream.fileno(), folder, path.name)
        if _existing_mode(path) != existing:
            raise HandoutError(f"{path} changed while it was being written; try again")
        os.replace(temporary, path)
    except BaseException as error:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise HandoutError(f"cannot write {path}: {error.strerror}") from None
        raise


def _existing_mode(path: Path) -> int | None:
    """The permission bits of the regular file at `path`, None if there is none; anything
    else there is refused."""
    try:
        status = path.lstat()
    except FileNotFoundError:
        return None
    except NotADirectoryError as error:
        raise HandoutError(f"cannot write to folder {path.parent}: {error.strerror}") from None
    except OSError as error:
        raise HandoutError(f"cannot write {path}: {error.strerror}") from None
    if stat.S_ISDIR(status.st_mode):
        raise HandoutError(f"output {path} is a folder; give a file name ending in .pdf")
    if stat.S_ISLNK(status.st_mode):
        raise HandoutError(f"output {path} is a symbolic link; refusing to replace it")
    if not stat.S_ISREG(status.st_mode):
        raise HandoutError(f"output {path} is not a regular file; refusing to replace it")
    return stat.S_IMODE(status.st_mode)


def _open_temporary(folder: Path, name: str) -> tuple[int, str | None]:
    """A file to write in `folder`: unnamed where the system can, else a named temporary."""
    if _O_TMPFILE:
        try:
            return os.open(folder, _O_TMPFILE | os.O_WRONLY, 0o600), None
        except OSError:
            pass  # the file system cannot; fall back to a named file
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{name[:180]}.", suffix=_TEMPORARY_SUFFIX, dir=folder
    )
    return descriptor, temporary


def _name_unnamed(descriptor: int, folder: Path, name: str) -> str:
    # linkat(2) with AT_SYMLINK_FOLLOW names an O_TMPFILE file; os.link uses linkat only when
    # given a directory descriptor.
    fd_folder = os.open("/proc/self/fd", os.O_RDONLY | os.O_DIRECTORY)
    try:
        for _ in range(100):
            temporary = str(folder / f".{name[:180]}.{os.urandom(6).hex()}{_TEMPORARY_SUFFIX}")
            try:
                os.link(str(descriptor), temporary, src_dir_fd=fd_folder, follow_symlinks=True)
                return temporary
            except FileExistsError:
                continue
    finally:
        os.close(fd_folder)
    raise HandoutError(f"cannot find a free temporary name in {folder}")


def _remove_stale_temporaries(path: Path) -> None:
    """Remove what a write of `path` killed before its rename left behind."""
    now = time.time()
    try:
        pattern = f".{_glob_escape(path.name[:180])}.*{_TEMPORARY_SUFFIX}"
        candidates = list(path.parent.glob(pattern))
    except OSError:
        return
    for candidate in candidates:
        try:
            status = candidate.lstat()
            if stat.S_ISREG(status.st_mode) and now - status.st_mtime > _STALE_SECONDS:
                candidate.unlink()
        except OSError:
            continue


def _glob_escape(text: str) -> str:
    return "".join(f"[{char}]" if char in "*?[" else char for char in text)
