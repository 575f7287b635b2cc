#!/bin/sh
# Run once by Patroni on the first primary after initdb (bootstrap.post_bootstrap), with a
# connection string for the superuser as $1: makes the role and database factdesk-server
# uses. The password comes from FACTDESK_DB_PASSWORD in Patroni's environment
# (/etc/patroni/env.conf for Debian's patroni@ unit). factdesk-server creates the tables
# itself (its migrations run at start).
set -eu
: "${FACTDESK_DB_PASSWORD:?FACTDESK_DB_PASSWORD must be set in the environment of Patroni}"
psql -v ON_ERROR_STOP=1 -v pw="$FACTDESK_DB_PASSWORD" "$1" <<'SQL'
CREATE ROLE factdesk LOGIN PASSWORD :'pw';
CREATE DATABASE factdesk OWNER factdesk ENCODING 'UTF8';
SQL
