CREATE TABLE projects (
    id       INTEGER PRIMARY KEY,
    name     TEXT    NOT NULL,
    archived INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tasks (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    title      TEXT    NOT NULL,
    due_at     TEXT
);

CREATE INDEX tasks_project_idx ON tasks (project_id);
