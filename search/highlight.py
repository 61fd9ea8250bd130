"""The matching words marked in what a result shows: a word is marked where its
stem is the stem of a word asked for, as the databases match them."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from pcc_panel.lib.words import WORD, stem

AROUND = 110  # characters of context either side of the first match


def marked(text: str, words: list[str]) -> SafeString:
    """The text, escaped, with each matching word in <mark>."""
    stems = {stem(word) for word in words}
    out, last = [], 0
    for match in WORD.finditer(text):
        if stem(match.group()) in stems:
            out += [escape(text[last : match.start()]), "<mark>"]
            out += [escape(match.group()), "</mark>"]
            last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above


def snippet(text: str, words: list[str]) -> SafeString:
    """A passage of the text around its first matching word, on whole words."""
    text = " ".join(text.split())
    stems = {stem(word) for word in words}
    first = next(
        (m.start() for m in WORD.finditer(text) if stem(m.group()) in stems), 0
    )
    start = max(0, first - AROUND)
    end = min(len(text), first + AROUND * 2)
    if start:
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    passage = text[start:end]
    lead = "… " if start else ""
    tail = " …" if end < len(text) else ""
    return mark_safe(lead + marked(passage, words) + tail)  # noqa: S308
