-- What a group of 30 Stops' booking costs inside MariaDB, by what it does to the reservations:
-- 0 settles them (today: the reservation_open entry moves), 1 deletes them, 2 leaves them;
-- and 3, the design where the reservation row is the call's record (the Stop fills the rated
-- fields into it in place: no CDR row, no CDR index entries; table call_record below).
-- Each group: lock the cards, insert 30 CDRs (3: fill the 30 call records), update the cards,
-- the variant, commit; the variants alternate group by group (a shared machine drifts), the
-- loop runs in the server (no round trips, no parameters). Not a test: a measurement to decide
-- a schema change (docs/radius-benchmarks.md, "Stop 27" and "Stop 29"). Run on a scratch
-- database created by `prepaidctl db init`, as root:
--
--   mariadb -uroot -S SOCK SCRATCH < tests/bench/sql/booking_cost.sql
--
-- It sets innodb_flush_log_at_trx_commit = 2 for the run (the fsync would hide the rest) and
-- puts it back to 1. The cards are a stand-in table (card2: the same primary-key update) and
-- foreign keys are not checked: both the same in every variant. call_record is the merged
-- table: the reservation's columns, the CDR's rated ones (NULL until the Stop), and the
-- indexes the two tables' readers need — the session key, the open calls (as
-- reservation_open), a card's calls and all calls by time (keyed by creation, known at
-- authorization, so that the Stop moves no entry of theirs).
SET foreign_key_checks = 0;
SET GLOBAL innodb_flush_log_at_trx_commit = 2;
CREATE TABLE IF NOT EXISTS card2 (id BIGINT PRIMARY KEY, balance BIGINT, version BIGINT);
TRUNCATE card2;
INSERT INTO card2 SELECT seq, 100000000, 0 FROM seq_1_to_1000;
DROP TABLE IF EXISTS call_record;
CREATE TABLE call_record (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  card_id BIGINT NOT NULL,
  card_number VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  nas VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  session_id VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  calling VARCHAR(64) NOT NULL, called VARCHAR(64) NOT NULL,
  digits VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  destination VARCHAR(128) NOT NULL, granted_s INT UNSIGNED NOT NULL, amount BIGINT NOT NULL,
  currency CHAR(3) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  tariff VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, tariff_version BIGINT NOT NULL,
  snapshot_sha256 CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  state VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at BIGINT NOT NULL, started_at BIGINT NULL, expires_at BIGINT NOT NULL,
  closed_at BIGINT NULL,
  is_open TINYINT AS (state IN ('reserved', 'started')) STORED,
  prefix VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NULL,
  price_list VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL, rule VARCHAR(64) NULL,
  connect_at BIGINT NULL, end_at BIGINT NULL, call_at BIGINT NULL,
  duration_s INT UNSIGNED NULL, billed_s INT UNSIGNED NULL, price BIGINT NULL, rate BIGINT NULL,
  rate_unit_s INT UNSIGNED NULL, connect_fee BIGINT NULL, rating_detail VARCHAR(1024) NULL,
  disconnect_cause VARCHAR(64) NULL, recorded_at BIGINT NULL, balance_after BIGINT NULL,
  UNIQUE KEY call_session (nas, session_id),
  KEY call_open (is_open, card_id, expires_at, amount),
  KEY call_card (card_id, created_at),
  KEY call_created (created_at)
) ENGINE=InnoDB;
DROP PROCEDURE IF EXISTS booking_cost_reset;
DROP PROCEDURE IF EXISTS booking_cost_run;
DELIMITER //
-- 36,000 open reservations and call records, 36 per card (ids 1..36000, card = 1 + id mod
-- 1000); no CDR.
CREATE PROCEDURE booking_cost_reset()
BEGIN
  TRUNCATE cdr;
  TRUNCATE reservation;
  TRUNCATE call_record;
  INSERT INTO reservation (card_id, nas, session_id, calling, user_name, acct_session_id,
    nas_ip_address, called, digits, destination, granted_s, amount, currency, tariff,
    tariff_version, snapshot_sha256, state, created_at, started_at, expires_at, usage_s,
    closed_at)
  SELECT 1 + (seq MOD 1000), '127.0.0.1', CONCAT('bench-', seq, '-x'), '100', '', '', '',
    '+35988812345', '35988812345', 'Bulgaria mobile', 3600, 120000, 'EUR', 'retail', 1,
    REPEAT('a', 64), 'reserved', 1800000000, NULL, 1800007200 + seq, 0, NULL
  FROM seq_1_to_36000;
  INSERT INTO call_record (card_id, card_number, nas, session_id, calling, called, digits,
    destination, granted_s, amount, currency, tariff, tariff_version, snapshot_sha256, state,
    created_at, started_at, expires_at)
  SELECT 1 + (seq MOD 1000), '1000', '127.0.0.1', CONCAT('bench-', seq, '-x'), '100',
    '+35988812345', '35988812345', 'Bulgaria mobile', 3600, 120000, 'EUR', 'retail', 1,
    REPEAT('a', 64), 'reserved', 1800000000, NULL, 1800007200 + seq
  FROM seq_1_to_36000;
