"""Facts about the inspection found anywhere in the text: who inspected whom,
which pillar, when it was published and when the fieldwork was done."""

from __future__ import annotations

import calendar
import datetime
import re
from collections import Counter

from importing import words as w
from importing.blocks import Block
from importing.extraction import Extraction, Found
from inspections.choices import Inspectorate
from inspections.forces import TERRITORIAL_FORCES, area_of, force_of_area

INSPECTORATES = [
    (Inspectorate.HMICFRS, r"\bHMICFRS\b|Fire (?:&|and) Rescue Services"),
    (Inspectorate.HMIC, r"\bHMIC\b|Inspectorate of Constabulary"),
]


def read_metadata(blocks: list[Block], out: Extraction) -> None:
    # Paragraphs before tables: prose says where a fact came from best.
    texts = [b for b in blocks if b.kind != "row"] + [
        b for b in blocks if b.kind == "row"
    ]
    fields = out.fields
    for inspectorate, inspectorate_pattern in INSPECTORATES:
        if where := _where(texts, inspectorate_pattern):
            fields["inspectorate"] = Found(inspectorate.value, where)
            break
    if where := _where(texts, r"\bPEEL\b", case=True):
        fields["programme"] = Found("PEEL", where)
    for pattern in w.PILLAR:
        for block in texts:
            if match := pattern.search(block.text):
                pillar = match.group(1).capitalize()
                fields.setdefault("pillar", Found(pillar, block.where))
    _force(texts, out)
    for pattern in w.PUBLISHED:
        for block in texts:
            match = pattern.search(block.text)
            if match and w.ANOTHER_DOCUMENT.search(block.text[: match.start()]):
                continue  # "its CRMP, published 1 April 2021": not this report
            if match and (date := w.parse_date(match.group(1))):
                fields.setdefault("publication_date", Found(date, block.where))
    if not out.is_panel_paper and texts:  # a news page's "date 2022-03-04 …"
        if (match := w.DATED.match(texts[0].text)) and (
            date := w.parse_date(match.group(1))
        ):
            fields.setdefault("publication_date", Found(date, texts[0].where))
    for block in texts:  # a web page's date: a hint, not the publication date
        match = w.UPDATED.search(block.text)
        if match and (date := w.parse_date(match.group(1))):
            fields.setdefault("page_updated", Found(date, block.where))
            break
    _fieldwork(texts, out)
    _title(blocks, out)
    if out.is_panel_paper and blocks:
        heading = " ".join(b.text for b in blocks[:5])
        if match := w.PANEL_NAME.search(heading):
            name = w.unshout(match.group(0))
            out.panel.fields["panel_name"] = Found(name, blocks[0].where)


def _where(blocks: list[Block], pattern: str, case: bool = False) -> str:
    regex = re.compile(pattern, 0 if case else re.IGNORECASE)
    return next((b.where for b in blocks if regex.search(b.text)), "")


def _force(texts: list[Block], out: Extraction) -> None:
    """The force or service named most often, as "<Name> Police", "<Name>
    Constabulary" or "<Name> Fire and Rescue Service"; failing that, the area
    of "Commissioner for <area>", or a territorial force's area named alone
    ("Durham PEEL 2014")."""
    names: Counter[str] = Counter()
    where: dict[str, str] = {}
    for block in texts:
        text = block.text
        for name in TERRITORIAL_FORCES:  # a force's whole name: "City of London …"
            if " of " in name and name in text:
                names[name] += text.count(name)
                where.setdefault(name, block.where)
                text = text.replace(name, " ")
        for match in w.FORCE.finditer(text):
            words = match.group(1).split()
            while words and words[0] in w.NOT_A_FORCE:
                words.pop(0)
            if not words or words[-1] in ("and", "&"):
                continue
            name = f"{' '.join(words)} {match.group(2)}"
            names[name] += 1
            where.setdefault(name, block.where)
        for match in w.FIRE_SERVICE.finditer(block.text):
            words = match.group(1).split()
            while words and words[0] in w.NOT_A_FORCE:
                words.pop(0)
            if words and words[-1] not in ("and", "&"):
                name = f"{' '.join(words)} Fire and Rescue Service"
                names[name] += 1
                where.setdefault(name, block.where)
    if names:
        name = names.most_common(1)[0][0]
        out.fields["force"] = Found(name, where[name])
        return
    for block in texts:
        if commissioner := w.COMMISSIONER_FOR.search(block.text):
            area = w.unshout(commissioner.group(1).strip())
            out.fields["force"] = Found(force_of_area(area) or area, block.where)
            return
    _force_by_area(texts, out)


def _force_by_area(texts: list[Block], out: Extraction) -> None:
    """A territorial force whose area the text names as a word of its own, the
    one named most often (the longest name first: "West Midlands", not
    "Midlands")."""
    areas = sorted(
        ((area_of(name), name) for name in TERRITORIAL_FORCES),
        key=lambda pair: -len(pair[0]),
    )
    found: Counter[str] = Counter()
    where: dict[str, str] = {}
    for block in texts:
        text = block.text
        for area, name in areas:
            pattern = rf"(?<![\w-]){re.escape(area)}(?![\w-])"
            hits = len(re.findall(pattern, text))
            if hits:
                found[name] += hits
                where.setdefault(name, block.where)
                text = re.sub(pattern, " ", text)
    if found:
        name = found.most_common(1)[0][0]
        out.fields["force"] = Found(name, where[name])


def _fieldwork(texts: list[Block], out: Extraction) -> None:
    published = out.publication_date or out.panel.meeting_date
    for block in texts:
        if match := w.FIELDWORK_RANGE.search(block.text):
            end = w.parse_date(match.group(4))
            if end is None:
                continue
            month = w.month_number(match.group(2)) if match.group(2) else None
            year = int(match.group(3)) if match.group(3) else None
            try:
                start = datetime.date(
                    year or end.year, month or end.month, int(match.group(1))
                )
            except ValueError:
                continue
            _set_fieldwork(start, end, block, out)
            return
        if match := w.FIELDWORK_MONTH.search(block.text):
            month = w.month_number(match.group(1))
            if match.group(2).isdigit():
                year = int(match.group(2))
            elif published:  # "in October last year"
                year = published.year - 1
            else:
                continue
            last = calendar.monthrange(year, month)[1]
            start, end = datetime.date(year, month, 1), datetime.date(year, month, last)
            _set_fieldwork(start, end, block, out)
            return


def _set_fieldwork(start, end, block: Block, out: Extraction) -> None:
    if end < start:
        out.not_understood.append(
            Found(f"Fieldwork dates not understood: “{block.text[:90]}”", block.where)
        )
        return
    out.fields["fieldwork_start"] = Found(start, block.where)
    out.fields["fieldwork_end"] = Found(end, block.where)


def _title(blocks: list[Block], out: Extraction) -> None:
    """A PEEL report's title, "PEEL: … – An inspection of <force>"; a PDF may
    have wrapped the force's name onto a line of its own."""
    for block in blocks[:40]:
        text = block.text
        if len(text) > 200 or not (
            re.match(r"^PEEL\b.{0,80}:", text)
            or re.search(r"\ban inspection of\b", text, re.IGNORECASE)
        ):
            continue
        force = str(out.value("force"))
        if force and (match := re.search(r"\ban inspection of\b", text, re.I)):
            text = f"{text[: match.end()]} {force}"
        out.fields["title"] = Found(text, block.where)
        return
