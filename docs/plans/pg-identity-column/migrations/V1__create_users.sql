-- The users table as it is in production today.
CREATE TABLE users (
    id bigserial PRIMARY KEY,
    email text NOT NULL UNIQUE,
    full_name text NOT NULL,
    username text NOT NULL UNIQUE,
    email_confirmed_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
