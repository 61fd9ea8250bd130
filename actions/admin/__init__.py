from actions.admin.actions import ActionAdmin
from actions.admin.common import ActionInline
from actions.admin.extensions import DueDateExtensionAdmin, EvidenceAdmin
from actions.admin.findings import FindingWithActionsAdmin
from actions.admin.updates import ProgressUpdateAdmin

__all__ = [
    "ActionAdmin",
    "ActionInline",
    "DueDateExtensionAdmin",
    "EvidenceAdmin",
    "FindingWithActionsAdmin",
    "ProgressUpdateAdmin",
]
