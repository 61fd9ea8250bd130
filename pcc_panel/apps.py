from django.apps import AppConfig


class PanelConfig(AppConfig):
    """The project: its template tags, and the wiring of signals to the apps'
    handlers (no app connects its own, so none reaches into another's)."""

    name = "pcc_panel"
    verbose_name = "PCC Panel"

    def ready(self) -> None:
        from pcc_panel import signals

        signals.connect()
