-- The users table as it is in production today: a serial (integer) key that is running out of values.
CREATE TABLE users (
    id serial PRIMARY KEY,
    email text NOT NULL UNIQUE,
    full_name text NOT NULL,
    username text NOT NULL UNIQUE,
    email_confirmed_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_created_at_idx ON users (created_at, id);
