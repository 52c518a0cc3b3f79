ALTER TABLE accounts ADD CONSTRAINT accounts_email_check CHECK (email IS NOT NULL) NOT VALID;