END//
CREATE PROCEDURE booking_cost_run(IN groups INT)
BEGIN
  DECLARE g INT DEFAULT 0;
  DECLARE v INT;
  DECLARE lo BIGINT;
  DECLARE t0 DATETIME(6);
  DECLARE t1 BIGINT DEFAULT 0;
  DECLARE t2 BIGINT DEFAULT 0;
  DECLARE t3 BIGINT DEFAULT 0;
  DECLARE t4 BIGINT DEFAULT 0;
  WHILE g < groups DO
    SET v = g MOD 4, lo = g * 30 + 1, t0 = NOW(6);
    START TRANSACTION;
    IF v < 3 THEN
      SELECT COUNT(c.version) INTO @locked FROM card2 c
        WHERE c.id IN (SELECT card_id FROM reservation WHERE id BETWEEN lo AND lo + 29) FOR UPDATE;
      INSERT INTO cdr (card_id, card_number, nas, session_id, calling, called, digits,
        destination, prefix, price_list, rule, setup_at, connect_at, end_at, call_at,
        duration_s, billed_s, price, currency, rate, rate_unit_s, connect_fee, buy_cost,
        buy_currency, rating_detail, tariff, tariff_version, from_snapshot, disconnect_cause,
        review, unbilled, recorded_at, balance_after, upstream_shop_id, upstream_cost)
      SELECT card_id, '1000', nas, session_id, calling, called, digits, destination, '35988',
        'day', 'base', NULL, 1800000000 + id, 1800000100 + id, 1800000000 + id, 100, 120, 50000,
        'EUR', 250000, 60, 0, NULL, 'EUR', '2 min day', 'retail', 1, 1, '', '', 0,
        1800000100 + id, 99950000, NULL, NULL
      FROM reservation WHERE id BETWEEN lo AND lo + 29;
      UPDATE card2 c
        JOIN (SELECT DISTINCT card_id FROM reservation WHERE id BETWEEN lo AND lo + 29) k
          ON c.id = k.card_id
        SET c.balance = c.balance - 50000, c.version = c.version + 1;
    ELSE
      SELECT COUNT(c.version) INTO @locked FROM card2 c
        WHERE c.id IN (SELECT card_id FROM call_record WHERE id BETWEEN lo AND lo + 29) FOR UPDATE;
      UPDATE call_record SET state = 'settled', closed_at = 1800000100, prefix = '35988',
        price_list = 'day', rule = 'base', connect_at = 1800000000 + id,
        end_at = 1800000100 + id, call_at = 1800000000 + id, duration_s = 100, billed_s = 120,
        price = 50000, rate = 250000, rate_unit_s = 60, connect_fee = 0,
        rating_detail = '2 min day', disconnect_cause = '', recorded_at = 1800000100 + id,
        balance_after = 99950000
        WHERE id BETWEEN lo AND lo + 29;
      UPDATE card2 c
        JOIN (SELECT DISTINCT card_id FROM call_record WHERE id BETWEEN lo AND lo + 29) k
          ON c.id = k.card_id
        SET c.balance = c.balance - 50000, c.version = c.version + 1;
    END IF;
    IF v = 0 THEN
      UPDATE reservation SET state = 'settled', closed_at = 1800000100
        WHERE id BETWEEN lo AND lo + 29;
    ELSEIF v = 1 THEN
      DELETE FROM reservation WHERE id BETWEEN lo AND lo + 29;
    END IF;
    COMMIT;
    IF v = 0 THEN SET t1 = t1 + TIMESTAMPDIFF(MICROSECOND, t0, NOW(6));
    ELSEIF v = 1 THEN SET t2 = t2 + TIMESTAMPDIFF(MICROSECOND, t0, NOW(6));
    ELSEIF v = 2 THEN SET t3 = t3 + TIMESTAMPDIFF(MICROSECOND, t0, NOW(6));
    ELSE SET t4 = t4 + TIMESTAMPDIFF(MICROSECOND, t0, NOW(6));
    END IF;
    SET g = g + 1;
  END WHILE;
  SELECT ROUND(t1 / (groups / 4)) AS settle_us, ROUND(t2 / (groups / 4)) AS delete_us,
         ROUND(t3 / (groups / 4)) AS untouched_us, ROUND(t4 / (groups / 4)) AS call_record_us;
END//
DELIMITER ;
CALL booking_cost_reset();
CALL booking_cost_run(1200);
CALL booking_cost_reset();
CALL booking_cost_run(1200);
CALL booking_cost_reset();
CALL booking_cost_run(1200);
SET GLOBAL innodb_flush_log_at_trx_commit = 1;
