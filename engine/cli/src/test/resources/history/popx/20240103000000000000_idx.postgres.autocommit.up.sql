CREATE INDEX CONCURRENTLY networks_name_idx ON networks (name);
