-- prepaid schema, version 12: a callshop's own balance with its upstream provider.
--
--   * shop_upstream: one row per shop that keeps an upstream account: its balance with the
--     provider (micro-units of `currency`, the currency of the shop's cost tariff when the
--     account was opened) and the warning threshold below which the counter is warned.
--   * shop_upstream_ledger: every change of that balance made by people (a recharge, an
--     adjustment), with who, when, why and the balance it left; after_cdr: the shop's highest
--     CDR id with an upstream cost when the row was written (both are written under the
--     shop_upstream row's lock, so the listing needs no clock to put a row among the calls). A booth call's debit is its
--     CDR (as a card's call charge is since version 8): cdr.upstream_shop_id and
--     cdr.upstream_cost. So the balance = SUM(shop_upstream_ledger.amount) - SUM(cdr.upstream_cost)
--     of the shop's CDRs (prepaidctl shops upstream check).
--   * reservation.upstream_shop_id: the shop whose upstream pays a booth call's cost (NULL for
--     other calls); reservation.upstream_hold: what a booth call's grant costs at the shop's cost tariff
--     (held on the upstream balance while the call is open); reservation.upstream_snapshot: the
--     cost tariff restricted to the called number (as tariff_snapshot is for the retail
--     tariff), with which the Stop prices the call's cost; '' for other calls.
--
-- Every ALTER adds columns at the end of its table (instant on MariaDB 10.6+); the index on
-- cdr is built online.
CREATE TABLE shop_upstream (
  shop_id    BIGINT NOT NULL PRIMARY KEY,
  currency   CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  balance    BIGINT NOT NULL,
  warn_below BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT shop_upstream_shop FOREIGN KEY (shop_id) REFERENCES shop (id),
  CONSTRAINT shop_upstream_warn CHECK (warn_below >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE shop_upstream_ledger (
  id            BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  shop_id       BIGINT NOT NULL,
  at            BIGINT NOT NULL,
  kind          VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  amount        BIGINT NOT NULL,
  balance_after BIGINT NOT NULL,
  currency      CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  actor         VARCHAR(64) NOT NULL,
  reason        VARCHAR(255) NOT NULL,
  after_cdr     BIGINT NOT NULL,
  KEY shop_upstream_ledger_shop (shop_id, id),
  CONSTRAINT shop_upstream_ledger_shop FOREIGN KEY (shop_id) REFERENCES shop_upstream (shop_id),
  CONSTRAINT shop_upstream_ledger_kind CHECK (kind IN ('recharge', 'adjustment'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
ALTER TABLE reservation
  ADD COLUMN upstream_shop_id BIGINT NULL,
  ADD COLUMN upstream_hold BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN upstream_snapshot MEDIUMTEXT NOT NULL DEFAULT '';
ALTER TABLE cdr
  ADD COLUMN upstream_shop_id BIGINT NULL,
  ADD COLUMN upstream_cost BIGINT NULL;
ALTER TABLE cdr ADD KEY cdr_upstream (upstream_shop_id, id);
