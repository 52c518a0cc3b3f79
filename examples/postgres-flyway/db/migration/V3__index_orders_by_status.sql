SET lock_timeout = '2s';

-- Blocks every INSERT/UPDATE/DELETE on orders while the index builds.
CREATE INDEX orders_status_idx ON orders (status);
