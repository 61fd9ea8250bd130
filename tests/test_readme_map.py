"""The README's map of where each rule lives names things that exist."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def named_in_the_map() -> list[str]:
    text = README.read_text()
    section = text.split("### Where each rule lives", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"`([a-z_]+(?:\.[A-Za-z_]+)+)`", section)


def resolve(dotted: str) -> object:
    parts = dotted.split(".")
    for split in range(len(parts) - 1, 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:split]))
        except ModuleNotFoundError:
            continue
        for name in parts[split:]:
            found = getattr(found, name)
        return found
    raise ModuleNotFoundError(dotted)


def test_every_name_in_the_readme_map_exists():
    names = named_in_the_map()
    assert len(names) >= 20
    missing = []
    for name in names:
        try:
            resolve(name)
        except (ModuleNotFoundError, AttributeError):
            missing.append(name)
    assert missing == []
