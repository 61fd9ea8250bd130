"""Form data for admin pages with inlines: each inline's management form and
its rows, as the browser would post them."""

from __future__ import annotations

EMPTY = {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0",
         "MAX_NUM_FORMS": "1000"}  # fmt: skip


def formset(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {f"{prefix}-{k}": v for k, v in EMPTY.items()}
    data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
    data[f"{prefix}-INITIAL_FORMS"] = str(initial)
    for index, row in enumerate(rows):
        data |= {f"{prefix}-{index}-{k}": v for k, v in row.items()}
    return data
