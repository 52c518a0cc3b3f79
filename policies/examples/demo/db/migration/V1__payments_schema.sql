CREATE SCHEMA payments;
CREATE TABLE payments.ledger (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    amount_cents bigint NOT NULL,
    memo text
);
CREATE TABLE payments.refund_drafts (id bigint PRIMARY KEY, ledger_id bigint NOT NULL);
