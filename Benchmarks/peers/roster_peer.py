"""What a school's IT staff would write instead of kaowu, for 院校考生导入: everything but the
reading of the workbook, which each peer script does with its own library.

`run(rows)` takes the sheet as an iterator of row tuples (header first) and does the same work
kaowu does for this kind:
- matches headers by title or alias (from kaowu's own schemas/school-candidates.json), ignoring
  the * marks;
- checks every rule kaowu checks: required cells, the name (Han characters with ·, or Latin),
  证件类型 with its aliases, the GB 11643 resident ID (Excel number damage, length, characters,
  province, birth date and plausible age, MOD 11-2 check character), the mobile number,
  maximum lengths, 专业层次 with its aliases, 入学年份 (2023, "2023级", range 1990..next year), and
  duplicate (证件类型, 证件号码) pairs within the file;
- inserts the valid rows into SQLite (kaowu's candidate table) in one transaction;
- writes an XLSX error report with XlsxWriter (行号, 列名, 原值, 错误代码, 说明).
What it does not do, and kaowu does: fill a blank 姓名拼音 from the name (no pinyin library among
the peers), the all-or-nothing rule, the ledger, the copy of the submitted sheet in the report.

Command line of every peer: `<peer>.py INPUT --db DB --report REPORT.xlsx`.
"""

import argparse
import datetime
import json
import os
import re
import sqlite3
import sys

import xlsxwriter

SCHEMA_PATH = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "schemas", "school-candidates.json")

PROVINCES = set(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65"
    .split())
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
SPACES = re.compile(r"[\s\u00a0\u3000]+")
HAN = r"\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
CHINESE_NAME = re.compile(r"^[%s]+(·[%s]+)*$" % (HAN, HAN))
LATIN_NAME = re.compile(r"^[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f .'\-·]*$")
YEAR_TEXT = re.compile(r"^(\d{4})(|级|年|年级|年入学|级入学)$")
TODAY = datetime.date.today()

CREATE = """
CREATE TABLE IF NOT EXISTS candidate (
    id INTEGER PRIMARY KEY AUTOINCREMENT, school TEXT NOT NULL, population TEXT NOT NULL,
    name TEXT NOT NULL, namePinyin TEXT, documentType TEXT NOT NULL,
    documentNumber TEXT NOT NULL, mobile TEXT, major TEXT, majorLevel TEXT,
    enrollmentYear INTEGER, employer TEXT, education TEXT, createdJob INTEGER NOT NULL,
    createdRow INTEGER NOT NULL, updatedJob INTEGER,
    UNIQUE (school, documentType, documentNumber))
"""


