#!/usr/bin/env python3
"""Writes the SpreadsheetReading test fixtures into Tests/Fixtures/generated/ (gitignored).

Every workbook is made by a real producer: openpyxl, Python xlsxwriter and LibreOffice
(`soffice` must be on PATH; the script fails loudly without it). Hostile files are derived
from real ones by editing their zip. Run: python3 Tests/Fixtures/make_fixtures.py [--bench]
(--bench also writes perf-100k.xlsx, 100,000 rows x 8 columns by openpyxl, for ad-hoc timing).
"""
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

import openpyxl
import xlsxwriter
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "generated")

TITLE = "2026年第一批1+X考生导入"
INSTRUCTION = "说明：带*为必填；证件号码请设为文本格式"
HEADERS = ["姓名*", "证件类型", "证件号码*", "手机号", "出生日期", "社会考生", "备注", "成绩"]
# Row 4: IDs as text, a date, a bool, a line break, an error. Row 5: the Excel damage cases
# (ID and phone stored as numbers, a date-time, full-width text). Row 6 is empty.
# Row 7 is sparse: only C and G, G with surrounding spaces.
ROW4 = ["张三", "居民身份证", "11010519491231002X", "13800138000",
        datetime.date(2001, 9, 1), True, "第一行\n第二行"]
ROW5 = ["阿卜杜·热合曼", "居民身份证", 110105194912310021, 13912345678,
        datetime.datetime(2021, 9, 1, 8, 30, 0), False, "ＡＢＣ１２３", 85.5]
SPARSE = {2: "H12345678", 6: " 备注 "}


def path(name):
    return os.path.join(OUT, name)


def openpyxl_candidates(name, epoch=None, iso_dates=False):
    wb = openpyxl.Workbook(iso_dates=iso_dates)
    if epoch is not None:
        wb.epoch = epoch
    ws = wb.active
    ws.title = "考生"
    ws.append([TITLE])
    ws.append([INSTRUCTION])
    ws.append(HEADERS)
    ws.append(ROW4 + ["#N/A"])  # openpyxl stores "#N/A" as an error cell (t="e")
    ws.append(ROW5)
    for column, value in SPARSE.items():
        ws.cell(row=7, column=column + 1, value=value)
    for row in (4, 5):
        ws.cell(row=row, column=5).number_format = "yyyy-mm-dd" if row == 4 else "yyyy/m/d h:mm"
    wb.create_sheet("空表")
    wb.save(path(name))


def xlsxwriter_candidates(name, options=None):
    wb = xlsxwriter.Workbook(path(name), options or {})
    ws = wb.add_worksheet("考生")
    date_format = wb.add_format({"num_format": "yyyy-mm-dd"})
    datetime_format = wb.add_format({"num_format": "yyyy/m/d h:mm"})
    ws.write_string(0, 0, TITLE)
    ws.write_string(1, 0, INSTRUCTION)
    ws.write_row(2, 0, HEADERS)
    for row, values, fmt in ((3, ROW4, date_format), (4, ROW5, datetime_format)):
        for column, value in enumerate(values):
            if isinstance(value, bool):
                ws.write_boolean(row, column, value)
            elif isinstance(value, (datetime.date, datetime.datetime)):
                ws.write_datetime(row, column, value, fmt)
            elif isinstance(value, str):
                ws.write_string(row, column, value)
            else:
                ws.write_number(row, column, value)
        if row == 3:  # in row order: constant_memory mode drops cells of rows already flushed
            ws.write_formula(3, 7, "=NA()", None, "#N/A")  # cached error value
    for column, value in SPARSE.items():
        ws.write_string(6, column, value)
    dates = wb.add_worksheet("日期")
    # The Lotus leap-year bug: serial 59, 60, 61 in the 1900 system; and a Chinese custom format.
    for row, serial in enumerate((59, 60, 61)):
        dates.write_number(row, 0, serial, date_format)
    dates.write_number(3, 0, 45000.75, wb.add_format({"num_format": 'yyyy"年"m"月"d"日" h"时"'}))
    dates.write_number(4, 0, 45000.75, wb.add_format({"num_format": '0.00"天"'}))
    dates.write_formula(5, 0, '="回车"&CHAR(13)&"符"', None, "回车\r符")
    dates.write_string(6, 0, "控\x01制")
    wb.close()


def soffice_convert(source, extension, name):
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("make_fixtures: `soffice` (LibreOffice) is not on PATH; install it (apt-get "
                 "install libreoffice-calc) and run again.")
    with tempfile.TemporaryDirectory() as work:
        profile = "file://" + os.path.join(work, "profile")  # own profile: no clash with others
        subprocess.run([soffice, "-env:UserInstallation=" + profile, "--headless",
                        "--convert-to", extension, "--outdir", work, path(source)],
                       check=True, stdout=subprocess.DEVNULL, timeout=300)
        converted = os.path.join(work, os.path.splitext(source)[0] + "." + extension)
        if not os.path.exists(converted):
            sys.exit(f"make_fixtures: soffice did not produce {converted}")
        shutil.move(converted, path(name))


