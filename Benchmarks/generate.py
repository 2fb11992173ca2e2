#!/usr/bin/env python3
"""Seeded generator of realistic 院校考生导入 rosters for the benchmarks.

Every row is what a clerk would type: Chinese names (single-character surnames such as 单 and 曾
whose readings are surname-specific, compound surnames, and ·-joined minority names), resident
IDs with valid region, birth date and ISO 7064 MOD 11-2 check character, mobile numbers, majors,
levels written the ways clerks write them (大专 for 高职专科, ...), and enrollment years.
About `--bad-rate` of the rows (default 2%) are bad, spread evenly over six kinds: wrong check
character, ID stored by Excel as a number, bad mobile, missing required cell, a level that is
not an allowed value, and an ID repeated from an earlier row of the file.

With `--photos-zip`, also a ZIP of one 295×413 JPEG per roster row, named `<证件号码>.jpg` as the
photos kind expects (red background, a drawn head and jacket, fine grain so that each photo is
distinct and about as large as a real one); about `--photo-bad-rate` of the entries (default 2%)
are bad, seven kinds in turn: wrong pixel size, not an image at all (a PDF named .jpg), a
candidate not in the roster, blue background, a truncated JPEG, a second photo of an earlier
candidate, and a .bmp. Use it with `--bad-rate 0`, so that every named candidate exists.

The workbook is written with XlsxWriter in constant_memory mode (rows go to disk as they are
written; strings are inline), so a million rows need little memory. The same seed always gives
the same file. `--csv` also writes the rows as UTF-8 CSV, for the sqlite3 floor.

    python3 generate.py --rows 100000 --out roster-100k.xlsx [--bad-rate 0.02] [--seed 6]
    python3 generate.py --rows 10000 --bad-rate 0 --out photos-10k.xlsx --photos-zip photos-10k.zip
"""

import argparse
import csv
import datetime
import io
import random
import zipfile

import xlsxwriter

HEADER = ["姓名*", "姓名拼音", "证件类型", "证件号码*", "手机号*", "就读专业*", "专业层次*", "入学年份*"]

SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单")
COMPOUND_SURNAMES = ["欧阳", "司马", "上官", "诸葛", "尉迟", "慕容"]
GIVEN = list("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国文辉力宇浩然子涵梓萱一诺欣怡思远雨轩佳琪俊杰嘉豪晨曦博文")
MINORITY_NAMES = [
    "阿卜杜·热合曼", "买买提·吐尔逊", "古丽娜尔·艾力", "努尔兰·哈力克", "迪丽热巴·迪力木拉提",
    "阿依古丽·买合木提", "艾尔肯·吾拉木", "帕尔哈提·阿不都",
]
# Real region codes; kaowu and the peers check the province (first two digits).
REGIONS = [
    "110105", "110108", "120101", "130102", "140105", "210102", "220102", "230102", "310104",
    "320102", "330106", "340102", "350102", "360102", "370102", "410105", "420106", "430104",
    "440106", "450102", "500103", "510104", "520102", "530102", "610103", "620102", "650102",
]
MAJORS = [
    "计算机应用技术", "软件技术", "大数据技术", "电子商务", "会计信息管理", "护理", "机电一体化技术",
    "汽车检测与维修技术", "物流管理", "学前教育", "工业机器人技术", "数字媒体技术", "酒店管理与数字化运营",
]
# Canonical values and the aliases clerks write; both are valid.
LEVELS = ["高职专科", "高职专科", "大专", "中职", "中专", "职业本科", "应用型本科", "专科"]
BAD_LEVELS = ["本科", "研究生", "初中", "高中"]
DOCUMENT_TYPES = ["", "", "", "居民身份证", "身份证"]
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
BAD_KINDS = ["checksum", "excel-number", "mobile", "required", "enum", "duplicate"]


