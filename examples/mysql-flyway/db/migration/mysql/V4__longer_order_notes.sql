SET SESSION lock_wait_timeout = 5;
-- Crosses the 255-byte VARCHAR boundary (utf8mb4), and forgets NOT NULL and the DEFAULT.
ALTER TABLE orders MODIFY note varchar(255);
