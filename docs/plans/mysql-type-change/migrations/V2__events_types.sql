-- The key becomes BIGINT before it reaches 2,147,483,647.
ALTER TABLE events MODIFY id BIGINT NOT NULL AUTO_INCREMENT;

-- SKUs are at most 32 characters.
ALTER TABLE events MODIFY sku VARCHAR(32) NOT NULL;
