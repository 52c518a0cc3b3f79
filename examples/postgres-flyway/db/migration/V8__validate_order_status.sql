SET lock_timeout = '2s';

ALTER TABLE orders VALIDATE CONSTRAINT orders_status_check;
