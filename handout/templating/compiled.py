"""Compiled templates kept between runs, so a command compiles a template once, not each time.

Jinja's bytecode cache in a private folder of the user's cache directory. A cached template is
code the process will run, so the folder must belong to the user and be closed to everyone
else, or nothing is cached; and the key carries this release and the sandbox's own source, so
a template compiled under other bounds is never loaded.
"""

from __future__ import annotations

import hashlib
import os
import stat
from functools import cache
from pathlib import Path

import jinja2

from handout import __version__
from handout.templating import sandbox


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    def __init__(self, folder: Path, salt: str) -> None:
        super().__init__(str(folder), "%s.cache")
        self.salt = salt

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha256(f"{self.salt}\0{name}\0{filename}".encode()).hexdigest()


@cache
def compiled_templates() -> CompiledTemplates | None:
    """The cache, or None where no private folder can be had (then templates compile per run)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "handout" / "templates"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        status = folder.lstat()
    except OSError:
        return None
    private = stat.S_ISDIR(status.st_mode) and not status.st_mode & 0o077
    if not private or status.st_uid != os.getuid():
        return None
    source = Path(sandbox.__file__).read_bytes()
    salt = f"{__version__}:{jinja2.__version__}:{hashlib.sha256(source).hexdigest()}"
    return CompiledTemplates(folder, salt)
