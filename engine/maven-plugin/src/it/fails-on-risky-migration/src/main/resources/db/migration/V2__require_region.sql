ALTER TABLE accounts ADD COLUMN region text;
UPDATE accounts SET region = 'eu' WHERE region IS NULL;
ALTER TABLE accounts ALTER COLUMN region SET NOT NULL;
