-- prepaid schema, version 6: a card's validity runs from the later of its activation and its
-- last recharge; a rate's buy price may be in another currency than its tariff.
--
--   * card.expires_at is recomputed for every card: activated_at or last_recharged_at,
--     whichever is later, + validity_days days; NULL while the card was never activated or
--     when validity_days = 0. Until now a recharge before the first use started the validity
--     (a card sold, recharged, and first used 179 days later expired the next day). A card
--     whose expiry moves gets version + 1, as every write to a card does (the call path
--     compares it). A card that "expired" under the old rule and is valid under the new one
--     calls again: its status in the row stayed 'active' (expiry is read from expires_at).
--   * rate.buy_currency: the ISO 4217 code of buy_rate when it is not the tariff's currency;
--     NULL = the tariff's currency (every existing rate). Added last, so the ALTER is instant
--     on MariaDB 10.6+ even for a 250,000-rate table.

UPDATE card
   SET version = version + 1,
       expires_at = CASE
         WHEN activated_at IS NULL OR validity_days = 0 THEN NULL
         ELSE GREATEST(activated_at, COALESCE(last_recharged_at, activated_at))
              + CAST(validity_days AS SIGNED) * 86400
       END
 WHERE NOT (expires_at <=> CASE
         WHEN activated_at IS NULL OR validity_days = 0 THEN NULL
         ELSE GREATEST(activated_at, COALESCE(last_recharged_at, activated_at))
              + CAST(validity_days AS SIGNED) * 86400
       END);

ALTER TABLE rate ADD COLUMN buy_currency CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NULL;
