SET lock_timeout = '2s';

-- A nullable column without a default is a catalog-only change.
ALTER TABLE orders ADD COLUMN notes text;

-- Safe on PostgreSQL 11+: a constant default is stored in the catalog, no rewrite.
ALTER TABLE orders ADD COLUMN priority smallint NOT NULL DEFAULT 0;
