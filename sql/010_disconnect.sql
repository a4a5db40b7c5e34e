-- prepaid schema, version 10: stopping a call from the counter (RFC 5176 Disconnect-Request).
--
--   * reservation.user_name, acct_session_id, nas_ip_address: how the NAS named the call in
--     its Access-Request (User-Name, Acct-Session-Id, NAS-IP-Address as it sent them, ''
--     when it sent none): a Disconnect-Request must name the call the way the NAS knows it,
--     which the reservation's key (the NAS's source address and the session id the module
--     picked, e.g. h323-conf-id) does not. Reservations made before this version have ''.
--   * nas_client: per NAS (the gateway's source address, as reservation.nas records it) where
--     it accepts dynamic authorization (address, UDP port, 3799 by default) and the secret it
--     shares for it. The secret is read by the sender only: never listed, logged or audited.
--   * disconnect_attempt: every Disconnect-Request sent (or that could not be), with who
--     asked, why, which call, where it went, the outcome (ack, nak, no-answer, bad-answer,
--     error), the NAK's Error-Cause, the datagrams sent and the time it took.
ALTER TABLE reservation
  ADD COLUMN user_name VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT ''
    AFTER calling,
  ADD COLUMN acct_session_id VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
    DEFAULT '' AFTER user_name,
  ADD COLUMN nas_ip_address VARCHAR(45) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
    DEFAULT '' AFTER acct_session_id;
CREATE TABLE nas_client (
  nas         VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  dae_address VARCHAR(45) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  dae_port    INT UNSIGNED NOT NULL,
  secret      VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL,
  CONSTRAINT nas_client_port CHECK (dae_port BETWEEN 1 AND 65535)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE disconnect_attempt (
  id             BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at             BIGINT NOT NULL,
  actor          VARCHAR(64) NOT NULL,
  reason         VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  nas            VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  session_id     VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  reservation_id BIGINT NULL,
  card_number    VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  dae_address    VARCHAR(45) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  dae_port       INT UNSIGNED NOT NULL,
  outcome        VARCHAR(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  error_cause    INT UNSIGNED NULL,
  attempts       INT UNSIGNED NOT NULL,
  elapsed_ms     INT UNSIGNED NOT NULL,
  detail         VARCHAR(255) NOT NULL,
  KEY disconnect_attempt_session (nas, session_id, id),
  KEY disconnect_attempt_at (at),
  CONSTRAINT disconnect_attempt_outcome CHECK (outcome IN ('ack', 'nak', 'no-answer',
                                                           'bad-answer', 'error'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
