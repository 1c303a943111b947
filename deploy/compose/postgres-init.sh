#!/bin/sh
# Runs once, on an empty data directory: one database and one role per service, each role
# owning only its own database. Passwords come from the environment (.env, never committed).
set -eu
for service in customer ledger credit collections reporting; do
  password_var="$(echo "${service}" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  password="$(printenv "${password_var}")"
  psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER}" --dbname postgres \
    -v role="${service}" -v password="${password}" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"role" OWNER :"role";
REVOKE ALL ON DATABASE :"role" FROM PUBLIC;
SQL
done
