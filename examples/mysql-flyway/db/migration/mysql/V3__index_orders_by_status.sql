SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD INDEX idx_orders_status (status, created_at), ALGORITHM=INPLACE, LOCK=NONE;
