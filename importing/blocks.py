"""Lines to blocks: headings, paragraphs, list items and table rows, with wrapped
lines joined back together (PDFs wrap every line; text files wrap some)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from importing.extraction import Line
from importing.words import GRADE, GRADE_LINE

BULLET = re.compile(r"^(?:[-*•●▪◦■□➢►‣·]|\(?[a-z]\)|\(?[ivx]{1,4}\))\s+")
NUMBERED = re.compile(r"^(\d{1,3})[.)]\s+(?=\S)")
MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
TABLE_RULE = re.compile(r"^\|?[\s:|-]*-[\s:|-]*\|?$")
BOILERPLATE = re.compile(
    r"^(?:this page (?:is )?intentionally (?:been )?left blank\.?"
    r"|page \d+(?: of \d+)?|\d{1,3}|-\s*\d{1,3}\s*-"
    r"|[•●▪◦■□➢►‣·\s]+)$",  # page numbers; bullets a PDF drew apart from their text
    re.IGNORECASE,
)
BOLD = re.compile(r"(\*\*|__)(.+?)\1")
ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
# A labelled line ("Date: 29 March 2017") stands alone, even with no blank line.
LABEL_LINE = re.compile(
    r"^(?:report of|(?:meeting )?date|date of meeting|subject|title|(?:report )?author"
    r"|financial|legal|equality[\w ]*|risks?[\w ]*|link to[\w ]*|e-?mail"
    r"|tel(?:ephone)?|name)\s*:",
    re.IGNORECASE,
)
ANY_LABEL = re.compile(r"^[A-Z][\w'’ ]{1,40}\s*:\s")
TERMINAL = (".", "!", "?", ";", ":", "”", '"', "’", "'")
CONNECTORS = {
    "and", "or", "of", "the", "to", "a", "an", "with", "in", "for", "by", "on",
    "at", "as", "from", "that", "which", "its", "their",
}  # fmt: skip

# Headings the parser knows, as a kind: what the section under them holds.
HEADINGS = {
    "purpose of report": "purpose",
    "purpose of the report": "purpose",
    "purpose": "purpose",
    "recommendation": "recommendation",
    "recommendations": "recommendations",
    "the rating": "rating",
    "rating": "rating",
    "ratings": "rating",
    "grades": "rating",
    "our judgements": "rating",
    "summary of judgements": "rating",
    "graded judgements": "rating",
    "the positives": "strengths",
    "positives": "strengths",
    "strengths": "strengths",
    "improvements noted": "strengths",
    "areas of good practice": "strengths",
    "key strengths": "strengths",
    "what the force does well": "strengths",
    "areas for improvement": "areas",
    "area for improvement": "areas",
    "areas of improvement": "areas",
    "causes of concern": "concerns",
    "cause of concern": "concerns",
    "implications": "implications",
    "list of appendices": "appendices",
    "appendices": "appendices",
    "background papers": "background_papers",
    "person to contact": "contact",
    "contact officer": "contact",
    "contact": "contact",
    "background": "narrative",
    "report outcomes": "narrative",
    "the context": "narrative",
    "context": "narrative",
    "conclusion": "narrative",
    "conclusions": "narrative",
    "introduction": "narrative",
    "summary": "narrative",
    "overall summary": "narrative",
    "next steps": "narrative",
    "police and crime commissioner oversight": "narrative",
    "commissioner oversight": "narrative",
    "oversight": "narrative",
    # the inspector's own words: praise there ("the force is good at …") grades
    # nothing
    "principal findings": "principal",
    "hmi's observations": "observations",
    "hm inspector's summary": "observations",
    "hmi's summary": "observations",
}


@dataclass
class Block:
    kind: str  # heading, para, item, row
    text: str
    line: Line
    number: int | None = None  # a numbered paragraph's number
    heading: str = ""  # for a heading: the kind of section it opens, if known
    cells: list[str] = field(default_factory=list)
    joined: bool = False  # more than one line

    @property
    def where(self) -> str:
        return self.line.where

    @property
    def ends_sentence(self) -> bool:
        return self.text.rstrip().endswith(TERMINAL)


def plain(text: str) -> str:
    text = BOLD.sub(r"\2", text)
    text = ITALIC.sub(r"\1", text)
    return " ".join(text.replace("\u00a0", " ").split())


def heading_kind(text: str) -> str:
    key = plain(text).rstrip(":").strip().lower()
    key = key.replace("&", "and").replace("’", "'")
    return HEADINGS.get(key, "")


def blocks_of(lines: list[Line]) -> list[Block]:
    blocks: list[Block] = []
    blank_before = True
    widths = _page_widths(lines)
    unwrapped = _unwrapped(lines)
    short_before = False
    for line in lines:
        text = plain(line.text.replace("\t", " "))
        if not text or BOILERPLATE.match(text):
            blank_before = blank_before or not text
            continue
        before = blocks[-1] if blocks else None
        if (short_before and text[:1].isupper()) or unwrapped:
            before = None  # a PDF's short line ends its paragraph
        block = _block(text, line, before, blank_before)
        if block is None:  # joined onto the block before
            blocks[-1].joined = True
        elif block.kind:
            blocks.append(block)
        blank_before = False
        width = widths.get(line.page)
        short_before = bool(
            width and (len(text) < 0.6 * width or text.endswith((".", "!", "?")))
        )
    return blocks


def _unwrapped(lines: list[Line]) -> bool:
    """A text file whose paragraphs are each one long line (a web page saved as
    text, often with no blank lines between them): no line there is wrapped."""
    texts = [line.text for line in lines if line.page is None and line.text.strip()]
    return (
        bool(texts)
        and max(len(text) for text in texts) > 300
        and not any(
            120 < len(text) <= 300 and not text.rstrip().endswith(TERMINAL)
            for text in texts[:-1]  # the last may be cut short
        )
    )


def _page_widths(lines: list[Line]) -> dict[int | None, float]:
    """A PDF page's usual line length, to tell a paragraph's last line (short)
    from one the PDF wrapped. Text and Word files mark paragraphs themselves."""
    lengths: dict[int | None, list[int]] = {}
    for line in lines:
        if line.page is not None and line.text.strip():
            lengths.setdefault(line.page, []).append(len(line.text.strip()))
    return {
        page: sorted(found)[int(len(found) * 0.9) - 1 if len(found) > 1 else 0]
        for page, found in lengths.items()
    }


def _block(text: str, line: Line, before: Block | None, blank_before: bool):
    if text.startswith("|") or (text.count("|") >= 2 and text.endswith("|")):
        if TABLE_RULE.match(text):
            return Block(kind="", text="", line=line)
        cells = [cell.strip() for cell in text.strip("|").split("|")]
        return Block(kind="row", text=text, line=line, cells=cells)
    if match := MARKDOWN_HEADING.match(text):
        title = match.group(2).strip()
        return Block("heading", title, line, heading=heading_kind(title))
    if match := BULLET.match(text):
        return Block(kind="item", text=text[match.end() :].strip(), line=line)
    if match := NUMBERED.match(text):
        rest = text[match.end() :]
        if kind := heading_kind(rest):
            return Block("heading", rest, line, heading=kind)
        return Block("para", rest, line, number=int(match.group(1)))
    if kind := heading_kind(text):
        return Block("heading", text.rstrip(":"), line, heading=kind)
    if GRADE_LINE.match(text) or GRADE.match(text):
        # a grade table's row that lost its columns; a grade on a line of its own
        return Block(kind="para", text=text, line=line)
    if before is not None and before.kind in ("para", "item"):
        if not before.joined and GRADE_LINE.match(before.text):
            return Block(kind="para", text=text, line=line)
        labelled = LABEL_LINE.match(text) or (
            ANY_LABEL.match(text) and ANY_LABEL.match(before.text)
        )  # one of a run of "Label: value" lines
        if not labelled and _continues(before, text, blank_before):
            before.text = f"{before.text} {text}"
            return None
    return Block(kind="para", text=text, line=line)


def _continues(before: Block, text: str, blank_before: bool) -> bool:
    if not blank_before:
        return not before.text.endswith(":")
    if before.ends_sentence:
        return False
    last_word = before.text.rsplit(" ", 1)[-1].lower()
    return text[:1].islower() or last_word in CONNECTORS or before.text.endswith(",")
