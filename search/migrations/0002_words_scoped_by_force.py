"""On PostgreSQL, an action's and a progress update's words are held under
their force ("19~supervis", not "supervis"), so a search of one force's plans
reads only that force's lists in the word index, not every force's (the
national data has a million updates; search.query says how a search asks)."""

from django.db import migrations

WORDS = """
    setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'B')
"""
SCOPES = """
    array_to_tsvector(ARRAY[
        '~' || kind, '~' || kind || '~' || coalesce(force_id::text, '-')
    ])
"""
# Each lexeme in a tsvector's text opens with a quote after the start or a
# space ("'supervis':2A 'investig':4B"); none holds a space or a "~".
SCOPED = """
    CREATE FUNCTION search_scoped(words tsvector, scope text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT regexp_replace(words::text, '(^| )''', '\\1''' || scope || '~', 'g')::tsvector $$
"""


def document(words: str) -> list[str]:
    return [
        "DROP INDEX IF EXISTS search_entry_document",
        "ALTER TABLE search_entry DROP COLUMN IF EXISTS document",
        f"ALTER TABLE search_entry ADD COLUMN document tsvector "
        f"GENERATED ALWAYS AS (({words}) || {SCOPES}) STORED",
        "CREATE INDEX search_entry_document ON search_entry USING gin (document)",
    ]


FORWARD = [
    SCOPED,
    *document(
        f"CASE WHEN kind IN ('action', 'update') "
        f"THEN search_scoped({WORDS}, coalesce(force_id::text, '-')) "
        f"ELSE {WORDS} END"
    ),
]
BACKWARD = [*document(WORDS), "DROP FUNCTION IF EXISTS search_scoped(tsvector, text)"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