def rewrite_zip(source, name, edit):
    """Copies a zip, passing each entry's bytes through edit(entry_name, data)."""
    with zipfile.ZipFile(path(source)) as src, \
            zipfile.ZipFile(path(name), "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, edit(item.filename, src.read(item.filename)))


def hostile():
    def doctype(entry, data):
        if entry == "xl/worksheets/sheet1.xml":
            return b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n' + data
        return data
    rewrite_zip("candidates-openpyxl.xlsx", "hostile-doctype.xlsx", doctype)

    wb = openpyxl.Workbook()
    wb.active["A1"] = "首列"
    wb.active["XFD1"] = "最后一列"
    wb.save(path("hostile-xfd.xlsx"))

    wb = openpyxl.Workbook()
    wb.active["A1"] = "首行"
    wb.active["B1048576"] = "最后一行"
    wb.save(path("last-row.xlsx"))

    # ~300 MB of repetitive sheet XML, written by streaming so it is never held in memory.
    with zipfile.ZipFile(path("candidates-openpyxl.xlsx")) as src, \
            zipfile.ZipFile(path("hostile-bomb.xlsx"), "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(item.filename, src.read(item.filename))
        with dst.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet><sheetData>')
            block = b'<row><c><v>0</v></c></row>' * 40_000
            for _ in range(300):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")

    with open(path("candidates-openpyxl.xlsx"), "rb") as f:
        data = f.read()
    with open(path("hostile-truncated.xlsx"), "wb") as f:
        f.write(data[: len(data) // 2])

    with open(path("hostile-pdf.xlsx"), "wb") as f:
        f.write(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    open(path("hostile-empty.xlsx"), "wb").close()
    with zipfile.ZipFile(path("hostile-docx.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><document/>')
    with open(path("notes.txt.xlsx"), "wb") as f:
        f.write("姓名,证件号码\n".encode("utf-8"))


CSV_TEXT = ('姓名,证件号码,备注\r\n'
            '张三,11010519491231002X,"含,逗号"\r\n'
            '\r\n'
            '李四,"110105194912310021","他说""好""\r\n第二行"\r\n'
            '王五,,ＡＢＣ１２３\r\n')


def csvs():
    with open(path("utf8.csv"), "wb") as f:
        f.write(CSV_TEXT.encode("utf-8"))
    with open(path("utf8-bom.csv"), "wb") as f:
        f.write(CSV_TEXT.encode("utf-8-sig"))
    with open(path("gbk.csv"), "wb") as f:
        f.write(CSV_TEXT.encode("gbk"))
    with open(path("unicode-text.txt"), "wb") as f:  # Excel's "Unicode text": UTF-16LE, tabs
        f.write(CSV_TEXT.replace(",", "\t").replace('"含\t逗号"', "含,逗号").encode("utf-16"))
    with open(path("semicolon.csv"), "wb") as f:
        f.write("姓名;证件号码\n张三;11010519491231002X".encode("utf-8"))


def large_rows():
    """Rows enough that the sheet inflates to more than 4 MiB: read on a thread of its own."""
    wb = xlsxwriter.Workbook(path("large-rows.xlsx"))
    ws = wb.add_worksheet("考生")
    ws.write_row(0, 0, ["姓名", "证件号码", "手机号", "专业", "层次", "入学年份", "成绩", "备注"])
    for i in range(1, 40_001):
        ws.write_row(i, 0, [f"考生{i}", f"1101051949123{i:05d}", f"138{i:08d}", "计算机应用技术",
                            "高职", 2020 + i % 5, 60 + i % 40 + 0.5, f"第{i}行"])
    wb.close()


def bench():
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("考生")
    ws.append(["姓名", "证件号码", "手机号", "专业", "层次", "入学年份", "成绩", "备注"])
    for i in range(100_000):
        ws.append([f"考生{i}", f"1101051949123{i:05d}", 13800000000 + i, "计算机应用技术",
                   "高职", 2020 + i % 5, 60 + i % 40 + 0.5, None if i % 3 else "补考"])
    wb.save(path("perf-100k.xlsx"))


def main():
    os.makedirs(OUT, exist_ok=True)
    openpyxl_candidates("candidates-openpyxl.xlsx")
    openpyxl_candidates("candidates-openpyxl-isodates.xlsx", iso_dates=True)
    openpyxl_candidates("candidates-1904.xlsx", epoch=CALENDAR_MAC_1904)
    xlsxwriter_candidates("candidates-xlsxwriter.xlsx", {"strings_to_numbers": False})
    xlsxwriter_candidates("candidates-xlsxwriter-inline.xlsx", {"constant_memory": True})
    soffice_convert("candidates-xlsxwriter.xlsx", "xlsx", "candidates-libreoffice.xlsx")
    soffice_convert("candidates-xlsxwriter.xlsx", "xls", "candidates-libreoffice.xls")
    with zipfile.ZipFile(path("candidates-openpyxl.xlsx")) as z:  # for the chunking test
        with open(path("sheet1-openpyxl.xml"), "wb") as f:
            f.write(z.read("xl/worksheets/sheet1.xml"))
    hostile()
    csvs()
    large_rows()
    if "--bench" in sys.argv:
        bench()
    print("fixtures written to", OUT)


if __name__ == "__main__":
    main()
