#!/usr/bin/env python3
"""The candidate-export peer: a Python XlsxWriter script writing the workbook kaowu keeps in
`outbox/<school>/考生信息/考生信息.xlsx`, from the same SQLite database.

Same sheets (考生信息, 填写说明), columns (the fields of `schemas/candidate-updates.json`), title,
instructions, header styles, column widths, one row per candidate (院校考生 first, then in the
order they were added), 照片 有/无, 缺失信息 naming the required fields a candidate lacks (and
the photo), rows lacking something filled yellow and the missing cells red, text cells for text
columns, year as a number, autofilter, frozen panes, print layout, dropdowns on the enumerated
columns. Written, like kaowu's, in constant-memory mode, to a temporary name renamed into place.

    export_peer.py KAOWU.sqlite --school S001 --out 考生信息.xlsx
"""

import argparse
import datetime
import json
import os
import sqlite3

import xlsxwriter

SCHEMAS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "schemas")
FIRST_DATA_ROW = 3
POPULATION_FIELDS = {
    "school": ["name", "namePinyin", "documentType", "documentNumber", "mobile", "major",
               "majorLevel", "enrollmentYear"],
    "social": ["name", "namePinyin", "documentType", "documentNumber", "mobile", "employer",
               "education"],
}
REQUIRED = {
    "school": ["name", "documentNumber", "mobile", "major", "majorLevel", "enrollmentYear"],
    "social": ["name", "documentNumber", "mobile"],
}
POPULATION_NAMES = {"school": "院校考生", "social": "社会考生"}
WIDE = [(0x1100, 0x115F), (0x2E80, 0xA4CF), (0xAC00, 0xD7A3), (0xF900, 0xFAFF), (0xFE30, 0xFE4F),
        (0xFF00, 0xFF60), (0xFFE0, 0xFFE6), (0x20000, 0x3FFFD)]


def display_width(text):
    """Excel column units of the widest line: East Asian characters count two."""
    return max(sum(2 if any(a <= ord(c) <= b for a, b in WIDE) else 1 for c in line)
               for line in text.split("\n"))


