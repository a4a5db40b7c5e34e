-- prepaid schema, version 16: an operator's language in the web console.
--
--   * operator.language: the console's language the operator chose ('en', 'bg', 'pt-BR'), or
--     '' to follow the browser's languages (the default). Returned at login, so the choice
--     follows the operator to any browser.
ALTER TABLE operator ADD COLUMN language VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '';
