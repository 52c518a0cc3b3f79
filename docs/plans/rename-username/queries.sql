-- What the application runs today (exported from pg_stat_statements).
SELECT id, email, username FROM users WHERE username = $1;
UPDATE users SET username = $1 WHERE id = $2;
SELECT id, email, full_name FROM users WHERE email = $1;
INSERT INTO users (email, full_name, username) VALUES ($1, $2, $3);
-- What app v3 runs.
SELECT id, email, user_handle FROM users WHERE user_handle = $1;
