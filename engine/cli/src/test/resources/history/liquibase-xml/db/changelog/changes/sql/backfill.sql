-- backfill the status of old orders
UPDATE orders SET status = 'new' WHERE status IS NULL;
