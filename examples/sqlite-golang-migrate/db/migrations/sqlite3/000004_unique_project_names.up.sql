-- SQLite cannot add a UNIQUE constraint with ALTER TABLE, so rebuild the table.
-- golang-migrate's sqlite3 driver runs this file inside a transaction.
PRAGMA foreign_keys = OFF;

CREATE TABLE projects_new (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    archived    INTEGER NOT NULL DEFAULT 0,
    owner_email TEXT
);

INSERT INTO projects_new (id, name, archived)
    SELECT id, name, archived FROM projects;

DROP TABLE projects;

ALTER TABLE projects_new RENAME TO projects;

PRAGMA foreign_keys = ON;
