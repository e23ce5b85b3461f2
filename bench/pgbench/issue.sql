-- The statements one ticket issue writes, bare: the prefix's counter, the ticket, its transition,
-- the audit row, and the outbox row under the event-order lock (server/src/queue/issue.ts).
\set p random(1, 6)
BEGIN;
INSERT INTO ticket_sequences (hall_date, prefix, last_seq) VALUES ('2099-01-01', 'Z' || :p, 1)
  ON CONFLICT (hall_date, prefix) DO UPDATE SET last_seq = ticket_sequences.last_seq + 1 RETURNING last_seq \gset
INSERT INTO tickets (hall_date, prefix, seq, number, service_id, channel, queued_at, issued_at)
  VALUES ('2099-01-01', 'Z' || :p, :last_seq, 'Z' || :p || '-' || :last_seq, :service, 'kiosk', now(), now()) RETURNING id \gset
INSERT INTO ticket_events (ticket_id, type, to_status, at) VALUES (':id', 'issued', 'waiting', now());
INSERT INTO audit_log (actor_role, action, object_type, object_id, after) VALUES ('kiosk', 'ticket.issued', 'ticket', ':id', '{"channel":"kiosk"}');
SELECT pg_advisory_xact_lock(727020);
INSERT INTO hall_events (type, payload) VALUES ('ticket.issued', '{"number":"Z001"}');
COMMIT;
