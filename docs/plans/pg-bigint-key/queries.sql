-- What the application runs (exported from pg_stat_statements): the same before and after the change.
SELECT id, email, username FROM users WHERE id = $1;
SELECT id, email FROM users WHERE created_at > $1 ORDER BY created_at, id LIMIT 100;
INSERT INTO users (email, full_name, username) VALUES ($1, $2, $3);
UPDATE users SET email = $1 WHERE id = $2;
