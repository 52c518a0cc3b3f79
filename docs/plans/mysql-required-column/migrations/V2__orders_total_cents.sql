-- Amounts move to integer cents: a required column filled from the existing total.
ALTER TABLE orders ADD COLUMN total_cents BIGINT NULL;
UPDATE orders SET total_cents = ROUND(total * 100);
ALTER TABLE orders MODIFY total_cents BIGINT NOT NULL;
