-- prepaid schema, version 4: one index fewer on the busiest table.
--
--   * reservation_card (card_id, state, expires_at, amount) is dropped. It served the open-
--     reservation sums of the single-card statements (billing/mysql/statements.cc,
--     card.for_call_*) and of call_reserve; they now test is_open = 1 and read
--     reservation_open (card_id, is_open, expires_at, amount), which the grouped statements
--     read since version 3 and which also serves the card_id foreign key.
--   * Every reservation written, and every change of its state (a Stop settling it), changed
--     an entry in it: in the settle batch's update of 30 reservations (`mariadb` client, on a
--     database after 20,000 calls) the update cost about a quarter less without it.
--   * call_reserve is the version-2 procedure with its two sums on is_open = 1: left on
--     `state`, MariaDB 10.11 scans the whole table for them (tests/billing/mysql/
--     call_group_test.cc counts the rows read).

DELIMITER //
CREATE OR REPLACE PROCEDURE call_reserve(
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
            WHERE r.card_id = c.id AND r.is_open = 1
              AND r.expires_at > p_now),
         (SELECT COUNT(*) FROM reservation r
            WHERE r.card_id = c.id AND r.is_open = 1
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

ALTER TABLE reservation DROP KEY reservation_card;
