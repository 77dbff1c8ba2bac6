"""A platypus flowable that draws a picture once per PDF, as a reusable form XObject."""

from __future__ import annotations

import hashlib
import re

from reportlab.platypus import Flowable

from handout.pictures.draw import compose, key_frame_only, paint_picture
from handout.pictures.model import Picture
from handout.pictures.sketch import ACCENT, INK, Colour


def form_name(
    key: str,
    picture: Picture,
    ink: Colour,
    accent: Colour,
    rtl: bool = False,
    key_frame: bool = False,
) -> str:
    """A PDF-safe form name from ``key``; the digest keeps different content apart, and a
    thumbnail's key frame has a name of its own."""
    digest = hashlib.sha1(repr((picture, ink, accent, rtl)).encode(), usedforsecurity=False)
    safe_key = re.sub(r"[^A-Za-z0-9_.-]", "_", key)
    thumbnail = "-key" if key_frame else ""
    return f"picture-{safe_key}{thumbnail}-{digest.hexdigest()[:8]}"


class PictureFlowable(Flowable):
    """Draws ``picture`` fitted into ``width`` x ``height`` points, centred.

    The picture is drawn into a form XObject at its natural size the first time ``key`` is
    drawn on a canvas; every later use (any size, any page) places that form, scaled. A box
    too small for the whole picture (a thumbnail) shows the key frame's figures, a form of
    their own. ``rtl`` runs the frames from right to left, frame 1 at the right.
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
        rtl: bool = False,
    ) -> None:
        super().__init__()
        self.picture = picture
        self.key = key
        self.width = width
        self.height = height
        self.ink = ink
        self.accent = accent
        self.rtl = rtl

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        key = key_frame_only(self.picture, self.width, self.height)
        natural = compose(self.picture, ink=self.ink, accent=self.accent, rtl=self.rtl, key=key).box
        name = form_name(self.key, self.picture, self.ink, self.accent, self.rtl, key)
        if not canvas.hasForm(name):
            # beginForm sets the page's operators aside and endForm restores them, so this is
            # safe in the middle of a page.
            canvas.beginForm(name, 0, 0, natural.width, natural.height)
            paint_picture(
                canvas, self.picture, ink=self.ink, accent=self.accent, rtl=self.rtl, key=key
            )
            canvas.endForm()
        scale = min(self.width / natural.width, self.height / natural.height)
        canvas.saveState()
        canvas.translate(
            (self.width - natural.width * scale) / 2, (self.height - natural.height * scale) / 2
        )
        canvas.scale(scale, scale)
        canvas.doForm(name)
        canvas.restoreState()
