#!/usr/bin/env bash
# The floor for a roster import: inflate the sheet (and the shared strings, when the workbook has
# them) to /dev/null, then let the sqlite3 command-line tool import the same rows from CSV in one
# transaction. No validation, no report: what no importer of this file can go below.
#   floor.sh ROSTER.xlsx ROSTER.csv DB
set -euo pipefail
xlsx=$1 csv=$2 db=$3
members=(xl/worksheets/sheet1.xml)
if unzip -l "$xlsx" xl/sharedStrings.xml >/dev/null 2>&1; then
    members+=(xl/sharedStrings.xml)
fi
unzip -p "$xlsx" "${members[@]}" >/dev/null
sqlite3 "$db" >/dev/null <<SQL
PRAGMA journal_mode=WAL;
CREATE TABLE IF NOT EXISTS roster (name TEXT, namePinyin TEXT, documentType TEXT,
    documentNumber TEXT, mobile TEXT, major TEXT, majorLevel TEXT, enrollmentYear TEXT);
BEGIN;
.import --csv $csv roster
COMMIT;
SQL
