#!/usr/bin/env python3
"""Peer: openpyxl in read-only mode reads the roster (what most schools would write)."""

import openpyxl

from roster_peer import run


def rows(path):
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    yield from workbook.worksheets[0].iter_rows(values_only=True)


if __name__ == "__main__":
    run(rows)
