-- prepaid schema, version 13: the web console's logins.
--
--   * operator.password_hash: the operator's console password as an Argon2id string
--     (libsodium crypto_pwhash_str: algorithm, cost, salt and hash; never the password).
--     NULL: no password set, the operator cannot log in to the console (API tokens and the
--     command line are unaffected). Console sessions themselves live in the memory of
--     `prepaidctl serve` (their ids hashed), not in the database.
ALTER TABLE operator ADD COLUMN password_hash VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NULL;
