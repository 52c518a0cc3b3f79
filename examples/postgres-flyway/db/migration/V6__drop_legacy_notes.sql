-- The application stopped reading orders.notes in release 2024.06.
-- schemagate:ignore pg.drop-column -- column unused since release 2024.06, see ticket OPS-1432
ALTER TABLE orders DROP COLUMN notes;
