"""A saved web page to lines of text the parser reads as it reads Markdown:
headings as "#", list items as "- " or "1. ", table rows as "| a | b |", each
paragraph a line of its own. What a page carries around its content (its
navigation, cookie banner, header, footer, forms, scripts) is left out; where
the page marks its main content, only that is read. Each line keeps the line
of the file its element began on."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from importing.extraction import Document, Line

LOOKS_LIKE_HTML = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE
)
# Elements whose content is never the report's.
SKIPPED = {
    "script", "style", "noscript", "template", "svg", "nav", "aside",
    "form", "button", "iframe", "select", "textarea", "head", "title",
    "dialog",
}  # fmt: skip
# A page's own header and footer, but not an article's inside its content.
OUTSIDE_MAIN = {"header", "footer"}
# ... and elements marked as a page's furniture by their role, id or class.
SKIPPED_ROLES = {"navigation", "banner", "contentinfo", "search", "dialog", "alert"}
FURNITURE = re.compile(
    r"cookie|consent|breadcrumb|skip-?link|site-?header|site-?footer|"
    r"global-?header|global-?footer|\bnav\b|navbar|menu|share|social|"
    r"related|feedback|print-?link|back-?to-?top|sidebar",
    re.IGNORECASE,
)
BLOCKS = {
    "p", "div", "section", "article", "main", "blockquote", "dd", "dt",
    "address", "caption", "figcaption", "pre", "summary", "details",
}  # fmt: skip
HEADINGS = {f"h{level}": level for level in range(1, 7)}
VOID = {
    "br", "img", "hr", "meta", "link", "input", "area", "base", "col",
    "embed", "source", "track", "wbr", "param",
}  # fmt: skip


def looks_like_html(data: bytes) -> bool:
    return bool(LOOKS_LIKE_HTML.search(data[:4096]))


def read_html(text: str) -> Document:
    reader = _PageReader(main_only=bool(re.search(r"<main[\s>]|role=.?main", text)))
    reader.feed(text)
    reader.close()
    return Document(format="web page (HTML)", lines=reader.finished())


class _PageReader(HTMLParser):
    def __init__(self, main_only: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.main_only = main_only
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped here)
        self.skipping = 0
        self.in_main = 0
        self.lines: list[Line] = []
        self.text: list[str] = []
        self.prefix = ""
        self.started_at = 0
        self.lists: list[list[int]] = []  # [kind (1: ordered), count]
        self.row: list[str] | None = None
        self.row_at = 0
        self.cell: list[str] | None = None

    # The tree ---------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            if tag == "br" and not self.skipping:
                self._text("\n")
            return
        skipped = (
            tag in SKIPPED
            or (tag in OUTSIDE_MAIN and not self.in_main)
            or self._is_furniture(attrs)
        )
        self.stack.append((tag, skipped))
        if skipped:
            self.skipping += 1
        is_main = tag == "main" or ("role", "main") in attrs
        if is_main:
            self.in_main += 1
        if self.skipping:
            return
        if tag in HEADINGS:
            self._flush()
            self.prefix = "#" * HEADINGS[tag] + " "
        elif tag in ("ul", "ol"):
            self._flush()
            self.lists.append([1 if tag == "ol" else 0, 0])
        elif tag == "li":
            self._flush()
            if self.lists and self.lists[-1][0]:
                self.lists[-1][1] += 1
                self.prefix = f"{self.lists[-1][1]}. "
            else:
                self.prefix = "- "
        elif tag == "tr":
            self._flush()
            self.row, self.row_at = [], self.getpos()[0]
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag in BLOCKS or tag == "table":
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not any(open_tag == tag for open_tag, _ in self.stack):
            return  # a stray end tag
        while self.stack:
            open_tag, skipped = self.stack.pop()
            self._close(open_tag, skipped)
            if open_tag == tag:
                break

    def _close(self, tag: str, skipped: bool) -> None:
        was_skipping = self.skipping
        if skipped:
            self.skipping -= 1
        if tag == "main" and self.in_main:
            self.in_main -= 1
        if was_skipping:
            return
        if tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if any(self.row):
                self._emit(f"| {' | '.join(self.row)} |", number=self.row_at)
            self.row = None
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
        elif tag in HEADINGS or tag == "li" or tag in BLOCKS or tag == "table":
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skipping or (self.main_only and not self.in_main):
            return
        if self.cell is not None:
            self.cell.append(data)
        elif self.row is None:
            self._text(data)

    # Lines ------------------------------------------------------------------

    def _is_furniture(self, attrs: list[tuple[str, str | None]]) -> bool:
        named = dict(attrs)
        if (named.get("role") or "").lower() in SKIPPED_ROLES:
            return True
        if "hidden" in named or (named.get("aria-hidden") or "").lower() == "true":
            return True
        marks = " ".join(named.get(name) or "" for name in ("id", "class"))
        return bool(marks and FURNITURE.search(marks))

    def _text(self, data: str) -> None:
        if not self.text:
            self.started_at = self.getpos()[0]
        self.text.append(data)

    def _flush(self) -> None:
        text = "".join(self.text)
        self.text = []
        prefix, self.prefix = self.prefix, ""
        parts = [" ".join(part.split()) for part in text.split("\n")]
        parts = [part for part in parts if part]
        if parts:  # a line break within a paragraph: its lines run on
            parts[0] = f"{prefix}{parts[0]}"
            self._emit(*parts)

    def _emit(self, *texts: str, number: int = 0) -> None:
        number = number or self.started_at or self.getpos()[0]
        self.lines.extend(Line(text, number) for text in texts)
        self.lines.append(Line("", number))

    def finished(self) -> list[Line]:
        self._flush()
        return self.lines
