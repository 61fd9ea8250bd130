from actions.models.action import Action
from actions.models.evidence import Evidence
from actions.models.extension import DueDateExtension
from actions.models.reminder import ReminderSent
from actions.models.update import ProgressUpdate

__all__ = ["Action", "DueDateExtension", "Evidence", "ProgressUpdate", "ReminderSent"]
