ALTER TABLE payments.ledger ADD COLUMN fee_amount double precision;
