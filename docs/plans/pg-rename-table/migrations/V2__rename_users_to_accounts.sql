-- users becomes accounts.
ALTER TABLE users RENAME TO accounts;
