-- What app v1 runs (exported from pg_stat_statements).
SELECT id, email, username FROM users WHERE username = $1;
UPDATE users SET email = $1 WHERE id = $2;
INSERT INTO users (email, full_name, username) VALUES ($1, $2, $3);
-- What app v2 runs.
SELECT id, email, username FROM accounts WHERE username = $1;
