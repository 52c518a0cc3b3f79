ALTER TABLE projects ADD COLUMN owner_email TEXT;
CREATE INDEX projects_owner_idx ON projects (owner_email);
