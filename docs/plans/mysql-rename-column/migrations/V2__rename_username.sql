-- username becomes user_handle.
ALTER TABLE users RENAME COLUMN username TO user_handle;
