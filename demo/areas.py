"""A Commissioner's area: the force, the office that oversees it and the
panel that scrutinises the office."""

from __future__ import annotations

from accounts.models import Organisation, OrganisationKind
from inspections.models import Force


def commissioners_area(force: Force) -> tuple[Organisation, Organisation]:
    place = force.name.removesuffix(" Police").removesuffix(" Constabulary")
    office, _ = Organisation.objects.get_or_create(
        name=f"Office of the Police and Crime Commissioner for {place}",
        defaults={"kind": OrganisationKind.COMMISSIONERS_OFFICE},
    )
    office.oversees.add(force.organisation)
    panel, _ = Organisation.objects.get_or_create(
        name=f"{place} Police and Crime Panel",
        defaults={"kind": OrganisationKind.POLICE_AND_CRIME_PANEL},
    )
    panel.oversees.add(office)
    return office, panel


def force_named(name: str, slug: str) -> Force:
    """A force with its organisation made first, so that it joins no office
    by itself (Force.save): its area is made for it."""
    organisation, _ = Organisation.objects.get_or_create(
        name=name, defaults={"kind": OrganisationKind.POLICE_FORCE}
    )
    force, _ = Force.objects.get_or_create(
        name=name, defaults={"slug": slug, "organisation": organisation}
    )
    return force
