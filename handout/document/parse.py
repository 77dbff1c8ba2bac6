"""Rendered template XML into the typed document vocabulary, with errors naming the template."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from handout.document.elements import (
    CALLOUT_KINDS,
    PARAGRAPH_STYLES,
    ROW_KINDS,
    Block,
    Callout,
    Contact,
    Document,
    ExerciseCard,
    Facts,
    Figure,
    Furniture,
    Heading,
    Letterhead,
    ListBlock,
    Metadata,
    Movement,
    PageBreak,
    Paragraph,
    Run,
    Runs,
    TrackingRow,
    TrackingSheet,
    WriteIn,
)
from handout.errors import HandoutError

# Only template layout whitespace: a no-break space in text is meaningful.
_SPACES = re.compile(r"[ \t\r\n]+")
# Elements that stand on the page itself, never inside a box or a card.
_TOP_LEVEL_ONLY = frozenset({"exercise", "tracking-sheet", "letterhead", "page-break"})
MAX_RUN = 20_000  # characters in one stretch of text: several pages of it
_PAGE_LABEL = re.compile(r"%\((?:page|pages)\)s|%%")
_DECLARATION = re.compile(r"<!(?!--|\[CDATA\[)")


class _Parser:
    def __init__(self, template: str) -> None:
        self.template = template

    def fail(self, element: ElementTree.Element, problem: str) -> HandoutError:
        return HandoutError(f"template {self.template}: <{element.tag}> {problem}")

    def attr(self, element: ElementTree.Element, name: str) -> str:
        value = element.get(name)
        if value is None:
            raise self.fail(element, f"needs the attribute '{name}'")
        return value

    def number(self, element: ElementTree.Element, name: str, most: int = 10_000) -> int:
        """A whole-number attribute from 0 to `most`."""
        value = self.attr(element, name)
        if not (value.isascii() and value.strip().isdigit()) or int(value) > most:
            raise self.fail(element, f'{name}="{value[:20]}" is not a number from 0 to {most}')
        return int(value)

    def child(self, element: ElementTree.Element, tag: str) -> ElementTree.Element:
        found = element.find(tag)
        if found is None:
            raise self.fail(element, f"needs a <{tag}> element")
        return found

    def runs(self, element: ElementTree.Element | None) -> Runs:
        if element is None:
            return ()
        collected: list[Run] = []
        self._collect(element, False, False, collected)
        runs = _tidy(collected)
        size = sum(len(run.text) for run in runs)
        if size > MAX_RUN:
            raise self.fail(element, f"holds {size:,} characters of text; the limit is {MAX_RUN:,}")
        return runs

    def _collect(
        self, element: ElementTree.Element, bold: bool, italic: bool, out: list[Run]
    ) -> None:
        if element.text:
            out.append(Run(element.text, bold, italic))
        for child in element:
            if child.tag not in ("b", "i"):
                raise self.fail(child, "is not allowed inside text (only <b> and <i>)")
            self._collect(child, bold or child.tag == "b", italic or child.tag == "i", out)
            if child.tail:
                out.append(Run(child.tail, bold, italic))

    def blocks(self, parent: ElementTree.Element) -> tuple[Block, ...]:
        return tuple(self.block(element) for element in parent)

    def inner(self, element: ElementTree.Element) -> Block:
        """A block inside a box or a card."""
        if element.tag in _TOP_LEVEL_ONLY:
            raise self.fail(element, "must stand on its own, not inside a box or a card")
        return self.block(element)

    def choice(self, element: ElementTree.Element, name: str, choices: tuple[str, ...]) -> str:
        value = self.attr(element, name)
        if value not in choices:
            raise self.fail(element, f'{name}="{value[:20]}" is not one of {", ".join(choices)}')
        return value

    def block(self, element: ElementTree.Element) -> Block:
        tag = element.tag
        if tag == "heading":
            level = self.number(element, "level")
            if not 1 <= level <= 4:
                raise self.fail(element, f"level {level} is not between 1 and 4")
            return Heading(level, self.runs(element))
        if tag == "para":
            style = element.get("style", "body")
            if style not in PARAGRAPH_STYLES:
                known = ", ".join(PARAGRAPH_STYLES)
                raise self.fail(element, f"style '{style}' is not one of {known}")
            return Paragraph(self.runs(element), style, element.get("keep") == "next")
        if tag == "list":
            items = tuple(self.runs(item) for item in element.iter("item"))
            columns = self.number(element, "columns", most=3) if element.get("columns") else 1
            return ListBlock(element.get("kind") == "numbered", items, max(1, columns))
        if tag == "callout":
            return Callout(
                self.choice(element, "kind", CALLOUT_KINDS),
                self.runs(element.find("title")),
                tuple(self.inner(child) for child in element if child.tag != "title"),
            )
        if tag == "facts":
            return Facts(
                tuple(
                    (self.runs(self.child(row, "label")), self.runs(self.child(row, "value")))
                    for row in element.iter("row")
                )
            )
        if tag == "exercise":
            return ExerciseCard(
                ref=self.attr(element, "ref"),
                number=self.number(element, "number"),
                title=self.runs(self.child(element, "title")),
                blocks=tuple(
                    self.movement(child) if child.tag == "movement" else self.inner(child)
                    for child in element
                    if child.tag not in ("title", "figure")
                ),
                figure=self.figure(element.find("figure")),
            )
        if tag == "movement":
            raise self.fail(element, "must stand inside an <exercise>")
        if tag == "tracking-sheet":
            return self.tracking_sheet(element)
        if tag == "letterhead":
            logo = element.find("logo")
            return Letterhead(
                logo=None if logo is None else self.attr(logo, "src"),
                logo_alt="" if logo is None else self.attr(logo, "alt"),
                name=self.runs(self.child(element, "name")),
                lines=tuple(self.runs(line) for line in element.iter("line")),
            )
        if tag == "contact":
            qr = element.find("qr")
            return Contact(
                lines=tuple(self.runs(line) for line in element.iter("line")),
                qr_link=None if qr is None else self.attr(qr, "href"),
                qr_alt="" if qr is None else "".join(qr.itertext()).strip(),
            )
        if tag == "page-break":
            return PageBreak()
        raise self.fail(element, "is not an element of the document vocabulary")

    def figure(self, element: ElementTree.Element | None) -> Figure | None:
        if element is None:
            return None
        return Figure(
            self.attr(element, "ref"),
            "".join(self.child(element, "caption").itertext()).strip(),
            "".join(self.child(element, "alt").itertext()).strip(),
        )

    def movement(self, element: ElementTree.Element) -> Movement:
        return Movement(
            title=self.runs(self.child(element, "title")),
            blocks=tuple(
                self.inner(child) for child in element if child.tag not in ("title", "figure")
            ),
            figure=self.figure(element.find("figure")),
        )

    def tracking_sheet(self, element: ElementTree.Element) -> TrackingSheet:
        def plain(day: ElementTree.Element) -> str:
            return " ".join("".join(day.itertext()).split())

        sheet = TrackingSheet(
            number=self.number(element, "number"),
            title=self.runs(self.child(element, "title")),
            week=self.runs(element.find("week")),
            instructions=self.runs(self.child(element, "instructions")),
            corner=self.runs(self.child(element, "corner")),
            days=tuple(plain(day) for day in element.iter("day")),
            short_days=tuple(self.attr(day, "short") for day in element.iter("day")),
            dates=tuple(day.get("date") for day in element.iter("day")),
            rows=tuple(
                TrackingRow(
                    kind=self.choice(row, "kind", ROW_KINDS),
                    field=self.attr(row, "field"),
                    label=self.runs(self.child(row, "label")),
                    detail=self.runs(row.find("detail")),
                    ref=row.get("ref"),
                    sessions=self.number(row, "sessions", most=4) if row.get("sessions") else 1,
                )
                for row in element.iter("row")
            ),
            write_ins=tuple(
                WriteIn(
                    self.attr(write_in, "field"),
                    self.runs(self.child(write_in, "label")),
                    self.runs(write_in.find("value")),
                )
                for write_in in element.iter("write-in")
            ),
            notes_title=self.runs(self.child(element, "notes")),
            note_lines=self.number(self.child(element, "notes"), "lines", most=40),
        )
        if any(row.sessions < 1 for row in sheet.rows):
            raise self.fail(element, 'has a <row> with sessions="0" (1 to 4)')
        if len(sheet.days) != 7 or len(sheet.short_days) != 7:
            raise self.fail(element, f"needs seven <day> elements, not {len(sheet.days)}")
        return sheet


def _tidy(runs: list[Run]) -> Runs:
    """Collapse template whitespace the way a browser would, and merge equal neighbours."""
    tidy: list[Run] = []
    for run in runs:
        text = _SPACES.sub(" ", run.text)
        if tidy and tidy[-1].text.endswith(" ") and text.startswith(" "):
            text = text[1:]
        if not text:
            continue
        if tidy and (tidy[-1].bold, tidy[-1].italic) == (run.bold, run.italic):
            tidy[-1] = Run(tidy[-1].text + text, run.bold, run.italic)
        else:
            tidy.append(Run(text, run.bold, run.italic))
    if tidy:
        tidy[0] = Run(tidy[0].text.lstrip(), tidy[0].bold, tidy[0].italic)
        tidy[-1] = Run(tidy[-1].text.rstrip(), tidy[-1].bold, tidy[-1].italic)
    return tuple(run for run in tidy if run.text)


def parse_document(source: str, *, template: str) -> Document:
    """Parse a rendered template into a Document; errors name the template."""
    if _DECLARATION.search(source):
        # Entities a document declares itself can expand to any size.
        raise HandoutError(f"template {template}: the XML may not declare a DOCTYPE or entities")
    try:
        root = ElementTree.fromstring(source)
    except ElementTree.ParseError as error:
        line = error.position[0]
        raise HandoutError(
            f"template {template}: rendered XML is invalid at line {line} ({error})"
        ) from None
    parser = _Parser(template)
    if root.tag != "document":
        raise parser.fail(root, "must be <document>")
    meta = parser.child(root, "metadata")
    furniture = parser.child(root, "furniture")
    body = parser.child(root, "body")

    def text(parent: ElementTree.Element, tag: str) -> str:
        return " ".join("".join(parser.child(parent, tag).itertext()).split())

    page_label = text(furniture, "page-label")
    if _PAGE_LABEL.sub("", page_label).count("%"):
        raise parser.fail(
            parser.child(furniture, "page-label"), "may hold only %(page)s and %(pages)s"
        )
    blocks = parser.blocks(body)
    numbers = [block.number for block in blocks if isinstance(block, TrackingSheet)]
    if len(numbers) != len(set(numbers)):
        # A sheet's number names its form fields: two alike would tick each other's boxes.
        raise parser.fail(body, "has two tracking sheets with the same number")
    return Document(
        lang=parser.attr(root, "lang"),
        metadata=Metadata(
            text(meta, "title"), text(meta, "author"), text(meta, "subject"), text(meta, "keywords")
        ),
        furniture=Furniture(
            text(furniture, "short-title"),
            text(furniture, "disclaimer"),
            page_label,
            text(furniture, "contact") if furniture.find("contact") is not None else None,
            text(furniture, "website") if furniture.find("website") is not None else None,
            *([text(furniture, "continued")] if furniture.find("continued") is not None else []),
        ),
        blocks=blocks,
    )
