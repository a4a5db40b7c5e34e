-- prepaid schema, version 7: what the audit of the call path asked for.
--
--   * cdr.review: why a call needs a person's look, '' when it does not; reasons separated by
--     ',': `overrun` (the NAS reported more time than was granted: billed at most the grant
--     plus the module's overrun_tolerance), `unauthorized` (no authorization was found for the
--     call), `capped` (the charge was cut to what the account could still pay: a prepaid
--     balance never goes below zero), `called-differs` (the Stop names another number than
--     the authorization), `no-duration` (the Stop carried no duration and the call had no
--     Start). cdr.unbilled: the price of the reported time that was not charged (micro-units).
--     No index: `calls list --review` filters the calls of its date range.
--   * card.pin_failures, card.pin_failed_at, card.locked_until: wrong PINs counted towards a
--     lock (each within the lock time of the one before), the last one, and until when the
--     card refuses every authorization (too many wrong PINs; `cards unlock` clears it).
-- cdr.buy_currency: the currency of buy_cost (schema 6 lets a rate's buy price be in another
-- currency than the tariff's), '' when there is no buy cost.
ALTER TABLE cdr
  ADD COLUMN buy_currency CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT ''
    AFTER buy_cost,
  ADD COLUMN review VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT ''
    AFTER disconnect_cause,
  ADD COLUMN unbilled BIGINT NOT NULL DEFAULT 0 AFTER review;
UPDATE cdr SET buy_currency = currency WHERE buy_cost IS NOT NULL;
ALTER TABLE card
  ADD COLUMN pin_failures INT UNSIGNED NOT NULL DEFAULT 0 AFTER expires_at,
  ADD COLUMN pin_failed_at BIGINT NULL AFTER pin_failures,
  ADD COLUMN locked_until BIGINT NULL AFTER pin_failed_at;
-- One booking implementation: a request alone takes the grouped statements as a group of one
-- (billing/mysql/call_group.h, settle_batch.h), measured within noise of these procedures
-- (docs/radius-benchmarks.md); they are gone.
DROP PROCEDURE IF EXISTS call_reserve;
DROP PROCEDURE IF EXISTS call_settle;