def check_character(first17):
    """ISO 7064 MOD 11-2 over 17 digits, as GB 11643 specifies."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS))
    return "10X98765432"[total % 11]


class Roster:
    """Draws rows from one seeded random source; IDs are unique unless a row is a duplicate."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.used = set()
        self.issued = []

    def name(self):
        r = self.rng.random()
        if r < 0.02:
            return self.rng.choice(MINORITY_NAMES)
        surname = self.rng.choice(COMPOUND_SURNAMES) if r < 0.04 else self.rng.choice(SURNAMES)
        return surname + "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2))))

    def identity(self):
        while True:
            birth = datetime.date(1996, 1, 1) + datetime.timedelta(days=self.rng.randrange(4700))
            first17 = (
                self.rng.choice(REGIONS) + birth.strftime("%Y%m%d")
                + "%03d" % self.rng.randrange(1000)
            )
            if first17 not in self.used:
                self.used.add(first17)
                return first17 + check_character(first17)

    def mobile(self):
        return "1" + self.rng.choice("3456789") + "%09d" % self.rng.randrange(10**9)

    def row(self, bad):
        """One row as cell values, `bad` naming the defect to plant (None for a good row)."""
        number = self.identity()
        year = self.rng.choice([2021, 2022, 2023, 2024, 2025])
        row = [
            self.name(), "", self.rng.choice(DOCUMENT_TYPES), number, self.mobile(),
            self.rng.choice(MAJORS), self.rng.choice(LEVELS),
            year if self.rng.random() < 0.9 else "%d级" % year,
        ]
        if bad == "checksum":
            wrong = "0123456789X".replace(number[17], "")
            row[3] = number[:17] + self.rng.choice(wrong)
        elif bad == "excel-number":
            row[3] = float(number[:17] + "0")  # what Excel keeps of a number cell: 15 digits
        elif bad == "mobile":
            row[4] = self.rng.choice(["1381234567", "23812345678", "138-1234-567a"])
        elif bad == "required":
            row[self.rng.choice([0, 4, 5])] = ""
        elif bad == "enum":
            row[6] = self.rng.choice(BAD_LEVELS)
        elif bad == "duplicate" and self.issued:
            row[3] = self.rng.choice(self.issued)
        if bad is None and len(self.issued) < 4096:
            self.issued.append(number)  # only good rows' IDs are repeated by later ones
        return row


# MARK: - Photos

PHOTO_SIZE = (295, 413)
RED_BACKGROUNDS = [(220, 20, 30), (200, 16, 40), (230, 30, 36), (190, 10, 20)]
BLUE_BACKGROUND = (60, 140, 220)
PHOTO_BAD_KINDS = ["dimensions", "not-an-image", "unknown", "background", "truncated",
                   "duplicate", "extension"]
# ZIP entries get a fixed time, so that the same arguments give the same bytes.
ZIP_TIME = (2025, 9, 1, 8, 0, 0)


def portrait(rng, background, size=PHOTO_SIZE):
    """An ID photo as Pillow draws it: plain background, hair, face, jacket, and a grain that
    makes the JPEG about as large (and as slow to decode) as a camera's photo."""
    from PIL import Image, ImageDraw, ImageFilter
    w, h = size
    img = Image.new("RGB", size, background)
    d = ImageDraw.Draw(img)
    dx, dy = rng.uniform(-0.04, 0.04) * w, rng.uniform(-0.03, 0.03) * h
    hair = tuple(rng.randrange(20, 70) for _ in range(3))
    skin = (rng.randrange(215, 245), rng.randrange(170, 205), rng.randrange(140, 175))
    jacket = tuple(rng.randrange(20, 90) for _ in range(3))
    d.rectangle([w * 0.08 + dx, h * 0.72 + dy, w * 0.92 + dx, h], fill=jacket)
    d.ellipse([w * 0.3 + dx, h * 0.18 + dy, w * 0.7 + dx, h * 0.62 + dy], fill=hair)
    d.ellipse([w * 0.34 + dx, h * 0.26 + dy, w * 0.66 + dx, h * 0.66 + dy], fill=skin)
    grain = Image.frombytes("L", size, rng.randbytes(w * h)).filter(ImageFilter.BoxBlur(1))
    return Image.composite(img, Image.merge("RGB", (grain, grain, grain)),
                           Image.new("L", size, 232))


