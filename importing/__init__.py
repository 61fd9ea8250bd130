"""Reading inspection reports and panel papers into a draft inspection.

formats (bytes → lines) and parser (lines → Extraction) are pure: no database.
plan compares an extraction with what the database holds; services writes it.
"""