def lines(text, width):
    usable = max(1, int(width) - 1)
    return sum(max(1, (display_width(line) + usable - 1) // usable) for line in text.split("\n"))


def header(field):
    required = (field.get("constraints") or {}).get("required", False)
    return field["title"] + "*" if required else field["title"]


def guide_format(field):
    """What a column accepts, in the clerk's words (填写说明)."""
    constraints = field.get("constraints") or {}
    values = constraints.get("enum")
    if values:
        parts = ["从下拉列表选择：" + "、".join(values)]
    else:
        parts = [{"string": "文本", "integer": "整数", "number": "数字", "year": "年份（如 2024）",
                  "date": "日期（如 2024-09-01）", "datetime": "日期时间（如 2024-09-01 09:00）",
                  "boolean": "是 或 否"}[field["type"]]]
        low, high = constraints.get("minLength"), constraints.get("maxLength")
        if low is not None and high is not None:
            parts.append("%d 个字符" % low if low == high else "%d–%d 个字符" % (low, high))
        elif high is not None:
            parts.append("最多 %d 个字符" % high)
        elif low is not None:
            parts.append("至少 %d 个字符" % low)
    if field.get("default"):
        parts.append("留空时为“%s”" % field["default"])
    return "，".join(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--school", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with open(os.path.join(SCHEMAS, "candidate-updates.json"), encoding="utf-8") as f:
        schema = json.load(f)
    fields = schema["fields"]
    names = [f["name"] for f in fields]
    titles = {f["name"]: f["title"] for f in fields}
    is_text = [f["type"] == "string" for f in fields]
    last_column = len(fields) - 1

    temp = os.path.join(os.path.dirname(os.path.abspath(args.out)), ".~peer-export.xlsx.tmp")
    workbook = xlsxwriter.Workbook(temp, {"constant_memory": True})
    sheet = workbook.add_worksheet("考生信息")
    text_format = "@"
    title = workbook.add_format({"bold": True, "font_size": 16, "align": "center",
                                 "valign": "vcenter"})
    note = workbook.add_format({"font_color": "#404040", "text_wrap": True, "valign": "top"})
    head = {"bold": True, "bg_color": "#D9D9D9", "text_wrap": True, "align": "center",
            "valign": "vcenter", "border": 1}
    header_format = workbook.add_format(head)
    required_header = workbook.add_format(dict(head, font_color="#C00000"))
    text = workbook.add_format({"num_format": text_format})
    plain = workbook.add_format({})
    incomplete_text = workbook.add_format({"bg_color": "#FFF2CC", "num_format": text_format})
    incomplete_plain = workbook.add_format({"bg_color": "#FFF2CC"})
    missing_cell = workbook.add_format({"bg_color": "#FFC7CE", "num_format": text_format})
    missing_list = workbook.add_format({"bold": True, "font_color": "#9C0006",
                                        "bg_color": "#FFF2CC", "num_format": text_format})

    # Column widths fitted to headers, examples and allowed values (10 to 40 units).
    widths = []
    for field in fields:
        seen = display_width(header(field)) + 2
        for sample in [field.get("example")] + ((field.get("constraints") or {}).get("enum") or []):
            if sample:
                seen = max(seen, display_width(sample))
        if field.get("check") == "document-number":
            seen = max(seen, 20)
        if field["name"] == "missing":
            seen = max(seen, 30)
        widths.append(min(40, max(10, seen + 2)))
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width, text if is_text[column] else None)

    generated = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    sheet.set_row(0, 32)
    sheet.merge_range(0, 0, 0, last_column, "考生信息导出", title)
    instructions = "\n".join(
        ["本表由系统于 %s 根据本校全部考生生成，每次导入或修改考生后自动更新。" % generated
         + "“缺失信息”不为空的行已标黄（缺的格子标红），可用筛选只看这些行。"]
        + schema["kaowu"]["instructions"])
    height = lines(instructions, max(sum(widths), 20))
    if height > 1:
        sheet.set_row(1, height * 15.5 + 2)
    sheet.merge_range(1, 0, 1, last_column, instructions, note)
    sheet.set_row(2, 22)
    for column, field in enumerate(fields):
        required = (field.get("constraints") or {}).get("required", False)
        sheet.write_string(2, column, header(field), required_header if required else header_format)

    db = sqlite3.connect(args.db)
    cursor = db.execute("""
        SELECT population, name, namePinyin, documentType, documentNumber, mobile, major,
            majorLevel, enrollmentYear, employer, education,
            EXISTS (SELECT 1 FROM candidate_photo WHERE candidate = candidate.id) AS hasPhoto
        FROM candidate WHERE school = ? ORDER BY population, id""", (args.school,))
    columns = ["population", "name", "namePinyin", "documentType", "documentNumber", "mobile",
               "major", "majorLevel", "enrollmentYear", "employer", "education"]
    row = FIRST_DATA_ROW
    for record in cursor:
        values = dict(zip(columns, record))
        population = values["population"]
        has_photo = record[-1]
        values["population"] = POPULATION_NAMES[population]
        own = set(POPULATION_FIELDS[population]) | {"population"}
        missing = [n for n in REQUIRED[population] if values[n] is None]
        lacks = [titles[n] for n in missing] + ([] if has_photo else [titles["photo"]])
        for column, name in enumerate(names):
            if name == "missing":
                value, fmt = "、".join(lacks), (missing_list if lacks else text)
            elif name == "photo":
                value, fmt = ("有", text) if has_photo else ("无", missing_cell)
            else:
                if name in missing:
                    fmt = missing_cell
                elif is_text[column]:
                    fmt = incomplete_text if missing else text
                else:
                    fmt = incomplete_plain if missing else plain
                if name == "enrollmentYear" and values[name] is not None:
                    sheet.write_number(row, column, values[name], fmt)
                    continue
                value = values[name] if name in own and values[name] is not None else ""
                value = str(value)
            if value:
                sheet.write_string(row, column, value, fmt)
            elif fmt is not text and fmt is not plain:
                sheet.write_blank(row, column, None, fmt)
        row += 1
    db.close()

    last_row = max(row - 1, FIRST_DATA_ROW)
    sheet.autofilter(FIRST_DATA_ROW - 1, 0, last_row, last_column)
    sheet.freeze_panes(FIRST_DATA_ROW, 0)
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(2, 2)
    for column, field in enumerate(fields):
        values = (field.get("constraints") or {}).get("enum")
        if values:
            sheet.data_validation(FIRST_DATA_ROW, column, last_row, column, {
                "validate": "list", "source": values,
                "error_message": ("请从下拉列表中选择：" + "、".join(values))[:255]})

    guide = workbook.add_worksheet("填写说明")
    guide_header = workbook.add_format({"bold": True, "bg_color": "#D9D9D9", "valign": "vcenter",
                                        "border": 1})
    cell = workbook.add_format({"text_wrap": True, "valign": "top", "border": 1})
    required_mark = workbook.add_format({"bold": True, "font_color": "#C00000", "valign": "top",
                                         "border": 1})
    headers = ["列名", "是否必填", "格式/取值", "说明", "示例"]
    rows = [[f["title"], "必填" if (f.get("constraints") or {}).get("required") else "选填",
             guide_format(f), f.get("description", ""), f.get("example", "")] for f in fields]
    guide_widths = [max([display_width(h)] + [display_width(r[c]) for r in rows])
                    for c, h in enumerate(headers)]
    guide_widths = [min(50, max(8, w + 2)) for w in guide_widths]
    for column, width in enumerate(guide_widths):
        guide.set_column(column, column, width)
    for column, title_text in enumerate(headers):
        guide.write_string(0, column, title_text, guide_header)
    for index, values in enumerate(rows, start=1):
        height = max(lines(v, guide_widths[c]) for c, v in enumerate(values))
        if height > 1:
            guide.set_row(index, height * 15.5 + 2)
        for column, value in enumerate(values):
            guide.write_string(index, column, value,
                               required_mark if column == 1 and value == "必填" else cell)
    guide.freeze_panes(1, 0)
    guide.set_paper(9)
    guide.set_landscape()
    guide.fit_to_pages(1, 0)
    guide.repeat_rows(0, 0)
    workbook.close()
    os.replace(temp, args.out)


if __name__ == "__main__":
    main()
