-- balance was text ('12.50'); it becomes integer cents. SQLite cannot change a column's type in place.
CREATE TABLE accounts_new (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    balance INTEGER NOT NULL DEFAULT 0
);
INSERT INTO accounts_new (id, email, balance)
    SELECT id, email, CAST(ROUND(IFNULL(CAST(balance AS REAL), 0) * 100) AS INTEGER) FROM accounts;
DROP TABLE accounts;
ALTER TABLE accounts_new RENAME TO accounts;
CREATE INDEX accounts_email ON accounts (email);
