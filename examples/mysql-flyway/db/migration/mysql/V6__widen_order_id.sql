SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders MODIFY id bigint NOT NULL AUTO_INCREMENT;
