"""A page's form as a browser would post it: every field's value as the page
sets it (text, hidden and number inputs, ticked boxes, text areas, the chosen
option of each list)."""

from __future__ import annotations

from html.parser import HTMLParser


def form_values(html: str) -> dict[str, str]:
    reader = _FormReader()
    reader.feed(html)
    values = dict(reader.values)
    values.pop("csrfmiddlewaretoken", None)
    return values


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: dict[str, str] = {}
        self.textarea: str | None = None
        self.select: str | None = None
        self.option: str | None = None
        self.first_option: dict[str, str] = {}

    def handle_starttag(self, tag, attrs) -> None:
        named = {k: v or "" for k, v in attrs}
        name = named.get("name")
        if tag == "input" and name:
            kind = named.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in named:
                    self.values[name] = named.get("value", "on")
            elif kind not in ("submit", "button", "file"):
                self.values[name] = named.get("value", "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.values[name] = ""
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select:
            value = named.get("value", "")
            self.first_option.setdefault(self.select, value)
            if "selected" in named:
                self.values[self.select] = value

    def handle_endtag(self, tag) -> None:
        if tag == "textarea":
            self.textarea = None
        elif tag == "select" and self.select:
            self.values.setdefault(self.select, self.first_option.get(self.select, ""))
            self.select = None

    def handle_data(self, data) -> None:
        if self.textarea:
            self.values[self.textarea] += (
                data.removeprefix("\n") if not self.values[self.textarea] else data
            )
