-- prepaid schema, version 2: the RADIUS call path in fewer round trips.
--
--   * card.version counts the writes to a card row (every UPDATE of a card adds 1). An
--     authorization decides on a plain read of the card, then reserves through call_reserve,
--     which re-checks under the card's row lock that the version is still the one it decided
--     on (and re-counts the open reservations); any other change sends it back to read again.
--   * tariff_snapshot holds each distinct reservation snapshot once, keyed by the SHA-256 of
--     its text; a reservation keeps the key (snapshot_sha256) instead of its own copy.
--   * call_reserve and call_settle are the authorization's and the Stop's writes, each one
--     transaction in one round trip. They decide nothing: the rating and the return codes stay
--     in the C++ services, the procedures only re-check the figures they are given under the
--     card's row lock and write. Each answers with one result row.
--
-- Routine bodies contain ';': they are written between DELIMITER lines (see
-- billing/mysql/migrations.h).

ALTER TABLE card ADD COLUMN version BIGINT NOT NULL DEFAULT 0 AFTER expires_at;

CREATE TABLE tariff_snapshot (
  sha256     CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  text       MEDIUMTEXT NOT NULL,                 -- format_tariff_text(tariff.restricted_to(n))
  created_at BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO tariff_snapshot (sha256, text, created_at)
  SELECT SHA2(tariff_snapshot, 256), MIN(tariff_snapshot), MIN(created_at)
  FROM reservation GROUP BY SHA2(tariff_snapshot, 256);

ALTER TABLE reservation
  ADD COLUMN snapshot_sha256 CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL
    AFTER tariff_version;

UPDATE reservation SET snapshot_sha256 = SHA2(tariff_snapshot, 256);

-- No foreign key to tariff_snapshot: it would cost one more index on the busiest table. The
-- snapshot row is written before or with its first reservation and never deleted.
ALTER TABLE reservation
  MODIFY snapshot_sha256 CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  DROP COLUMN tariff_snapshot;

-- call_reserve: inserts a reservation (state 'reserved') if, under the card's row lock,
--   * the card's version is still p_card_version and its tariff's version p_tariff_version,
--   * fewer than max_concurrent reservations are open at p_now (reserved or started,
--     expires_at > p_now), and
--   * balance + credit_limit - the open reservations' amounts >= p_amount.
-- p_snapshot is the snapshot's text when the caller does not know whether the database has it
-- yet (stored once), NULL otherwise. Answers one row (outcome, reservation id):
--   ('reserved', id)   committed;
--   ('changed', NULL)  nothing written: read the card again and decide again;
--   ('duplicate', NULL) nothing written: (p_nas, p_session_id) already has a reservation.
-- The sums are read by a statement of their own, after the lock is granted, so they see every
-- reservation committed before (READ COMMITTED: each statement reads the latest commits).
-- Errors (deadlock, lock wait timeout, ...) roll back and are raised again to the caller.
DELIMITER //
CREATE PROCEDURE call_reserve(
  IN p_card_version BIGINT,
  IN p_now BIGINT,
  IN p_snapshot MEDIUMTEXT,
  IN p_card_id BIGINT,
  IN p_nas VARCHAR(64) CHARACTER SET ascii,
  IN p_session_id VARCHAR(128) CHARACTER SET ascii,
  IN p_calling VARCHAR(64),
  IN p_called VARCHAR(64),
  IN p_digits VARCHAR(32) CHARACTER SET ascii,
  IN p_destination VARCHAR(128),
  IN p_granted_s INT UNSIGNED,
  IN p_amount BIGINT,
  IN p_currency CHAR(3) CHARACTER SET ascii,
  IN p_tariff VARCHAR(64) CHARACTER SET ascii,
  IN p_tariff_version BIGINT,
  IN p_snapshot_sha256 CHAR(64) CHARACTER SET ascii,
  IN p_state VARCHAR(16) CHARACTER SET ascii,
  IN p_created_at BIGINT,
  IN p_started_at BIGINT,
  IN p_expires_at BIGINT,
  IN p_usage_s INT UNSIGNED,
  IN p_last_interim_at BIGINT,
  IN p_closed_at BIGINT)
  MODIFIES SQL DATA
  SQL SECURITY INVOKER
BEGIN
  DECLARE v_version BIGINT DEFAULT NULL;
  DECLARE v_balance BIGINT;
  DECLARE v_credit BIGINT;
  DECLARE v_max INT UNSIGNED;
  DECLARE v_reserved BIGINT;
  DECLARE v_open INT UNSIGNED;
  DECLARE v_tariff_version BIGINT;
  DECLARE EXIT HANDLER FOR 1062
  BEGIN
    ROLLBACK;
    SELECT 'duplicate', NULL;
  END;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    RESIGNAL;
  END;
  DECLARE CONTINUE HANDLER FOR NOT FOUND BEGIN END;

  START TRANSACTION;
  SELECT version, balance, credit_limit, max_concurrent
    INTO v_version, v_balance, v_credit, v_max
    FROM card WHERE id = p_card_id FOR UPDATE;
  SELECT (SELECT COALESCE(SUM(r.amount), 0) FROM reservation r
            WHERE r.card_id = c.id AND r.state IN ('reserved', 'started')
              AND r.expires_at > p_now),
         (SELECT COUNT(*) FROM reservation r
            WHERE r.card_id = c.id AND r.state IN ('reserved', 'started')
              AND r.expires_at > p_now),
         (SELECT t.version FROM tariff t WHERE t.name = c.tariff)
    INTO v_reserved, v_open, v_tariff_version
    FROM card c WHERE c.id = p_card_id;
  IF v_version IS NULL OR v_version <> p_card_version
     OR v_tariff_version IS NULL OR v_tariff_version <> p_tariff_version
     OR v_open >= v_max OR v_balance + v_credit - v_reserved < p_amount THEN
    ROLLBACK;
    SELECT 'changed', NULL;
  ELSE
    IF p_snapshot IS NOT NULL THEN
      INSERT INTO tariff_snapshot (sha256, text, created_at)
        VALUES (p_snapshot_sha256, p_snapshot, p_created_at)
        ON DUPLICATE KEY UPDATE sha256 = sha256;
    END IF;
    INSERT INTO reservation (card_id, nas, session_id, calling, called, digits, destination,
                             granted_s, amount, currency, tariff, tariff_version,
                             snapshot_sha256, state, created_at, started_at, expires_at,
                             usage_s, last_interim_at, closed_at)
      VALUES (p_card_id, p_nas, p_session_id, p_calling, p_called, p_digits, p_destination,
              p_granted_s, p_amount, p_currency, p_tariff, p_tariff_version,
              p_snapshot_sha256, p_state, p_created_at, p_started_at, p_expires_at,
              p_usage_s, p_last_interim_at, p_closed_at);
    COMMIT;
    SELECT 'reserved', LAST_INSERT_ID();
  END IF;
END //
DELIMITER ;

-- call_settle: books one rated call under the card's row lock: the CDR, then, when its price
-- is not zero, the balance (version + 1) and a 'call_charge' ledger row whose balance_after
-- is computed under the lock, then closes the reservation p_reservation_id (may be NULL) as
-- settled. Answers one row (outcome, CDR id, balance after):
--   ('settled', id, balance)  committed;
--   ('duplicate', NULL, NULL) nothing written: the reservation is already settled, or the CDR
--                             UNIQUE (nas, session_id) key says this call was already charged;
--   ('missing', NULL, NULL)   nothing written: no such card or reservation.
DELIMITER //
CREATE PROCEDURE call_settle(
  IN p_reservation_id BIGINT,
  IN p_at BIGINT,
  IN p_actor VARCHAR(64),
  IN p_reason VARCHAR(255),
  IN p_card_id BIGINT,
  IN p_card_number VARCHAR(32) CHARACTER SET ascii,
  IN p_nas VARCHAR(64) CHARACTER SET ascii,
  IN p_session_id VARCHAR(128) CHARACTER SET ascii,
  IN p_calling VARCHAR(64),
  IN p_called VARCHAR(64),
  IN p_digits VARCHAR(32) CHARACTER SET ascii,
  IN p_destination VARCHAR(128),
  IN p_prefix VARCHAR(32) CHARACTER SET ascii,
  IN p_price_list VARCHAR(64) CHARACTER SET ascii,
  IN p_rule VARCHAR(64),
  IN p_setup_at BIGINT,
  IN p_connect_at BIGINT,
  IN p_end_at BIGINT,
  IN p_call_at BIGINT,
  IN p_duration_s INT UNSIGNED,
  IN p_billed_s INT UNSIGNED,
  IN p_price BIGINT,
  IN p_currency CHAR(3) CHARACTER SET ascii,
  IN p_rate BIGINT,
  IN p_rate_unit_s INT UNSIGNED,
  IN p_connect_fee BIGINT,
  IN p_buy_cost BIGINT,
  IN p_rating_detail VARCHAR(1024),
  IN p_tariff VARCHAR(64) CHARACTER SET ascii,
  IN p_tariff_version BIGINT,
  IN p_from_snapshot BOOLEAN,
  IN p_disconnect_cause VARCHAR(64),
  IN p_recorded_at BIGINT)
  MODIFIES SQL DATA
  SQL SECURITY INVOKER
BEGIN
  DECLARE v_balance BIGINT DEFAULT NULL;
  DECLARE v_state VARCHAR(16) CHARACTER SET ascii DEFAULT NULL;
  DECLARE v_cdr BIGINT;
  DECLARE EXIT HANDLER FOR 1062
  BEGIN
    ROLLBACK;
    SELECT 'duplicate', NULL, NULL;
  END;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    RESIGNAL;
  END;
  DECLARE CONTINUE HANDLER FOR NOT FOUND BEGIN END;

  START TRANSACTION;
  SELECT balance INTO v_balance FROM card WHERE id = p_card_id FOR UPDATE;
  IF p_reservation_id IS NOT NULL THEN
    SELECT state INTO v_state FROM reservation
      WHERE id = p_reservation_id AND card_id = p_card_id;
  END IF;
  IF v_balance IS NULL OR (p_reservation_id IS NOT NULL AND v_state IS NULL) THEN
    ROLLBACK;
    SELECT 'missing', NULL, NULL;
  ELSEIF v_state = 'settled' THEN
    ROLLBACK;
    SELECT 'duplicate', NULL, NULL;
  ELSE
    INSERT INTO cdr (card_id, card_number, nas, session_id, calling, called, digits,
                     destination, prefix, price_list, rule, setup_at, connect_at, end_at,
                     call_at, duration_s, billed_s, price, currency, rate, rate_unit_s,
                     connect_fee, buy_cost, rating_detail, tariff, tariff_version,
                     from_snapshot, disconnect_cause, recorded_at)
      VALUES (p_card_id, p_card_number, p_nas, p_session_id, p_calling, p_called, p_digits,
              p_destination, p_prefix, p_price_list, p_rule, p_setup_at, p_connect_at,
              p_end_at, p_call_at, p_duration_s, p_billed_s, p_price, p_currency, p_rate,
              p_rate_unit_s, p_connect_fee, p_buy_cost, p_rating_detail, p_tariff,
              p_tariff_version, p_from_snapshot, p_disconnect_cause, p_recorded_at);
    SET v_cdr = LAST_INSERT_ID();
    IF p_price <> 0 THEN
      SET v_balance = v_balance - p_price;
      UPDATE card SET balance = v_balance, version = version + 1 WHERE id = p_card_id;
      INSERT INTO ledger (card_id, at, kind, amount, balance_after, currency, actor, reason,
                          reference)
        VALUES (p_card_id, p_at, 'call_charge', -p_price, v_balance, p_currency, p_actor,
                p_reason, CONCAT('cdr:', v_cdr));
    END IF;
    IF p_reservation_id IS NOT NULL THEN
      UPDATE reservation SET state = 'settled', closed_at = p_at WHERE id = p_reservation_id;
    END IF;
    COMMIT;
    SELECT 'settled', v_cdr, v_balance;
  END IF;
END //
DELIMITER ;
