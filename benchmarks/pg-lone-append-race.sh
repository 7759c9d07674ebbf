#!/usr/bin/env bash
# Issue 27's lone append designs against a truncation race, on a PostgreSQL server (default 127.0.0.1:55432, user
# postgres, a scratch schema i27p_race created and dropped). A stream's five entries are all truncated (head or
# marker row at 5). Writer B, in one transaction held open for 3 s, appends 6 at head 5 and truncates up to 6; a
# second into it, writer A appends at the stale head 5 as one auto-committed statement, which waits on B's key 6.
# After B commits the head is 6, so A must write nothing. Prints the journal afterwards: "6=aa" is A's entry, i.e.
# A won with a stale head and sequence 6 was issued twice (B's 6=bb first).
#
# Usage: benchmarks/pg-lone-append-race.sh key|headrow|keymarker|keylocked   (designs as in PostgresLoneAppendDesignBenchmark)
set -u
Q="psql -h ${PGHOST:-127.0.0.1} -p ${PGPORT:-55432} -U postgres -X -q -At"
design=${1:?usage: $0 key|headrow|keymarker|keylocked}
$Q <<SQL
SET client_min_messages = warning; DROP SCHEMA IF EXISTS i27p_race CASCADE; CREATE SCHEMA i27p_race; SET search_path = i27p_race;
CREATE TABLE streams (stream TEXT COLLATE "C" NOT NULL PRIMARY KEY, head BIGINT NOT NULL);
CREATE TABLE journal (stream TEXT COLLATE "C" NOT NULL, seq BIGINT NOT NULL, payload BYTEA NOT NULL, PRIMARY KEY (stream, seq));
-- five entries, all truncated: head (headrow) / marker (key designs) 5, no entries left
INSERT INTO streams VALUES ('s', 5);
SQL
case $design in
  key) # Pekko's insert: entry 5 kept, the truncation takes it and B's 6
       $Q -c "INSERT INTO i27p_race.journal VALUES ('s', 5, '\\x05')"
       A="INSERT INTO journal SELECT 's', 6, '\\xaa'::bytea WHERE EXISTS (SELECT 1 FROM journal WHERE stream = 's' AND seq = 5)";
       B="INSERT INTO journal SELECT 's', 6, '\\xbb'::bytea WHERE EXISTS (SELECT 1 FROM journal WHERE stream = 's' AND seq = 5); DELETE FROM journal WHERE stream = 's' AND seq <= 6; UPDATE streams SET head = 6 WHERE stream = 's';";;
  headrow) A="WITH h AS (UPDATE streams SET head = 6 WHERE stream = 's' AND head = 5 RETURNING stream) INSERT INTO journal SELECT h.stream, 6, '\\xaa'::bytea FROM h";
           B="UPDATE streams SET head = 6 WHERE stream = 's' AND head = 5; INSERT INTO journal VALUES ('s', 6, '\\xbb'); DELETE FROM journal WHERE stream = 's' AND seq <= 6;";;
  keymarker) A="INSERT INTO journal SELECT 's', 6, '\\xaa'::bytea WHERE EXISTS (SELECT 1 FROM journal WHERE stream = 's' AND seq = 5) OR EXISTS (SELECT 1 FROM streams WHERE stream = 's' AND head = 5)";
           B="INSERT INTO journal SELECT 's', 6, '\\xbb'::bytea WHERE EXISTS (SELECT 1 FROM streams WHERE stream = 's' AND head = 5); DELETE FROM journal WHERE stream = 's' AND seq <= 6; UPDATE streams SET head = 6 WHERE stream = 's';";;
  keylocked) A="SELECT pg_advisory_xact_lock_shared(hashtext('s')); INSERT INTO journal SELECT 's', 6, '\\xaa'::bytea WHERE EXISTS (SELECT 1 FROM journal WHERE stream = 's' AND seq = 5) OR EXISTS (SELECT 1 FROM streams WHERE stream = 's' AND head = 5)";
           B="SELECT pg_advisory_xact_lock(hashtext('s')); INSERT INTO journal SELECT 's', 6, '\\xbb'::bytea WHERE EXISTS (SELECT 1 FROM streams WHERE stream = 's' AND head = 5); DELETE FROM journal WHERE stream = 's' AND seq <= 6; UPDATE streams SET head = 6 WHERE stream = 's';";;
esac
# B: append 6 at head 5 and truncate up to 6 in one transaction, held open for 3 s
( $Q -c "SET search_path = i27p_race" -c "BEGIN; $B SELECT pg_sleep(3); COMMIT;" >/dev/null ) &
sleep 1
# A: one auto-committed statement (psql -c sends the string as one simple query: one implicit transaction)
$Q -c "SET search_path = i27p_race; $A" >/dev/null
wait
echo "$design: journal after: [$($Q -c "SELECT string_agg(seq || '=' || encode(payload, 'hex'), ', ') FROM i27p_race.journal")], head row $($Q -c "SELECT head FROM i27p_race.streams")"
$Q -c "SET client_min_messages = warning; DROP SCHEMA i27p_race CASCADE"
