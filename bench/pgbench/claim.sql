-- A bare claim of the next row of a shared line, as call-next does it (FOR UPDATE SKIP LOCKED).
BEGIN;
UPDATE bench_claim SET status = 'called'
  WHERE id = (SELECT id FROM bench_claim WHERE status = 'waiting' ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED);
COMMIT;
