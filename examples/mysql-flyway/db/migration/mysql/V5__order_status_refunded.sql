-- Safe: appending an ENUM member at the end is INSTANT.
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders MODIFY status enum('new','paid','shipped','refunded') NOT NULL DEFAULT 'new';
