"""The 43 territorial police forces of England and Wales, by the names they
go by: the national data set makes one of each, and the importer knows a
force's full name from a page that names only its area ("Durham PEEL 2014")."""

from __future__ import annotations

TERRITORIAL_FORCES = [
    "Avon and Somerset Constabulary", "Bedfordshire Police",
    "Cambridgeshire Constabulary", "Cheshire Constabulary", "City of London Police",
    "Cleveland Police", "Cumbria Constabulary", "Derbyshire Constabulary",
    "Devon and Cornwall Police", "Dorset Police", "Durham Constabulary",
    "Dyfed-Powys Police", "Essex Police", "Gloucestershire Constabulary",
    "Greater Manchester Police", "Gwent Police", "Hampshire Constabulary",
    "Hertfordshire Constabulary", "Humberside Police", "Kent Police",
    "Lancashire Constabulary", "Leicestershire Police", "Lincolnshire Police",
    "Merseyside Police", "Metropolitan Police Service", "Norfolk Constabulary",
    "North Wales Police", "North Yorkshire Police", "Northamptonshire Police",
    "Northumbria Police", "Nottinghamshire Police", "South Wales Police",
    "South Yorkshire Police", "Staffordshire Police", "Suffolk Constabulary",
    "Surrey Police", "Sussex Police", "Thames Valley Police", "Warwickshire Police",
    "West Mercia Police", "West Midlands Police", "West Yorkshire Police",
    "Wiltshire Police",
]  # fmt: skip


def force_of_area(area: str) -> str:
    """ "Durham" → "Durham Constabulary"; "" if no force is of that area."""
    wanted = " ".join(area.split()).lower()
    return next(
        (name for name in TERRITORIAL_FORCES if area_of(name).lower() == wanted), ""
    )


def area_of(name: str) -> str:
    for suffix in (" Police Service", " Constabulary", " Police"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name
