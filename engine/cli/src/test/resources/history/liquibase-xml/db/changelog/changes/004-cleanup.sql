--liquibase formatted sql

--changeset dee:30
DROP INDEX accounts_email_idx;
--rollback CREATE INDEX accounts_email_idx ON accounts (email);

--changeset dee:31
DROP TABLE orders;

--changeset dee:32 dbms:mysql
ALTER TABLE accounts DROP COLUMN email;
