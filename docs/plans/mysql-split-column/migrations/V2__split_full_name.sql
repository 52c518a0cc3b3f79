-- Split full_name into first_name and last_name (everything after the first space).
ALTER TABLE users ADD COLUMN first_name VARCHAR(100) NULL, ADD COLUMN last_name VARCHAR(150) NULL;
UPDATE users SET first_name = SUBSTRING_INDEX(full_name, ' ', 1),
                 last_name = NULLIF(SUBSTRING(full_name, CHAR_LENGTH(SUBSTRING_INDEX(full_name, ' ', 1)) + 2), '');
ALTER TABLE users DROP COLUMN full_name;
