#!/usr/bin/env python3
"""Hostile files for HostileCorpusTests, each built from a real openpyxl workbook or by zipfile.

Usage: make_hostile.py OUT_DIR ID [ID...]   (IDs: valid resident ID numbers for the rows)
"""
import io
import os
import struct
import sys
import zipfile

import openpyxl

HEADER = ["姓名", "证件号码", "手机号", "就读专业", "专业层次", "入学年份"]


def roster(ids, formula=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    for number in ids[:-1] if formula else ids:
        ws.append(["考生", number, "13800138000", "护理", "中职", 2024])
    if formula:  # with a phone too short, so the report copies the row
        ws.append([formula, ids[-1], "1380013800", "护理", "中职", 2024])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def replace_part(xlsx, part, data, compress=zipfile.ZIP_DEFLATED):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w", compress) as dst:
        for item in src.infolist():
            content = data if item.filename == part else src.read(item.filename)
            dst.writestr(item.filename, content)
    return out.getvalue()


def sheet(ids):
    return zipfile.ZipFile(io.BytesIO(roster(ids))).read("xl/worksheets/sheet1.xml").decode()


def with_doctype(xml, doctype, cell_text):
    head, rest = xml.split("?>", 1) if xml.startswith("<?xml") else ("", xml)
    xml = (head + "?>" if head else "") + doctype + rest
    return xml.replace("<v>", "<v>" + cell_text, 1) if "&" in cell_text else xml


def main(out, ids):
    os.makedirs(out, exist_ok=True)
    base = roster(ids)
    xml = sheet(ids)
    files = {}
    files["xxe.xlsx"] = replace_part(base, "xl/worksheets/sheet1.xml", with_doctype(
        xml, '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;").encode())
    laughs = "".join(
        '<!ENTITY l%d "%s">' % (i, ("&l%d;" % (i - 1)) * 10 if i else "lol") for i in range(10))
    files["laughs.xlsx"] = replace_part(base, "xl/worksheets/sheet1.xml", with_doctype(
        xml, "<!DOCTYPE r [" + laughs + "]>", "&l9;").encode())

    # A sheet that claims, and fills, all 16,384 columns of its first row.
    def col(n):
        s = ""
        while n:
            n, r = divmod(n - 1, 26)
            s = chr(65 + r) + s
        return s
    wide = "".join('<c r="%s1" t="inlineStr"><is><t>x</t></is></c>' % col(n) for n in range(1, 16385))
    files["columns.xlsx"] = replace_part(base, "xl/worksheets/sheet1.xml", (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<dimension ref="A1:XFD1"/><sheetData><row r="1" spans="1:16384">' + wide
        + "</row></sheetData></worksheet>").encode())

    # Ten million distinct shared strings (~230 MB of XML, ~26 MB deflated: under the ratio limit).
    strings = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(
            strings, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/_rels/workbook.xml.rels":  # openpyxl writes inline strings
                data = data.replace(b"</Relationships>", (
                    b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/sharedStrings" Target="sharedStrings.xml" Id="rId99"/>'
                    b"</Relationships>"))
            dst.writestr(item.filename, data)
        with dst.open("xl/sharedStrings.xml", "w") as part:
            part.write(b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
                       b'openxmlformats.org/spreadsheetml/2006/main" count="10000000" '
                       b'uniqueCount="10000000">')
            for start in range(0, 10_000_000, 100_000):
                part.write("".join("<si><t>%d</t></si>" % n
                                   for n in range(start, start + 100_000)).encode())
            part.write(b"</sst>")
    files["strings.xlsx"] = strings.getvalue()

    # The sheet's entry declares 4 GB uncompressed, in the local header and the directory.
    declared = bytearray(replace_part(base, "xl/worksheets/sheet1.xml", xml.encode()))
    name = b"xl/worksheets/sheet1.xml"
    for sig, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while (at := declared.find(sig, at)) >= 0:
            name_at = 30 if sig == b"PK\x03\x04" else 46
            if declared[at + name_at:at + name_at + len(name)] == name:
                struct.pack_into("<I", declared, at + size_at, 0xFFFFFFF0)
            at += 4
    files["declared.xlsx"] = bytes(declared)

    files["formula.xlsx"] = roster(ids[:2], formula='=HYPERLINK("http://example.com/","点我")')
    for name, data in files.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
