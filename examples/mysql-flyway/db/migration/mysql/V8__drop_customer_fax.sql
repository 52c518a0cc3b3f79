SET SESSION lock_wait_timeout = 5;
-- schemagate:ignore mysql.drop-column -- fax unused since release 2024.03 and archived, ticket OPS-2211
ALTER TABLE customers DROP COLUMN fax;
