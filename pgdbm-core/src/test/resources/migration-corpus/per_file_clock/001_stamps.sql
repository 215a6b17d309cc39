CREATE TABLE stamps (file int PRIMARY KEY, tx_time timestamptz NOT NULL DEFAULT now(),
  tx_id xid8 NOT NULL DEFAULT pg_current_xact_id());
INSERT INTO stamps (file) VALUES (1);
