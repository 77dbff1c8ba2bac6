"""handout: printable, illustrated, translated patient exercise handouts."""

from __future__ import annotations

__version__ = "0.1.0"
