BEGIN;
CREATE TABLE flipr.flips (id bigint PRIMARY KEY, nickname text NOT NULL REFERENCES flipr.users(nickname));
COMMIT;
