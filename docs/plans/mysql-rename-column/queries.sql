-- What the application runs today (digests from performance_schema.events_statements_summary_by_digest).
SELECT id, email, username FROM users WHERE username = ?;
UPDATE users SET username = ? WHERE id = ?;
INSERT INTO users (email, full_name, username) VALUES (?, ?, ?);
-- What app v3 runs.
SELECT id, email, user_handle FROM users WHERE user_handle = ?;
INSERT INTO users (email, full_name, user_handle) VALUES (?, ?, ?);
