-- prepaid schema, version 9: the callshop counter's foundation.
--
--   * shop: a callshop counter. name is a label (billing/label.h); currency is the currency of
--     its booths and its retail tariff; time_zone an IANA zone (the counter's day); the retail
--     tariff its booths sell at and, optionally, the cost tariff the shop pays its upstream
--     (any currency); receipt_header: the lines printed above a receipt, separated by '\n';
--     rounding_step (micro-units: 10000, 50000, 100000 or 1000000) and rounding_method
--     (nearest, up, down): how totals are rounded at the counter.
--   * booth: a card of kind 'booth' (its account: number, PIN, balance, status) that belongs
--     to one shop, with a label ("Cabin 3") unique in the shop.
--   * operator.shop_id: the shop whose counter an operator works (NULL: none).
--   * shift: an operator's turn at a shop's counter: the opening cash float, and at its close
--     the cash counted and what the till should have held (expected). open_flag is 1 while
--     it is open, NULL after: the unique key allows one open shift per operator and shop.
--   * cash_movement: cash put in (amount > 0: 'float' by hand, 'deposit' and 'payment' by
--     booth sessions) or taken out (amount < 0: 'withdrawal' or 'expense' by hand, 'refund' by
--     a booth session's checkout) of a shift's till, with a note.
--   * booth_session: a customer's use of a booth, opened at the counter in a shift (prepaid:
--     `amount` is the deposit, a ledger row on the booth's account; postpaid: `amount` is the
--     account's credit limit) and closed at checkout (spent, settled: the cash handed over,
--     < 0 given back; closed_in: the closing shift). open_flag: one open session per booth.
--     The authorization reads it with the card (card.for_call*): a shop's booth without an
--     open session is refused.
CREATE TABLE shop (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name            VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  currency        CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  time_zone       VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  retail_tariff   VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  cost_tariff     VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
  receipt_header  TEXT NOT NULL,
  rounding_step   BIGINT NOT NULL,
  rounding_method VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL,
  UNIQUE KEY shop_name (name),
  CONSTRAINT shop_rounding CHECK (rounding_step IN (10000, 50000, 100000, 1000000)
                                  AND rounding_method IN ('nearest', 'up', 'down'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE booth (
  card_id    BIGINT NOT NULL PRIMARY KEY,
  shop_id    BIGINT NOT NULL,
  label      VARCHAR(64) NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE KEY booth_label (shop_id, label),
  CONSTRAINT booth_card FOREIGN KEY (card_id) REFERENCES card (id),
  CONSTRAINT booth_shop FOREIGN KEY (shop_id) REFERENCES shop (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
ALTER TABLE operator
  ADD COLUMN shop_id BIGINT NULL AFTER role,
  ADD CONSTRAINT operator_shop FOREIGN KEY (shop_id) REFERENCES shop (id);
CREATE TABLE shift (
  id            BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  shop_id       BIGINT NOT NULL,
  operator_name VARCHAR(64) NOT NULL,
  opened_at     BIGINT NOT NULL,
  opening_float BIGINT NOT NULL,
  closed_at     BIGINT NULL,
  counted       BIGINT NULL,
  expected      BIGINT NULL,
  open_flag     TINYINT AS (IF(closed_at IS NULL, 1, NULL)) PERSISTENT,
  UNIQUE KEY shift_open (shop_id, operator_name, open_flag),
  KEY shift_shop (shop_id, id),
  CONSTRAINT shift_shop FOREIGN KEY (shop_id) REFERENCES shop (id),
  CONSTRAINT shift_amounts CHECK (opening_float >= 0 AND (counted IS NULL OR counted >= 0))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE cash_movement (
  id            BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  shift_id      BIGINT NOT NULL,
  at            BIGINT NOT NULL,
  amount        BIGINT NOT NULL,
  reason        VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  note          VARCHAR(255) NOT NULL,
  operator_name VARCHAR(64) NOT NULL,
  KEY cash_movement_shift (shift_id, id),
  CONSTRAINT cash_movement_shift FOREIGN KEY (shift_id) REFERENCES shift (id),
  CONSTRAINT cash_movement_reason CHECK ((reason IN ('float', 'deposit', 'payment') AND amount > 0)
                                         OR (reason IN ('withdrawal', 'expense', 'refund')
                                             AND amount < 0))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE booth_session (
  id         BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  card_id    BIGINT NOT NULL,
  shift_id   BIGINT NOT NULL,
  kind       VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  amount     BIGINT NOT NULL,
  opened_at  BIGINT NOT NULL,
  opened_by  VARCHAR(64) NOT NULL,
  closed_at  BIGINT NULL,
  closed_by  VARCHAR(64) NOT NULL DEFAULT '',
  closed_in  BIGINT NULL,
  spent      BIGINT NULL,
  settled    BIGINT NULL,
  open_flag  TINYINT AS (IF(closed_at IS NULL, 1, NULL)) PERSISTENT,
  UNIQUE KEY booth_session_open (card_id, open_flag),
  KEY booth_session_shift (shift_id, id),
  CONSTRAINT booth_session_booth FOREIGN KEY (card_id) REFERENCES booth (card_id),
  CONSTRAINT booth_session_shift FOREIGN KEY (shift_id) REFERENCES shift (id),
  CONSTRAINT booth_session_closed_in FOREIGN KEY (closed_in) REFERENCES shift (id),
  CONSTRAINT booth_session_kind CHECK (kind IN ('prepaid', 'postpaid') AND amount > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
