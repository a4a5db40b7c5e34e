-- prepaid schema, version 3: a card's open reservations in one index lookup.
--
--   * reservation.is_open is 1 while a reservation holds money ('reserved' or 'started'), 0
--     after it (settled, released, expired); MariaDB computes and stores it from `state`.
--   * reservation_open (card_id, is_open, expires_at, amount) covers the open-reservation sum
--     of the grouped authorization reads (billing/mysql/statements.cc, OPEN_RESERVATIONS):
--     one lookup per card for (card_id, 1), where the version-2 statements joined a two-row
--     table of the open states on (card_id, state) — two lookups per card and a temporary
--     table for the GROUP BY (the grouped read took ~40 % longer).

ALTER TABLE reservation
  ADD COLUMN is_open TINYINT AS (state IN ('reserved', 'started')) PERSISTENT,
  ADD KEY reservation_open (card_id, is_open, expires_at, amount);