def jpeg(img, quality=90):
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def photo_entries(roster, numbers, bad_rate):
    """(name, bytes) for one photo per number, `bad_rate` of them bad (kinds in turn)."""
    rng = roster.rng
    folder = "2025级照片/"
    every = round(1 / bad_rate) if bad_rate > 0 else 0
    planted = 0
    for i, number in enumerate(numbers):
        bad = None
        if every and i >= 10 and i % every == every // 2:
            bad = PHOTO_BAD_KINDS[planted % len(PHOTO_BAD_KINDS)]
            planted += 1
        name = folder + number + ".jpg"
        background = rng.choice(RED_BACKGROUNDS)
        if bad == "dimensions":
            data = jpeg(portrait(rng, background, rng.choice([(300, 400), (413, 295), (358, 441)])))
        elif bad == "not-an-image":
            data = b"%PDF-1.4\n" + rng.randbytes(20_000)
        elif bad == "unknown":
            name = folder + roster.identity() + ".jpg"
            data = jpeg(portrait(rng, background))
        elif bad == "background":
            data = jpeg(portrait(rng, BLUE_BACKGROUND))
        elif bad == "truncated":
            whole = jpeg(portrait(rng, background))
            data = whole[:len(whole) // 2]
        elif bad == "duplicate":
            name = "补拍/" + numbers[rng.randrange(i)] + ".jpg"
            data = jpeg(portrait(rng, background))
        elif bad == "extension":
            buf = io.BytesIO()
            portrait(rng, background).save(buf, "BMP")
            name, data = folder + number + ".bmp", buf.getvalue()
        else:
            data = jpeg(portrait(rng, background))
        yield name, data, bad


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--out", required=True, help="the .xlsx to write")
    parser.add_argument("--bad-rate", type=float, default=0.02)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--csv", help="also write the rows (same values) to this CSV")
    parser.add_argument("--photos-zip", help="also write a ZIP of one photo per row here")
    parser.add_argument("--photo-bad-rate", type=float, default=0.02)
    args = parser.parse_args()

    roster = Roster(args.seed)
    workbook = xlsxwriter.Workbook(args.out, {"constant_memory": True})
    sheet = workbook.add_worksheet("院校考生导入")
    text = workbook.add_format({"num_format": "@"})
    sheet.set_column(0, 7, 16, text)
    sheet.write_row(0, 0, HEADER)
    writer = None
    if args.csv:
        csv_file = open(args.csv, "w", newline="", encoding="utf-8")
        writer = csv.writer(csv_file)
    # Bad rows at evenly spaced positions (none in the first rows, so duplicates have a source).
    every = round(1 / args.bad_rate) if args.bad_rate > 0 else 0
    planted = 0
    numbers = []
    for i in range(args.rows):
        bad = None
        if every and i >= 10 and i % every == every // 2:
            bad = BAD_KINDS[planted % len(BAD_KINDS)]
            planted += 1
        row = roster.row(bad)
        numbers.append(row[3])
        for col, value in enumerate(row):
            if value == "":
                continue
            if isinstance(value, str):
                sheet.write_string(i + 1, col, value)
            else:
                sheet.write_number(i + 1, col, value)
        if writer:
            writer.writerow(["%.0f" % v if isinstance(v, float) else v for v in row])
    workbook.close()
    if writer:
        csv_file.close()
    print("%s: %d rows, %d bad" % (args.out, args.rows, planted))
    if args.photos_zip:
        bad_photos = 0
        with zipfile.ZipFile(args.photos_zip, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data, bad in photo_entries(roster, numbers, args.photo_bad_rate):
                info = zipfile.ZipInfo(name, ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, data)
                bad_photos += bad is not None
        print("%s: %d photos, %d bad" % (args.photos_zip, len(numbers), bad_photos))


if __name__ == "__main__":
    main()
