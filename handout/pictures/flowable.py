"""A platypus flowable that draws a picture once per PDF, as a reusable form XObject."""

from __future__ import annotations

import hashlib
import re

from reportlab.platypus import Flowable

from handout.pictures.draw import paint_picture, picture_size
from handout.pictures.model import Picture
from handout.pictures.sketch import ACCENT, INK, Colour


def form_name(key: str, picture: Picture, ink: Colour, accent: Colour) -> str:
    """A PDF-safe form name from ``key``; the digest keeps different content apart."""
    digest = hashlib.sha1(repr((picture, ink, accent)).encode(), usedforsecurity=False)
    safe_key = re.sub(r"[^A-Za-z0-9_.-]", "_", key)
    return f"picture-{safe_key}-{digest.hexdigest()[:8]}"


class PictureFlowable(Flowable):
    """Draws ``picture`` fitted into ``width`` x ``height`` points, centred.

    The picture is drawn into a form XObject at its natural size the first time ``key`` is
    drawn on a canvas; every later use (any size, any page) places that form, scaled.
    """

    alt = ""  # the text alternative, where the picture has one

    def __init__(
        self,
        picture: Picture,
        key: str,
        width: float,
        height: float,
        *,
        ink: Colour = INK,
        accent: Colour = ACCENT,
    ) -> None:
        super().__init__()
        self.picture = picture
        self.key = key
        self.width = width
        self.height = height
        self.ink = ink
        self.accent = accent

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        natural_width, natural_height = picture_size(self.picture, ink=self.ink, accent=self.accent)
        name = form_name(self.key, self.picture, self.ink, self.accent)
        if not canvas.hasForm(name):
            # beginForm sets the page's operators aside and endForm restores them, so this is
            # safe in the middle of a page.
            canvas.beginForm(name, 0, 0, natural_width, natural_height)
            paint_picture(canvas, self.picture, ink=self.ink, accent=self.accent)
            canvas.endForm()
        scale = min(self.width / natural_width, self.height / natural_height)
        canvas.saveState()
        canvas.translate(
            (self.width - natural_width * scale) / 2, (self.height - natural_height * scale) / 2
        )
        canvas.scale(scale, scale)
        canvas.doForm(name)
        canvas.restoreState()
