SET lock_timeout = '2s';
-- schemagate:waive policy.protected-table approver=cfo@acme.example expires=2026-09-30 -- memo moved to ledger_notes in FIN-231
ALTER TABLE payments.ledger DROP COLUMN memo;
