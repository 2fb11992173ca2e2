#!/usr/bin/env python3
"""Peer: python-calamine (the Rust calamine reader) reads the roster, row by row."""

from python_calamine import CalamineWorkbook

from roster_peer import run


def rows(path):
    yield from CalamineWorkbook.from_path(path).get_sheet_by_index(0).iter_rows()


if __name__ == "__main__":
    run(rows)
