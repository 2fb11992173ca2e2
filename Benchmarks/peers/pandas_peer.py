#!/usr/bin/env python3
"""Peer: pandas.read_excel (its default engine for .xlsx, openpyxl) reads the whole sheet into a
DataFrame first, as a pandas user would; the engine is named so pandas does not warn."""

import pandas

from roster_peer import run


def rows(path):
    frame = pandas.read_excel(path, sheet_name=0, header=None, dtype=object, engine="openpyxl")
    for row in frame.itertuples(index=False, name=None):
        yield tuple(None if pandas.isna(v) else v for v in row)


if __name__ == "__main__":
    run(rows)
