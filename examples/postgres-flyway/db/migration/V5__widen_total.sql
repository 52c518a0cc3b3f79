SET lock_timeout = '2s';

-- bigint -> numeric is not binary coercible: the table and its indexes are rewritten.
ALTER TABLE orders ALTER COLUMN total_cents TYPE numeric(14, 2);

-- text -> varchar without a length limit is binary coercible: no rewrite.
ALTER TABLE orders ALTER COLUMN status TYPE varchar;
