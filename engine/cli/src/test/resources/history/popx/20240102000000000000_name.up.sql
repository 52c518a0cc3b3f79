ALTER TABLE networks ADD COLUMN name text;
