-- Split full_name into first_name and last_name (everything after the first space).
ALTER TABLE users ADD COLUMN first_name text;
ALTER TABLE users ADD COLUMN last_name text;
UPDATE users SET first_name = split_part(full_name, ' ', 1),
                 last_name = NULLIF(substr(full_name, length(split_part(full_name, ' ', 1)) + 2), '');
ALTER TABLE users DROP COLUMN full_name;
