SET lock_timeout = '2s';

ALTER TABLE accounts ADD COLUMN region text;
UPDATE accounts SET region = 'eu' WHERE region IS NULL;

-- Scans the whole table under ACCESS EXCLUSIVE: reads and writes wait.
ALTER TABLE accounts ALTER COLUMN region SET NOT NULL;
