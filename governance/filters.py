from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from accounts.access import EVERYWHERE, reach
from actions.filters import theme_choices
from actions.models import Action
from governance.figures import COUNTED_INSPECTIONS, Figures, Plans
from inspections.models import THEMATIC, Force, Inspection
from inspections.querysets import inspection_visibility
from pcc_panel.lib.widgets import ListedChoiceFilter, QuickFilterSet


@dataclass
class KeptChoices:
    every: Figures  # of every force
    here: Figures | None  # of the force asked for, if any


MAX_LISTED = 60  # inspections listed without a force chosen
NARROWER = ("inspection", "theme", "owner", "lead")


class DashboardFilter(QuickFilterSet):
    """Force, inspection, theme, owner and lead, kept in the URL. The choices come
    from three queries, however many filters there are. The owner filter lists
    those who own actions, the lead filter those who lead them."""

    force = django_filters.ChoiceFilter(
        label="Force", field_name="force", empty_label="All forces"
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

    def __init__(self, *args, user, kept: KeptChoices | None = None, **kwargs) -> None:
        """With `kept`, the themes and people come from the kept figures (of
        every force, and of the force asked for) rather than two queries."""
        super().__init__(*args, **kwargs)
        self.user = user
        # the forces with inspections this person may see, and how many each
        seen = inspection_visibility(user, "inspections__")
        counted = list(
            Force.objects.annotate(
                published=Count("inspections", filter=seen & Q(
                    inspections__is_published=True
                )),
                drafts=Count("inspections", filter=seen & Q(
                    inspections__is_published=False
                )),
            )
            .filter(Q(published__gt=0) | Q(drafts__gt=0))
            .order_by("name")
            .values_list("pk", "name", "published", "drafts")
        )  # fmt: skip
        forces = {pk: name for pk, name, published, _ in counted if published}
        self.drafts = sum(drafts for *_, drafts in counted)  # not counted
        self.filters["force"].extra["choices"] = list(forces.items())
        self.force_asked = self._force_asked(forces)
        self._list_inspections(sum(published for _, _, published, _ in counted))
        if kept is None:
            self.filters["theme"].extra["choices"] = theme_choices(user)
            owners, leads = self._people(Action.objects.visible_to(user))
        else:
            themes = sorted(kept.every.finding_themes)
            self.filters["theme"].extra["choices"] = [(t, t) for t in themes]
            owners, leads = self._kept_people(kept)
        self._list("owner", *owners, "people")
        self._list("lead", *leads, "chief officers")

    def _asked(self, name: str) -> str:
        value = str((self.data or {}).get(name) or "")
        return value if value.isdigit() and len(value) < 10 else ""

    def _list(self, name: str, listed: list, accepted: list, what: str) -> None:
        """List those of the force asked for, or all if there are few; accept
        any of `accepted`."""
        if self.force_asked is None and len(accepted) > MAX_LISTED:
            asked = self._asked(name)
            listed = [choice for choice in listed if str(choice[0]) == asked]
            self.filters[name].extra["help_text"] = (
                f"Choose a force and apply, to list its {what}."
            )
        self.filters[name].extra["choices"] = listed
        self.filters[name].extra["accepted"] = frozenset(
            str(row[0]) for row in accepted
        )

    def _list_inspections(self, count: int) -> None:
        """With a force asked for, its inspections; with none, all `count` of
        them if there are few (hundreds, nationally, are no choice), else only
        one asked for. Any inspection this person may see is accepted."""
        visible = Inspection.objects.visible_to(self.user).filter(COUNTED_INSPECTIONS)
        visible = visible.order_by("force__name", "-publication_date", "pk")
        asked = self._asked("inspection")
        columns = ("pk", "force__name", "programme", "pillar", "publication_date")
        listed: list[tuple] = []
        if self.force_asked is not None:
            rows = visible.filter(Q(force=self.force_asked) | Q(pk=asked or None))
            inspections = list(rows.select_related("force"))
            listed = [
                (i.pk, i.subject, i.programme, i.pillar, i.publication_date)
                for i in inspections
            ]
        elif count <= MAX_LISTED:
            listed = list(visible.values_list(*columns))
        else:
            if asked:
                listed = list(visible.filter(pk=asked).values_list(*columns))
            self.filters["inspection"].extra["help_text"] = (
                "Choose a force and apply, to list its inspections."
            )
        self.filters["inspection"].extra["choices"] = [
            (
                pk,
                f"{force or THEMATIC}: {f'{programme} {pillar}'.strip()} "
                f"({published:%B %Y})",
            )
            for pk, force, programme, pillar, published in listed
        ]
        self.filters["inspection"].extra["accepts"] = lambda value: (
            value.isdigit() and len(value) < 10 and visible.filter(pk=value).exists()
        )

    def _force_asked(self, forces: dict[int, str]) -> int | None:
        """The force in the query string, if it is one of those offered."""
        asked = self._asked("force")
        return int(asked) if asked and int(asked) in forces else None

    def _kept_people(self, kept: KeptChoices) -> tuple[tuple[list, list], ...]:
        """From the kept figures: who owns and who leads actions; the names
        only of those to be listed."""
        every, here = kept.every, kept.here or Figures()
        owners = {int(pk) for pk, n in every.owners.items() if n > 0}
        leads = {int(pk) for pk, n in every.leads.items() if n > 0}
        asked = {int(self._asked(name) or 0) for name in ("owner", "lead")}
        if self.force_asked is not None:
            named = {int(pk) for pk, n in (*here.owners.items(), *here.leads.items())
                     if n > 0} | asked  # fmt: skip
        elif max(len(owners), len(leads)) > MAX_LISTED:
            named = asked
        else:
            named = owners | leads
        named &= owners | leads
        rows = (
            get_user_model()
            .objects.filter(pk__in=named)
            .order_by("first_name", "last_name", "pk")
            .values_list("pk", "first_name", "last_name", "username")
            if named
            else []
        )
        (listed_owners, _), (listed_leads, _) = self._choices(
            (pk, first, last, username, pk in owners, pk in leads,
             here.owners[str(pk)] > 0, here.leads[str(pk)] > 0)
            for pk, first, last, username in rows
        )  # fmt: skip
        return (
            (listed_owners, [(pk,) for pk in owners]),
            (listed_leads, [(pk,) for pk in leads]),
        )

    def _people(self, seen: QuerySet[Action]) -> tuple[tuple[list, list], ...]:
        """Those who own and those who lead the actions the person may see:
        for each filter, those listed (with a force asked for, its own, and
        anyone asked for) and all those accepted."""
        here = seen.filter(force=self.force_asked)
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
        return self._choices(rows)

    def _choices(self, rows: Iterable[tuple]) -> tuple[tuple[list, list], ...]:
        """Each person as (pk, names, owns, leads, owns here, leads here)."""
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

    def chosen_labels(self) -> list[tuple[str, str]]:
        """What is filtered on, in words: (the filter's label, the choice's)."""
        labels = []
        for name, value in self.chosen().items():
            if not value:
                continue
            field = self.form.fields[name]
            assert isinstance(field, forms.ChoiceField)  # every filter here
            choices: Iterable[tuple[Any, Any]] = field.choices  # type: ignore[assignment]
            named = {str(key): label for key, label in choices}
            labels.append((str(field.label), str(named.get(str(value), value))))
        return labels

    def only_by_force(self) -> bool:
        """Whether the actions are all those of every force, or of one."""
        return not any(self.chosen().get(name) for name in NARROWER)

    def plans(self) -> Plans:
        """Whose plans a thematic finding counts in here: the force chosen, or
        those whose action plans this person reads."""
        data = self.chosen()
        reached = reach(self.user, "actions.view_action")
        return Plans(
            forces=[int(data["force"])] if data.get("force") else None,
            organisations=None if reached is EVERYWHERE else sorted(reached),
            narrowed=bool(data.get("owner") or data.get("lead")),
        )

    def finding_conditions(self) -> Q:
        """The same filters, as they apply to findings rather than actions."""
        data = self.chosen()
        conditions = Q()
        if data.get("force"):
            applies = Inspection.applies_to.through.objects.filter(
                force=data["force"]
            ).values("inspection_id")
            conditions &= Q(inspection__force=data["force"]) | Q(inspection__in=applies)
        if data.get("inspection"):
            conditions &= Q(inspection=data["inspection"])
        if data.get("theme"):
            conditions &= Q(theme=data["theme"])
        if data.get("owner"):
            conditions &= Q(actions__owner=data["owner"])
        if data.get("lead"):
            conditions &= Q(actions__lead=data["lead"])
        return conditions
