-- prepaid schema, version 17: a reservation's revision.
--
--   * reservation.revision: 0 when inserted, raised by one by every UPDATE of the row (each
--     statement that updates a reservation says `revision = revision + 1`; the statement test
--     checks every one). A node that inserted a reservation keeps a copy of it, and follows
--     the Start and the Interim-Updates it records itself (reservation_copies.h); the Stop of
--     such a call is booked on that copy without reading the row, in one statement that
--     settles it only `WHERE revision = ` the copy's: any change another node (or another
--     path) made since refuses the booking, and the Stop is read and booked as before.
ALTER TABLE reservation ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
