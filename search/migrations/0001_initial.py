from django.db import migrations, models

# PostgreSQL: the document is a generated column, so it is never out of step
# with the title and body it is made from; a GIN index finds the matches. It
# also holds two scope lexemes no typed word can make (search.query says why).
POSTGRESQL = [
    """
    ALTER TABLE search_entry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'B')
        || array_to_tsvector(ARRAY[
            '~' || kind, '~' || kind || '~' || coalesce(force_id::text, '-')
        ])
    ) STORED
    """,
    "CREATE INDEX search_entry_document ON search_entry USING gin (document)",
]
# SQLite: an FTS5 table over the entries' title and body, kept by triggers.
SQLITE = [
    """
    CREATE VIRTUAL TABLE search_entry_fts USING fts5(
        title, body, content='search_entry', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN
        INSERT INTO search_entry_fts(rowid, title, body)
        VALUES (new.id, new.title, new.body);
    END
    """,
    """
    CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN
        INSERT INTO search_entry_fts(search_entry_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END
    """,
    """
    CREATE TRIGGER search_entry_au AFTER UPDATE ON search_entry BEGIN
        INSERT INTO search_entry_fts(search_entry_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO search_entry_fts(rowid, title, body)
        VALUES (new.id, new.title, new.body);
    END
    """,
]
UNDO = {
    "postgresql": [
        "DROP INDEX IF EXISTS search_entry_document",
        "ALTER TABLE search_entry DROP COLUMN IF EXISTS document",
    ],
    "sqlite": [
        "DROP TRIGGER IF EXISTS search_entry_ai",
        "DROP TRIGGER IF EXISTS search_entry_ad",
        "DROP TRIGGER IF EXISTS search_entry_au",
        "DROP TABLE IF EXISTS search_entry_fts",
    ],
}


def full_text(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(vendor, []):
        schema_editor.execute(statement)


def no_full_text(apps, schema_editor):
    for statement in UNDO.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    initial = True
    dependencies: list = []

    operations = [
        migrations.CreateModel(
            name="Entry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("inspection", "Inspection"),
                            ("question", "Graded question"),
                            ("finding", "Finding"),
                            ("action", "Action"),
                            ("update", "Progress update"),
                            ("paper", "Panel paper"),
                            ("response", "Section 55 response"),
                            ("answer", "Section 55 answer"),
                        ],
                        max_length=20,
                    ),
                ),
                ("object_id", models.PositiveIntegerField()),
                ("title", models.CharField(max_length=400)),
                ("body", models.TextField(blank=True)),
                ("url", models.CharField(max_length=300)),
                ("context", models.CharField(blank=True, max_length=300)),
                ("force_id", models.PositiveIntegerField(db_index=True, null=True)),
                ("year", models.PositiveSmallIntegerField(null=True)),
                ("grade", models.CharField(blank=True, max_length=30)),
                ("status", models.CharField(blank=True, max_length=20)),
                ("dated", models.DateField(null=True)),
            ],
            options={"verbose_name_plural": "entries"},
        ),
        migrations.AddConstraint(
            model_name="entry",
            constraint=models.UniqueConstraint(
                fields=("kind", "object_id"), name="one_entry_a_row"
            ),
        ),
        migrations.RunPython(full_text, no_full_text),
    ]
