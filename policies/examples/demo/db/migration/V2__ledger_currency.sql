SET lock_timeout = '2s';
ALTER TABLE payments.ledger ADD COLUMN currency char(3);
