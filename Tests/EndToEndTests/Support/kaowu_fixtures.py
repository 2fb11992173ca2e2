#!/usr/bin/env python3
"""Real producers for the end-to-end tests: every file kaowu reads in them is written here by
openpyxl, Python xlsxwriter or the csv module (LibreOffice conversions are run by the tests).

Subcommands (all write files and print nothing unless said):
  ids --count N [--start S]          print N valid resident ID numbers (GB 11643), one a line
  sheet --producer P --spec S --out F
                                     write the rows of spec S (JSON: {"sheet": name,
                                     "rows": [[rowNumber, [cell, ...]], ...]}; a cell is a JSON
                                     string (text cell), number (number cell) or null) with
                                     P = openpyxl | xlsxwriter | csv-utf8-bom | csv-gbk
  fill-template --template T --spec S --out F
                                     fill kaowu's blank template T from row 4 on: spec S is
                                     {"rows": [{header title: text, ...}, ...]}
  large --rows N --out F             a valid 院校考生 roster of N rows (xlsxwriter, constant memory)
  corrupt --source F --out F2        F cut in half (a zip with no central directory)
  bomb --megabytes M --out F         an xlsx whose sheet1.xml holds M MB of spaces
"""
import argparse
import csv
import datetime
import json
import sys
import zipfile

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def resident_id(index):
    """The index-th ID of a deterministic series: region 110105, births from 2001-01-01."""
    birth = datetime.date(2001, 1, 1) + datetime.timedelta(days=index // 900)
    body = "110105" + birth.strftime("%Y%m%d") + "%03d" % (100 + index % 900)
    return body + CHECK[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]


def cmd_ids(args):
    for i in range(args.start, args.start + args.count):
        print(resident_id(i))


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def cmd_sheet(args):
    spec = load(args.spec)
    rows = spec["rows"]
    sheet = spec.get("sheet", "Sheet1")
    if args.producer == "openpyxl":
        import openpyxl
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = sheet
        for number, cells in rows:
            for column, value in enumerate(cells, start=1):
                if value is not None:
                    ws.cell(row=number, column=column, value=value).data_type = (
                        "s" if isinstance(value, str) else "n")
        wb.save(args.out)
    elif args.producer == "xlsxwriter":
        import xlsxwriter
        wb = xlsxwriter.Workbook(args.out)
        ws = wb.add_worksheet(sheet)
        for number, cells in rows:
            for column, value in enumerate(cells):
                if isinstance(value, str):
                    ws.write_string(number - 1, column, value)
                elif value is not None:
                    ws.write_number(number - 1, column, value)
        wb.close()
    else:
        encoding = {"csv-utf8-bom": "utf-8-sig", "csv-gbk": "gbk"}[args.producer]
        with open(args.out, "w", encoding=encoding, newline="") as f:
            writer = csv.writer(f, lineterminator="\r\n")
            last = 0
            for number, cells in rows:
                for _ in range(number - last - 1):
                    writer.writerow([])
                writer.writerow(["" if v is None else v for v in cells])
                last = number


def cmd_fill_template(args):
    import openpyxl
    wb = openpyxl.load_workbook(args.template)
    ws = wb.worksheets[0]
    columns = {}
    for cell in ws[3]:
        if cell.value:
            columns[str(cell.value).replace("*", "").strip()] = cell.column
    for offset, record in enumerate(load(args.spec)["rows"]):
        for title, value in record.items():
            ws.cell(row=4 + offset, column=columns[title], value=value)
    wb.save(args.out)


def cmd_large(args):
    import xlsxwriter
    wb = xlsxwriter.Workbook(args.out, {"constant_memory": True})
    ws = wb.add_worksheet("院校考生导入")
    ws.write_row(0, 0, ["院校考生导入"])
    ws.write_row(2, 0, ["姓名", "姓名拼音", "证件类型", "证件号码", "手机号", "就读专业",
                        "专业层次", "入学年份"])
    for i in range(args.rows):
        ws.write_row(3 + i, 0, ["张三", "Zhang San", "居民身份证", resident_id(i),
                                "138%08d" % i, "计算机应用技术", "高职专科"])
        ws.write_number(3 + i, 7, 2024)
    wb.close()


def cmd_corrupt(args):
    with open(args.source, "rb") as f:
        data = f.read()
    with open(args.out, "wb") as f:
        f.write(data[: len(data) // 2])


def cmd_bomb(args):
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns='
            '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org'
            '/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd'
            '.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
            '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd'
            '.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
            '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type='
            '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
            ' Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml":
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats'
            '.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships"><sheets><sheet name="院校考生导入" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type='
            '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
    }
    with zipfile.ZipFile(args.out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
        # Streamed, so the test never holds the uncompressed part in memory.
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(head.encode())
            block = b" " * (1 << 20)
            for _ in range(args.megabytes):
                part.write(block)
            part.write(b"</sheetData></worksheet>")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ids")
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--start", type=int, default=0)
    p = sub.add_parser("sheet")
    p.add_argument("--producer", required=True,
                   choices=["openpyxl", "xlsxwriter", "csv-utf8-bom", "csv-gbk"])
    p.add_argument("--spec", required=True)
    p.add_argument("--out", required=True)
    p = sub.add_parser("fill-template")
    p.add_argument("--template", required=True)
    p.add_argument("--spec", required=True)
    p.add_argument("--out", required=True)
    p = sub.add_parser("large")
    p.add_argument("--rows", type=int, required=True)
    p.add_argument("--out", required=True)
    p = sub.add_parser("corrupt")
    p.add_argument("--source", required=True)
    p.add_argument("--out", required=True)
    p = sub.add_parser("bomb")
    p.add_argument("--megabytes", type=int, required=True)
    p.add_argument("--out", required=True)
    args = parser.parse_args()
    globals()["cmd_" + args.command.replace("-", "_")](args)


if __name__ == "__main__":
    main()
