-- The bare seat claim a booking storm comes down to: a conditional decrement of one row.
UPDATE bench_seats SET remaining = remaining - 1 WHERE id = 1 AND remaining > 0;