class Invalid(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def clean(value):
    """The cell as text: full-width ASCII made half-width, spaces collapsed and trimmed."""
    if value is None:
        return ""
    if isinstance(value, float):
        value = "%.0f" % value if value == int(value) else repr(value)
    return SPACES.sub(" ", str(value).translate(FULL_WIDTH)).strip()


def header_key(text):
    return clean(text).lower().replace("*", "").replace(" ", "").replace("（必填）", "")


class Schema:
    """Titles, aliases and enums of school-candidates, as kaowu's schema file states them."""

    def __init__(self):
        with open(SCHEMA_PATH, encoding="utf-8") as f:
            schema = json.load(f)
        self.fields = schema["fields"]
        self.lookup = {}
        self.enums = {}
        for field in self.fields:
            for name in [field["title"], field["name"]] + field.get("aliases", []):
                self.lookup[header_key(name)] = field["name"]
            allowed = field.get("constraints", {}).get("enum")
            if allowed:
                table = {clean(v).lower(): v for v in allowed}
                for alias, v in field.get("enumAliases", {}).items():
                    table[clean(alias).lower()] = v
                self.enums[field["name"]] = (table, allowed)

    def columns(self, header):
        return {self.lookup[header_key(h)]: i for i, h in enumerate(header)
                if header_key(h) in self.lookup}


def enum_value(schema, field, text, title):
    table, allowed = schema.enums[field]
    if text.lower() not in table:
        raise Invalid("enum", "“%s”不是%s的可选值；可选：%s" % (text, title, "、".join(allowed)))
    return table[text.lower()]


def check_name(text):
    name = text.replace(" ", "")
    if any(c.isdigit() for c in name):
        raise Invalid("name.format", "姓名中不能有数字")
    if CHINESE_NAME.match(name):
        if not 2 <= len(name) <= 20:
            raise Invalid("name.length", "中文姓名应为 2–20 个字")
        return name
    if LATIN_NAME.match(text) and 2 <= len(text) <= 60:
        return text
    raise Invalid("name.format", "姓名中有不允许的字符")


def check_resident_id(raw):
    if isinstance(raw, (int, float)) and raw >= 1e15:
        raise Invalid("cn-id.excel-number", "证件号码被 Excel 存成了数字，末尾几位已丢失")
    number = re.sub(r"[\s\-]", "", clean(raw)).upper()
    if re.fullmatch(r"\d+(\.\d+)?E\+?\d+", number):
        raise Invalid("cn-id.excel-number", "证件号码被 Excel 存成了数字，末尾几位已丢失")
    if len(number) == 15 and number.isdigit():
        raise Invalid("cn-id.old-15", "这是 15 位的旧身份证号码")
    if len(number) != 18:
        raise Invalid("cn-id.length", "居民身份证号码应为 18 位，现在是 %d 位" % len(number))
    if not re.fullmatch(r"\d{17}[\dX]", number):
        raise Invalid("cn-id.format", "应为 17 位数字加 1 位校验码")
    if number[:2] not in PROVINCES:
        raise Invalid("cn-id.region", "前 6 位不是有效的地区码")
    try:
        birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise Invalid("cn-id.birthdate", "出生日期无效")
    age = TODAY.year - birth.year - ((TODAY.month, TODAY.day) < (birth.month, birth.day))
    if birth > TODAY or not 5 <= age <= 120:
        raise Invalid("cn-id.birthdate", "出生日期不合理")
    total = sum(int(d) * w for d, w in zip(number, WEIGHTS))
    if "10X98765432"[total % 11] != number[17]:
        raise Invalid("cn-id.checksum", "居民身份证号码校验不通过")
    return number


def check_mobile(raw):
    number = re.sub(r"[\s\-()]", "", clean(raw))
    if number.endswith(".0"):
        number = number[:-2]
    for prefix in ("+86", "0086", "86"):
        if number.startswith(prefix) and len(number) - len(prefix) == 11:
            number = number[len(prefix):]
    if not re.fullmatch(r"1[3-9]\d{9}", number):
        raise Invalid("cn-mobile.format", "手机号不是有效的 11 位号码")
    return number


def check_year(raw):
    if isinstance(raw, (int, float)):
        if raw != int(raw):
            raise Invalid("year.format", "入学年份应为四位整数年份")
        year = int(raw)
    else:
        match = YEAR_TEXT.match(clean(raw).replace(" ", ""))
        if not match:
            raise Invalid("year.format", "入学年份无法识别")
        year = int(match.group(1))
    if not 1990 <= year <= TODAY.year + 1:
        raise Invalid("year.range", "入学年份不在 1990–%d 之间" % (TODAY.year + 1))
    return year


def validate(schema, cells, titles):
    """The row's values by field name, and its errors as (field, code, message)."""
    values, errors = {}, []

    def field(name, check, required=True, max_length=None):
        raw = cells.get(name)
        text = clean(raw)
        if text == "":
            if required:
                errors.append((name, "required", "%s必填，这一行是空的" % titles[name]))
            return None
        try:
            value = check(raw, text)
        except Invalid as e:
            errors.append((name, e.code, e.message))
            return None
        if max_length and len(value) > max_length:
            errors.append((name, "length", "%s最多 %d 个字符" % (titles[name], max_length)))
            return None
        values[name] = value
        return value

    field("name", lambda raw, text: check_name(text), max_length=40)
    field("namePinyin", lambda raw, text: text, required=False, max_length=80)
    doc_type = field(
        "documentType", lambda raw, text: enum_value(schema, "documentType", text, "证件类型"),
        required=False) or "居民身份证"
    values["documentType"] = doc_type
    if doc_type == "居民身份证":
        field("documentNumber", lambda raw, text: check_resident_id(raw))
    else:  # other documents: their own shapes; no roster of this benchmark has them
        field("documentNumber", lambda raw, text: re.sub(r"[\s\-]", "", text).upper())
    field("mobile", lambda raw, text: check_mobile(raw))
    field("major", lambda raw, text: text, max_length=60)
    field("majorLevel", lambda raw, text: enum_value(schema, "majorLevel", text, "专业层次"))
    field("enrollmentYear", lambda raw, text: check_year(raw))
    return values, errors


def run(rows):
    parser = argparse.ArgumentParser()
    parser.add_argument("input")
    parser.add_argument("--db", required=True)
    parser.add_argument("--report", required=True)
    args = parser.parse_args()
    schema = Schema()
    titles = {f["name"]: f["title"] for f in schema.fields}

    rows = iter(rows(args.input))
    header = [clean(h) for h in next(rows)]
    columns = schema.columns(header)
    missing = [titles[f["name"]] for f in schema.fields
               if f.get("constraints", {}).get("required") and f["name"] not in columns]
    if missing:
        sys.exit("缺少必填列：" + "、".join(missing))

    db = sqlite3.connect(args.db)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(CREATE)
    first_row_of_key = {}
    valid, problems, total = [], [], 0
    for number, row in enumerate(rows, start=2):
        cells = {name: row[i] if i < len(row) else None for name, i in columns.items()}
        if all(clean(v) == "" for v in cells.values()):
            continue
        total += 1
        values, errors = validate(schema, cells, titles)
        failed = {e[0] for e in errors}
        if not failed & {"documentType", "documentNumber"} and "documentNumber" in values:
            key = (values["documentType"], values["documentNumber"])
            if key in first_row_of_key:
                errors.append(("documentNumber", "unique",
                               "与本文件第 %d 行的证件类型和证件号码相同" % first_row_of_key[key]))
            else:
                first_row_of_key[key] = number
        for name, code, message in errors:
            problems.append((number, header[columns[name]] if name in columns else titles[name],
                             clean(cells.get(name)), code, message))
        if not errors:
            valid.append((
                "S001", "school", values["name"], values.get("namePinyin"),
                values["documentType"], values["documentNumber"], values["mobile"],
                values["major"], values["majorLevel"], values["enrollmentYear"], 1, number))

    with db:  # one transaction
        db.executemany(
            "INSERT INTO candidate (school, population, name, namePinyin, documentType, "
            "documentNumber, mobile, major, majorLevel, enrollmentYear, createdJob, createdRow) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (school, documentType, documentNumber) DO NOTHING", valid)
    db.close()

    report = xlsxwriter.Workbook(args.report)
    summary = report.add_worksheet("汇总")
    summary.write_row(0, 0, ["文件", "总行数", "已导入", "错误"])
    summary.write_row(1, 0, [os.path.basename(args.input), total, len(valid), len(problems)])
    sheet = report.add_worksheet("错误")
    sheet.write_row(0, 0, ["行号", "列名", "原值", "错误代码", "说明"])
    for i, problem in enumerate(problems, start=1):
        sheet.write_row(i, 0, problem)
    report.close()
    print("%d rows, %d inserted, %d errors" % (total, len(valid), len(problems)))
