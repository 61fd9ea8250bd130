"""A panel paper's own fields: its header, implications and contact."""

from __future__ import annotations

import re

from importing import words as w
from importing.extraction import Found, PanelDraft

HEADER_LABELS = {
    "report of": "report_of",
    "date": "meeting_date",
    "meeting date": "meeting_date",
    "date of meeting": "meeting_date",
    "subject": "subject",
    "title": "subject",
    "author": "author",
    "report author": "author",
}
IMPLICATIONS = [
    ("financial", "implications_financial"),
    ("legal", "implications_legal"),
    ("equality", "implications_equality"),
    ("risk", "implications_risks"),
    ("link to", "implications_plan"),
    ("police and crime plan", "implications_plan"),
]


def header(panel: PanelDraft, name: str, value: str, where: str) -> bool:
    """False if the value cannot be read (a meeting date that is not a date)."""
    if name == "meeting_date":
        date = w.parse_date(value)
        if date is None:
            return False
        panel.fields[name] = Found(date, where)
        return True
    panel.fields[name] = Found(value.strip(), where)
    return True


def implication(panel: PanelDraft, label: str, value: str, where: str) -> bool:
    label = label.rstrip(" :").replace("&", "and")
    for start, name in IMPLICATIONS:
        if label.startswith(start) or (start == "risk" and "risk" in label):
            panel.fields[name] = Found(value.strip(), where)
            return True
    return False


def contact(panel: PanelDraft, text: str, where: str) -> None:
    """ "Chief Constables Staff Officer Sgt Glen Iceton Email: …": the role, the
    name from its rank or title on, and the e-mail address."""
    fields = panel.fields
    if email := w.EMAIL.search(text):
        fields.setdefault("contact_email", Found(email.group(0), where))
    text = re.split(r"\b(?:e-?mail|tel(?:ephone)?|phone)\b\s*:?", text, flags=re.I)[0]
    text = text.strip(" ,;:")
    if not text or "contact_name" in fields:
        return
    if rank := w.RANK.search(text):
        role, name = text[: rank.start()].strip(" ,–-"), text[rank.start() :]
    elif match := re.match(r"^name\s*:\s*(.+)$", text, re.IGNORECASE):
        role, name = "", match.group(1)
    else:
        role, name = "", text
    fields["contact_name"] = Found(name.strip(), where)
    if role:
        fields["contact_role"] = Found(role, where)


def append(panel: PanelDraft, name: str, text: str, where: str, joiner="\n\n") -> None:
    if name in panel.fields:
        panel.fields[name].value = f"{panel.fields[name].value}{joiner}{text}"
    else:
        panel.fields[name] = Found(text, where)
