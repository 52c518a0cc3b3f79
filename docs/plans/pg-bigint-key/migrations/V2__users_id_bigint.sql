-- users.id is at 1.9 billion: widen it to bigint before the sequence passes 2^31 - 1.
ALTER TABLE users ALTER COLUMN id TYPE bigint;
