-- prepaid schema, version 1: cards, batches, ledger, reservations, CDRs, tariffs, operators,
-- API tokens, audit.
--
-- Conventions
--   * InnoDB, utf8mb4. Identifiers that are matched exactly (numbers, PINs, prefixes, NAS and
--     session ids) are ASCII with a binary collation.
--   * Money columns are BIGINT micro-units (10^-6 of the currency's main unit), never DECIMAL
--     or FLOAT; the v_* views show them as DECIMAL(20,6) for people only.
--   * Instants (*_at columns) are BIGINT seconds since 1970-01-01 UTC; the views show them as
--     DATETIME in UTC.
--   * Statements are separated by a line that ends with ';' (the migration runner splits on
--     that; no stored procedures here).

CREATE TABLE schema_version (
  version     INT NOT NULL PRIMARY KEY,
  description VARCHAR(200) NOT NULL,
  applied_at  BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE tariff (
  id                   BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name                 VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  currency             CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  time_zone            VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  base_price_list      VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  rounding_method      VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  rounding_decimals    TINYINT NOT NULL,            -- -1 = the currency's minor unit
  international_prefix VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  version              BIGINT NOT NULL DEFAULT 1,   -- bumped by every change of the tariff or its contents
  updated_at           BIGINT NOT NULL,
  UNIQUE KEY tariff_name (name),
  CONSTRAINT tariff_rounding CHECK (rounding_method IN ('up', 'down', 'half-up', 'half-even')
                                    AND rounding_decimals BETWEEN -1 AND 6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE price_list (
  id         BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tariff_id  BIGINT NOT NULL,
  name       VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  UNIQUE KEY price_list_name (tariff_id, name),
  CONSTRAINT price_list_tariff FOREIGN KEY (tariff_id) REFERENCES tariff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Rates are keyed by their price list row. An import writes the new rates under a fresh
-- price_list row and swaps it in; the old rows are deleted afterwards (no foreign key, so
-- that the swap is one short step).
CREATE TABLE rate (
  price_list_id     BIGINT NOT NULL,
  prefix            VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  destination       VARCHAR(128) NOT NULL,
  rate              BIGINT NOT NULL,               -- micro-units per rate_unit_s
  rate_unit_s       INT UNSIGNED NOT NULL,
  connect_fee       BIGINT NOT NULL,
  first_increment_s INT UNSIGNED NOT NULL,
  increment_s       INT UNSIGNED NOT NULL,
  grace_s           INT UNSIGNED NOT NULL,
  buy_rate          BIGINT NULL,                   -- micro-units per rate_unit_s
  PRIMARY KEY (price_list_id, prefix)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE price_rule (
  id          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tariff_id   BIGINT NOT NULL,
  name        VARCHAR(64) NOT NULL,
  price_list  VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  weekdays    TINYINT UNSIGNED NOT NULL,          -- bit 0 = Monday … bit 6 = Sunday
  from_s      INT UNSIGNED NOT NULL,              -- local time of day, seconds
  to_s        INT UNSIGNED NOT NULL,
  on_holidays BOOLEAN NOT NULL,
  priority    INT NOT NULL,
  UNIQUE KEY price_rule_name (tariff_id, name),
  CONSTRAINT price_rule_tariff FOREIGN KEY (tariff_id) REFERENCES tariff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE holiday (
  id        BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tariff_id BIGINT NOT NULL,
  year      SMALLINT NOT NULL,                    -- 0 = every year
  month     TINYINT UNSIGNED NOT NULL,
  day       TINYINT UNSIGNED NOT NULL,
  name      VARCHAR(128) NOT NULL,
  UNIQUE KEY holiday_date (tariff_id, year, month, day),
  CONSTRAINT holiday_tariff FOREIGN KEY (tariff_id) REFERENCES tariff (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE batch (
  id            BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  created_at    BIGINT NOT NULL,
  card_count    INT UNSIGNED NOT NULL,
  amount        BIGINT NOT NULL,                  -- initial balance of each card
  currency      CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  tariff        VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  kind          VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  activation    VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  validity_days INT UNSIGNED NOT NULL,
  actor         VARCHAR(64) NOT NULL,
  note          VARCHAR(255) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- PINs are stored in cleartext on purpose: CHAP and SIP digest need the cleartext secret to
-- verify a response, so FreeRADIUS receives it as Cleartext-Password. Protect the database
-- (and its backups) accordingly; the software never logs a PIN nor writes it to audit_log.
CREATE TABLE card (
  id                BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  number            VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  pin               VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  kind              VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  status            VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  currency          CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  tariff            VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  balance           BIGINT NOT NULL,               -- == SUM(ledger.amount) of the card
  credit_limit      BIGINT NOT NULL,
  max_concurrent    INT UNSIGNED NOT NULL,
  activation        VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  validity_days     INT UNSIGNED NOT NULL,
  batch_id          BIGINT NULL,
  created_at        BIGINT NOT NULL,
  activated_at      BIGINT NULL,
  last_recharged_at BIGINT NULL,
  expires_at        BIGINT NULL,
  UNIQUE KEY card_number (number),
  KEY card_batch (batch_id),
  KEY card_status (status, expires_at),
  CONSTRAINT card_batch FOREIGN KEY (batch_id) REFERENCES batch (id),
  CONSTRAINT card_status CHECK (status IN ('new', 'active', 'disabled', 'expired', 'dropped')),
  CONSTRAINT card_kind CHECK (kind IN ('card', 'booth', 'account')),
  CONSTRAINT card_activation CHECK (activation IN ('first_use', 'manual', 'at_creation')),
  CONSTRAINT card_credit_limit CHECK (credit_limit >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE ledger (
  id            BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  card_id       BIGINT NOT NULL,
  at            BIGINT NOT NULL,
  kind          VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  amount        BIGINT NOT NULL,                   -- signed change of the balance
  balance_after BIGINT NOT NULL,
  currency      CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  actor         VARCHAR(64) NOT NULL,
  reason        VARCHAR(255) NOT NULL,
  reference     VARCHAR(64) NOT NULL,              -- "cdr:123", "batch:7", ""
  KEY ledger_card (card_id, id),
  CONSTRAINT ledger_card FOREIGN KEY (card_id) REFERENCES card (id),
  CONSTRAINT ledger_kind CHECK (kind IN ('batch_load', 'recharge', 'call_charge', 'refund',
                                         'adjustment'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per authorized call. Open = state in (reserved, started) AND expires_at > now; the
-- sum of open amounts is what the card's free balance excludes.
CREATE TABLE reservation (
  id              BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  card_id         BIGINT NOT NULL,
  nas             VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  session_id      VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  calling         VARCHAR(64) NOT NULL,
  called          VARCHAR(64) NOT NULL,
  digits          VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  destination     VARCHAR(128) NOT NULL,
  granted_s       INT UNSIGNED NOT NULL,
  amount          BIGINT NOT NULL,
  currency        CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  tariff          VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  tariff_version  BIGINT NOT NULL,
  tariff_snapshot MEDIUMTEXT NOT NULL,             -- the tariff restricted to the number
  state           VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at      BIGINT NOT NULL,
  started_at      BIGINT NULL,
  expires_at      BIGINT NOT NULL,
  usage_s         INT UNSIGNED NOT NULL DEFAULT 0,
  last_interim_at BIGINT NULL,
  closed_at       BIGINT NULL,
  UNIQUE KEY reservation_session (nas, session_id),
  KEY reservation_card (card_id, state, expires_at, amount),  -- covers the free-balance sum
  KEY reservation_state (state, expires_at),
  CONSTRAINT reservation_card FOREIGN KEY (card_id) REFERENCES card (id),
  CONSTRAINT reservation_state CHECK (state IN ('reserved', 'started', 'settled', 'released',
                                                'expired'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE cdr (
  id               BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  card_id          BIGINT NOT NULL,
  card_number      VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  nas              VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  session_id       VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  calling          VARCHAR(64) NOT NULL,
  called           VARCHAR(64) NOT NULL,
  digits           VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  destination      VARCHAR(128) NOT NULL,
  prefix           VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  price_list       VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  rule             VARCHAR(64) NOT NULL,
  setup_at         BIGINT NULL,
  connect_at       BIGINT NULL,
  end_at           BIGINT NULL,
  call_at          BIGINT NOT NULL,
  duration_s       INT UNSIGNED NOT NULL,
  billed_s         INT UNSIGNED NOT NULL,
  price            BIGINT NOT NULL,
  currency         CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  rate             BIGINT NOT NULL,
  rate_unit_s      INT UNSIGNED NOT NULL,
  connect_fee      BIGINT NOT NULL,
  buy_cost         BIGINT NULL,
  rating_detail    VARCHAR(1024) NOT NULL,
  tariff           VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  tariff_version   BIGINT NOT NULL,
  from_snapshot    BOOLEAN NOT NULL,
  disconnect_cause VARCHAR(64) NOT NULL,
  recorded_at      BIGINT NOT NULL,
  UNIQUE KEY cdr_session (nas, session_id),
  KEY cdr_card (card_id, call_at),
  KEY cdr_call_at (call_at),
  KEY cdr_digits (digits, call_at),
  CONSTRAINT cdr_card FOREIGN KEY (card_id) REFERENCES card (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE operator (
  id         BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name       VARCHAR(64) NOT NULL,
  role       VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE KEY operator_name (name),
  CONSTRAINT operator_role CHECK (role IN ('operator', 'administrator'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Only the SHA-256 of a token is stored.
CREATE TABLE api_token (
  id            BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  operator_name VARCHAR(64) NOT NULL,
  label         VARCHAR(128) NOT NULL,
  sha256        CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at    BIGINT NOT NULL,
  revoked_at    BIGINT NULL,
  UNIQUE KEY api_token_hash (sha256),
  KEY api_token_operator (operator_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every mutation, with before/after values as JSON (secrets masked as "***").
CREATE TABLE audit_log (
  id         BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at         BIGINT NOT NULL,
  actor      VARCHAR(64) NOT NULL,
  role       VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  source     VARCHAR(128) NOT NULL,
  action     VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  object     VARCHAR(160) NOT NULL,
  before_json MEDIUMTEXT NOT NULL,
  after_json  MEDIUMTEXT NOT NULL,
  KEY audit_at (at),
  KEY audit_object (object, at),
  KEY audit_actor (actor, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Views for people (DECIMAL money, UTC datetimes). Code never reads them.
CREATE VIEW v_card AS
  SELECT id, number, kind, status, currency, tariff,
         CAST(balance / 1000000 AS DECIMAL(20,6)) AS balance,
         CAST(credit_limit / 1000000 AS DECIMAL(20,6)) AS credit_limit,
         max_concurrent, activation, validity_days, batch_id,
         FROM_UNIXTIME(created_at) AS created, FROM_UNIXTIME(activated_at) AS activated,
         FROM_UNIXTIME(last_recharged_at) AS last_recharged, FROM_UNIXTIME(expires_at) AS expires
  FROM card;

CREATE VIEW v_cdr AS
  SELECT id, card_number, nas, session_id, calling, called, destination, rule,
         FROM_UNIXTIME(call_at) AS call_time, duration_s, billed_s,
         CAST(price / 1000000 AS DECIMAL(20,6)) AS price, currency, disconnect_cause
  FROM cdr;

CREATE VIEW v_ledger AS
  SELECT l.id, c.number AS card_number, FROM_UNIXTIME(l.at) AS at, l.kind,
         CAST(l.amount / 1000000 AS DECIMAL(20,6)) AS amount,
         CAST(l.balance_after / 1000000 AS DECIMAL(20,6)) AS balance_after,
         l.currency, l.actor, l.reason, l.reference
  FROM ledger l JOIN card c ON c.id = l.card_id;
