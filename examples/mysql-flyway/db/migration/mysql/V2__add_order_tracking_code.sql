-- Safe: a nullable column added last runs INSTANT; the timeout keeps the metadata lock wait short.
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN tracking_code varchar(40) NULL, ALGORITHM=INSTANT;
