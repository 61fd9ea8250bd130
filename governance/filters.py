from __future__ import annotations

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from actions.filters import theme_choices
from actions.models import Action
from inspections.models import Inspection
from pcc_panel.lib.widgets import ListedChoiceFilter, QuickFilterSet

MAX_LISTED = 60  # inspections listed without a force chosen


class DashboardFilter(QuickFilterSet):
    """Force, inspection, theme, owner and lead, kept in the URL. The choices come
    from three queries, however many filters there are. The owner filter lists
    those who own actions, the lead filter those who lead them."""

    force = django_filters.ChoiceFilter(
        label="Force", field_name="finding__inspection__force", empty_label="All forces"
    )
    inspection = ListedChoiceFilter(
        label="Inspection",
        field_name="finding__inspection",
        empty_label="All inspections",
    )
    theme = django_filters.ChoiceFilter(
        label="Theme", field_name="finding__theme", empty_label="All themes"
    )
    owner = ListedChoiceFilter(empty_label="Anyone")
    lead = ListedChoiceFilter(
        label="Lead chief officer", empty_label="Any chief officer"
    )

    class Meta:
        model = Action
        fields = ["force", "inspection", "theme", "owner", "lead"]

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # (pk, force id, force name, name, published, s.55 response published)
        self.inspections = [
            (pk, force_id, force, f"{programme} {pillar}".strip(), date, response)
            for pk, force_id, force, programme, pillar, date, response in (
                Inspection.objects.visible_to(user)
                .order_by("force__name", "-publication_date", "pk")
                .values_list(
                    "pk",
                    "force",
                    "force__name",
                    "programme",
                    "pillar",
                    "publication_date",
                    "section_55__published_on",
                )
            )
        ]
        forces = {force_id: name for _, force_id, name, *_ in self.inspections}
        self.filters["force"].extra["choices"] = sorted(
            forces.items(), key=lambda choice: choice[1]
        )
        self.force_asked = self._force_asked(forces)
        self._list("inspection", self._inspections_listed(), self.inspections)
        self.filters["theme"].extra["choices"] = theme_choices(user)
        owners, leads = self._people(Action.objects.visible_to(user))
        self._list("owner", *owners)
        self._list("lead", *leads)

    def _list(self, name: str, listed: list, accepted: list) -> None:
        self.filters[name].extra["choices"] = listed
        self.filters[name].extra["accepted"] = frozenset(
            str(row[0]) for row in accepted
        )

    def _inspections_listed(self) -> list[tuple[int, str]]:
        """With a force asked for, its inspections; with none, all of them if
        there are few (hundreds, nationally, are no choice)."""
        asked = str((self.data or {}).get("inspection") or "")
        if self.force_asked is None and len(self.inspections) > MAX_LISTED:
            self.filters["inspection"].extra["help_text"] = (
                "Choose a force and apply, to list its inspections."
            )
        return [
            (pk, f"{force}: {name} ({published:%B %Y})")
            for pk, force_id, force, name, published, _ in self.inspections
            if str(pk) == asked
            or self.force_asked == force_id
            or (self.force_asked is None and len(self.inspections) <= MAX_LISTED)
        ]

    def _force_asked(self, forces: dict[int, str]) -> int | None:
        """The force in the query string, if it is one of those offered."""
        asked = str((self.data or {}).get("force") or "")
        return int(asked) if asked.isdigit() and int(asked) in forces else None

    def _people(self, seen: QuerySet[Action]) -> tuple[tuple[list, list], ...]:
        """Those who own and those who lead the actions the person may see:
        for each filter, those listed (with a force asked for, its own, and
        anyone asked for) and all those accepted."""
        here = seen.filter(finding__inspection__force=self.force_asked)
        if self.force_asked is None:
            here = seen.none()
        rows = (
            get_user_model()
            .objects.annotate(
                owns=Exists(seen.filter(owner=OuterRef("pk"))),
                leads=Exists(seen.filter(lead=OuterRef("pk"))),
                owns_here=Exists(here.filter(owner=OuterRef("pk"))),
                leads_here=Exists(here.filter(lead=OuterRef("pk"))),
            )
            .filter(Q(owns=True) | Q(leads=True))
            .order_by("first_name", "last_name", "pk")
            .values_list(
                "pk", "first_name", "last_name", "username", "owns", "leads",
                "owns_here", "leads_here",
            )
        )  # fmt: skip
        asked = {
            name: str((self.data or {}).get(name) or "") for name in ("owner", "lead")
        }
        owners: tuple[list, list] = ([], [])
        leads: tuple[list, list] = ([], [])
        for pk, first, last, username, owns, lead, owns_here, leads_here in rows:
            choice = (pk, f"{first} {last}".strip() or username)
            for is_one, is_here, (listed, accepted), name in (
                (owns, owns_here, owners, "owner"),
                (lead, leads_here, leads, "lead"),
            ):
                if not is_one:
                    continue
                accepted.append(choice)
                if self.force_asked is None or is_here or str(pk) == asked[name]:
                    listed.append(choice)
        return owners, leads

    def chosen(self) -> dict:
        return self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}

    def only_by_force(self) -> bool:
        """Whether the actions are all those of every force, or of one."""
        narrower = ("inspection", "theme", "owner", "lead")
        return not any(self.chosen().get(name) for name in narrower)

    def finding_conditions(self) -> Q:
        """The same filters, as they apply to findings rather than actions."""
        data = self.chosen()
        conditions = Q()
        if data.get("force"):
            conditions &= Q(inspection__force=data["force"])
        if data.get("inspection"):
            conditions &= Q(inspection=data["inspection"])
        if data.get("theme"):
            conditions &= Q(theme=data["theme"])
        if data.get("owner"):
            conditions &= Q(actions__owner=data["owner"])
        if data.get("lead"):
            conditions &= Q(actions__lead=data["lead"])
        return conditions
