-- Every user gets a required email_verified flag, true when the address was confirmed.
ALTER TABLE users ADD COLUMN email_verified boolean;
UPDATE users SET email_verified = (email_confirmed_at IS NOT NULL);
ALTER TABLE users ALTER COLUMN email_verified SET DEFAULT false;
ALTER TABLE users ALTER COLUMN email_verified SET NOT NULL;
