-- prepaid schema, version 8: a call's CDR is its ledger row.
--
--   * cdr.balance_after: the card's balance right after the call was charged. A Stop booked
--     from this version on writes its CDR and no `ledger` row: the CDR carries what the
--     call_charge ledger row did (the amount is -price; the time is recorded_at; the actor is
--     'radius' and the reason 'call to <called>'; the reference names the CDR itself). The
--     card's ledger is its `ledger` rows plus its CDRs whose balance_after is set and whose
--     price is not zero; the balance is SUM(ledger.amount) - SUM(cdr.price) over the CDRs
--     whose balance_after is set (prepaidctl cards ledger-check).
--   * Existing CDRs keep balance_after NULL: each was booked with its own call_charge ledger
--     row, which stays and is counted as before. NULL is what tells the two apart, exactly.
--   * ledger.after_cdr: the card's highest CDR id when the row was written (0 when it had
--     none; NULL for rows written before this version). A card's ledger lists a row after
--     the CDRs whose id is at most after_cdr and before the later ones: both are written
--     under the card's row lock, so this is the order in which the balance changed, whatever
--     the clocks of the nodes said (billing/store/mysql/statements.cc, ledger.list).
--   * v_ledger shows both.
--
-- Per Stop this leaves one row and two index entries (ledger's primary key and ledger_card)
-- and a foreign-key check out of the settle transaction (docs/radius-benchmarks.md). Both
-- ALTERs add a column at the end: instant on MariaDB 10.6+, whatever the tables' size.
ALTER TABLE cdr ADD COLUMN balance_after BIGINT NULL;
ALTER TABLE ledger ADD COLUMN after_cdr BIGINT NULL;
CREATE OR REPLACE VIEW v_ledger AS
  SELECT l.id, c.number AS card_number, FROM_UNIXTIME(l.at) AS at, l.kind,
         CAST(l.amount / 1000000 AS DECIMAL(20,6)) AS amount,
         CAST(l.balance_after / 1000000 AS DECIMAL(20,6)) AS balance_after,
         l.currency, l.actor, l.reason, l.reference
  FROM ledger l JOIN card c ON c.id = l.card_id
  UNION ALL
  SELECT d.id, d.card_number, FROM_UNIXTIME(d.recorded_at), 'call_charge',
         CAST(-d.price / 1000000 AS DECIMAL(20,6)),
         CAST(d.balance_after / 1000000 AS DECIMAL(20,6)),
         d.currency, 'radius', CONCAT('call to ', d.called), CONCAT('cdr:', d.id)
  FROM cdr d WHERE d.balance_after IS NOT NULL AND d.price <> 0;
