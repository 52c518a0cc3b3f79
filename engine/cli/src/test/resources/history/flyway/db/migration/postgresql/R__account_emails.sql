CREATE OR REPLACE VIEW account_emails AS SELECT id, email FROM accounts;
