-- prepaid schema, version 11: the counter's payments, unserved calls and numbered receipts.
--
--   * shop.last_receipt: the number of the shop's last receipt. A payment takes the next one
--     (UPDATE ... last_receipt + 1) in its own transaction, so numbers have no gap: a payment
--     that rolls back gives its number back.
--   * payment: one payment at a shop's counter over calls of one booth session (and extra
--     items), in the operator's open shift: its receipt number (unique per shop), the method
--     (cash, card), the checkout's amounts (micro-units: calls, extras, rounding, total, the
--     deposit applied and returned, tendered, paid, change), whether it is the session's
--     checkout (final), the receipt as issued (JSON and its 40- and 48-column text, reprinted
--     byte for byte), and when an administrator undid it (undone_at, undone_by, undo_reason).
--   * call_mark: a booth call's counter state when it is not unpaid (no row: unpaid): paid
--     (by payment_id) or unserved (with a reason: the customer does not pay it). The primary
--     key on the CDR makes a second mark of one call impossible: two counters paying the
--     same call pay it once.
ALTER TABLE shop
  ADD COLUMN last_receipt BIGINT NOT NULL DEFAULT 0;
CREATE TABLE payment (
  id               BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  shop_id          BIGINT NOT NULL,
  receipt_number   BIGINT NOT NULL,
  shift_id         BIGINT NOT NULL,
  booth_session_id BIGINT NOT NULL,
  card_id          BIGINT NOT NULL,
  at               BIGINT NOT NULL,
  operator_name    VARCHAR(64) NOT NULL,
  method           VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  calls_total      BIGINT NOT NULL,
  extras_total     BIGINT NOT NULL,
  rounding         BIGINT NOT NULL,
  total            BIGINT NOT NULL,
  deposit_applied  BIGINT NOT NULL,
  deposit_returned BIGINT NOT NULL,
  tendered         BIGINT NOT NULL,
  paid             BIGINT NOT NULL,
  change_given     BIGINT NOT NULL,
  call_count       INT NOT NULL,
  final            TINYINT NOT NULL,
  receipt_json     MEDIUMTEXT NOT NULL,
  receipt_text_40  MEDIUMTEXT NOT NULL,
  receipt_text_48  MEDIUMTEXT NOT NULL,
  undone_at        BIGINT NULL,
  undone_by        VARCHAR(64) NOT NULL DEFAULT '',
  undo_reason      VARCHAR(255) NOT NULL DEFAULT '',
  UNIQUE KEY payment_receipt (shop_id, receipt_number),
  KEY payment_shift (shift_id, id),
  KEY payment_session (booth_session_id, id),
  CONSTRAINT payment_shop FOREIGN KEY (shop_id) REFERENCES shop (id),
  CONSTRAINT payment_shift FOREIGN KEY (shift_id) REFERENCES shift (id),
  CONSTRAINT payment_session FOREIGN KEY (booth_session_id) REFERENCES booth_session (id),
  CONSTRAINT payment_method CHECK (method IN ('cash', 'card'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE call_mark (
  cdr_id           BIGINT NOT NULL PRIMARY KEY,
  booth_session_id BIGINT NOT NULL,
  state            VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  payment_id       BIGINT NULL,
  reason           VARCHAR(255) NOT NULL,
  at               BIGINT NOT NULL,
  operator_name    VARCHAR(64) NOT NULL,
  KEY call_mark_session (booth_session_id, cdr_id),
  KEY call_mark_payment (payment_id),
  CONSTRAINT call_mark_cdr FOREIGN KEY (cdr_id) REFERENCES cdr (id),
  CONSTRAINT call_mark_session FOREIGN KEY (booth_session_id) REFERENCES booth_session (id),
  CONSTRAINT call_mark_payment FOREIGN KEY (payment_id) REFERENCES payment (id),
  CONSTRAINT call_mark_state CHECK ((state = 'paid' AND payment_id IS NOT NULL)
                                    OR (state = 'unserved' AND payment_id IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
