#!/usr/bin/env python3
"""The photo-ZIP peer: what a school's IT staff would write with Pillow instead of kaowu.

Does the work of kaowu's 考生照片导入 kind on one ZIP: every entry (folders and the metadata
`schemas/photos.json` names skipped) is read, its name turned into a document number, its size
limited, its SHA-256 taken, its content decoded with Pillow (`--decode full`, or `--decode draft`:
libjpeg's DCT scaling to 1/8, what Pillow's `Image.draft` offers), its real pixel size checked,
its background judged from the border region exactly as kaowu judges it (numpy over the decoded
pixels), the candidate looked up in SQLite, photos of one candidate twice in the ZIP refused;
the accepted photos are inserted into SQLite in one transaction and an XLSX report (汇总, 照片,
错误) is written with XlsxWriter.

    photo_peer.py PHOTOS.zip --db CANDIDATES.sqlite --report REPORT.xlsx --decode draft

The database must hold the school's candidates (`candidate(id, documentNumber, name)`); the
photos go into `candidate_photo`. Less than kaowu does: no all-or-nothing, no ledger or archive,
no thumbnails of the rejected photos in the report.
"""

import argparse
import collections
import hashlib
import io
import json
import os
import sqlite3
import unicodedata
import zipfile

import numpy as np
import xlsxwriter
from PIL import Image

SCHEMAS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "schemas")
COLORS = ["red", "orange", "yellow", "green", "blue", "purple", "white", "gray", "black",
          "transparent"]
CHINESE = {"red": "红色", "orange": "橙色", "yellow": "黄色", "green": "绿色", "blue": "蓝色",
           "purple": "紫色", "white": "白色", "gray": "灰色", "black": "黑色", "transparent": "透明"}
MAX_PIXELS = 40_000_000


def settings():
    with open(os.path.join(SCHEMAS, "photos.json"), encoding="utf-8") as f:
        return json.load(f)["kaowu"]["photo"]


def document_number(path, extensions):
    """As kaowu: the last component without extension, full-width folded, spaces and dashes
    dropped, uppercased; None when the extension is not a photo's."""
    name = path.rsplit("/", 1)[-1]
    stem, dot, ext = name.rpartition(".")
    if not dot or ext.lower() not in extensions:
        return None
    stem = unicodedata.normalize("NFKC", stem)
    stem = "".join(c for c in stem if not c.isspace() and c not in "-‐‑–—－")
    return stem.upper() or None


def classify(rgb, alpha):
    """Colour index (into COLORS) of each pixel of an (n, 3) uint8 array with its (n,) alpha,
    by kaowu's cut-offs (BackgroundColor.of)."""
    r, g, b = (rgb[:, i].astype(np.float32) / 255 for i in range(3))
    max_c = np.maximum(np.maximum(r, g), b)
    min_c = np.minimum(np.minimum(r, g), b)
    chroma = max_c - min_c
    with np.errstate(divide="ignore", invalid="ignore"):
        saturation = np.where(max_c == 0, 0, chroma / max_c)
        safe = np.where(chroma == 0, 1, chroma)
        hue = np.where(max_c == r, 60 * ((g - b) / safe),
                       np.where(max_c == g, 60 * ((b - r) / safe + 2), 60 * ((r - g) / safe + 4)))
    hue = np.where(hue < 0, hue + 360, hue)
    by_hue = np.select(
        [(hue < 15) | (hue >= 330), hue < 45, hue < 70, hue < 165, hue < 265],
        [0, 1, 2, 3, 4], 5)
    grey = np.where(max_c > 0.8, 6, 7)
    out = np.where((saturation < 0.18) | (chroma < 0.1), grey, by_hue)
    out = np.where(max_c < 0.2, 8, out)
    return np.where(alpha < 128, 9, out)


def background(img):
    """(colour, share) of the border region: the top tenth, and the side tenths down to half
    the height, every pixel voting (kaowu's PhotoBackground)."""
    if img.mode not in ("RGB", "RGBA"):
        img = img.convert("RGBA" if "transparency" in img.info or "A" in img.mode else "RGB")
    pixels = np.asarray(img)
    h, w, channels = pixels.shape
    top = max(1, int(h * 0.1))
    side = max(1, int(w * 0.1))
    bottom = max(top, int(h * 0.5))
    region = np.concatenate([
        pixels[:top].reshape(-1, channels), pixels[top:bottom, :side].reshape(-1, channels),
        pixels[top:bottom, max(side, w - side):].reshape(-1, channels)])
    alpha = region[:, 3] if channels == 4 else np.full(len(region), 255, np.uint8)
    votes = np.bincount(classify(region[:, :3], alpha), minlength=len(COLORS))
    best = int(np.argmax(votes))  # ties: the earlier colour, as kaowu
    total = int(votes.sum())
    return COLORS[best], (votes[best] / total if total else 0.0)


def examine(path, data, size, rules, decode):
    """One entry's finding: a dict with its number, format, size, background and errors."""
    extensions = rules["extensions"]
    found = {"entry": path, "number": document_number(path, extensions), "bytes": size,
             "errors": [], "warnings": []}
    errors = found["errors"]
    if found["number"] is None:
        errors.append(("photo.name", "文件名应为“证件号码.jpg”，本条目不是照片或扩展名不对"))
    if data is None or size > rules["maxBytes"]:
        errors.append(("photo.too-large", "照片超过 %.1f MB 上限" % (rules["maxBytes"] / 2**20)))
        return found
    found["sha256"] = hashlib.sha256(data).hexdigest()
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        fmt = "png"
    elif data[:3] == b"\xff\xd8\xff":
        fmt = "jpeg"
    else:
        errors.append(("photo.format", "不是 JPEG 或 PNG 图片（按文件内容判断）"))
        return found
    found["format"] = fmt
    try:
        img = Image.open(io.BytesIO(data))
        width, height = img.size
        if img.mode == "CMYK":
            errors.append(("photo.unsupported", "照片是 CMYK 印刷色模式，颜色无法可靠判断"))
            return found
        if width * height > MAX_PIXELS:
            errors.append(("photo.dimensions", "照片是 %d×%d 像素，远超标准尺寸" % (width, height)))
            return found
        if decode == "draft" and fmt == "jpeg":
            img.draft("RGB", ((width + 7) // 8, (height + 7) // 8))
        img.load()
    except Exception as error:  # Pillow raises many kinds for damaged files
        errors.append(("photo.corrupt", "%s 文件已损坏或不完整（%s）" % (fmt.upper(), error)))
        return found
    found["width"], found["height"] = width, height
    ext = path.rsplit(".", 1)[-1].lower()
    if found["number"] and ext not in ({"jpeg": ["jpg", "jpeg"], "png": ["png"]}[fmt]):
        found["warnings"].append(("photo.extension-mismatch", "扩展名与内容不符"))
    tolerance = rules["pixelTolerance"]
    if abs(width - rules["width"]) > tolerance or abs(height - rules["height"]) > tolerance:
        errors.append(("photo.dimensions", "照片是 %d×%d 像素，应为 %d×%d 像素" % (
            width, height, rules["width"], rules["height"])))
    color, share = background(img)
    found["background"] = color
    wanted = rules["background"]
    if color != wanted or share < rules["backgroundMinimumShare"]:
        errors.append(("photo.background", "照片背景是%s（边缘 %d%% 的像素），要求%s背景" % (
            CHINESE[color], round(share * 100), CHINESE[wanted])))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("zip")
    parser.add_argument("--db", required=True)
    parser.add_argument("--report", required=True)
    parser.add_argument("--decode", choices=["full", "draft"], default="full")
    args = parser.parse_args()
    rules = settings()
    skipped = set(rules["skippedNames"])

    with zipfile.ZipFile(args.zip) as archive:
        infos = [i for i in archive.infolist() if not i.is_dir()
                 and not any(part in skipped for part in i.filename.split("/"))]
        if len(infos) > rules["maxEntries"]:
            raise SystemExit("too many entries")
        findings = []
        for info in infos:
            data = archive.read(info) if info.file_size <= rules["maxBytes"] else None
            findings.append((examine(info.filename, data, info.file_size, rules, args.decode),
                             data))

    by_number = collections.defaultdict(list)
    for found, _ in findings:
        if found["number"]:
            by_number[found["number"]].append(found["entry"])

    db = sqlite3.connect(args.db)
    db.execute("""CREATE TABLE IF NOT EXISTS candidate_photo (
        candidate INTEGER PRIMARY KEY, format TEXT, width INTEGER, height INTEGER,
        bytes INTEGER, sha256 TEXT, data BLOB, entry TEXT)""")
    accepted = 0
    with db:  # one transaction
        for found, data in findings:
            number = found["number"]
            if number:
                row = db.execute(
                    "SELECT id, name FROM candidate WHERE documentNumber = ? ORDER BY id LIMIT 1",
                    (number,)).fetchone()
                if row is None:
                    found["errors"].append(("photo.unknown-candidate",
                                            "本校没有证件号码为 %s 的考生" % number))
                else:
                    found["candidate"], found["name"] = row
                if len(by_number[number]) > 1:
                    others = [e for e in by_number[number] if e != found["entry"]]
                    found["errors"].append(("photo.duplicate", "压缩包里同一证件号码有多张照片（另见：%s）"
                                            % "、".join(others)))
            if not found["errors"]:
                db.execute("INSERT OR REPLACE INTO candidate_photo VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           (found["candidate"], found["format"], found["width"],
                            found["height"], len(data), found["sha256"], data, found["entry"]))
                accepted += 1
    db.close()

    workbook = xlsxwriter.Workbook(args.report)
    bold = workbook.add_format({"bold": True})
    text = workbook.add_format({"num_format": "@"})
    summary = workbook.add_worksheet("汇总")
    rejected = sum(1 for f, _ in findings if f["errors"])
    for row, (label, value) in enumerate([("照片", len(findings)), ("通过", accepted),
                                          ("有错误", rejected)]):
        summary.write(row, 0, label, bold)
        summary.write_number(row, 1, value)
    photos = workbook.add_worksheet("照片")
    headers = ["条目", "证件号码", "姓名", "格式", "像素", "大小", "背景", "结果", "原因"]
    photos.write_row(0, 0, headers, bold)
    errors = workbook.add_worksheet("错误")
    errors.write_row(0, 0, ["条目", "错误代码", "说明"], bold)
    error_row = 1
    for row, (found, _) in enumerate(findings, start=1):
        pixels = "%d×%d" % (found["width"], found["height"]) if "width" in found else ""
        photos.write_string(row, 0, found["entry"])
        photos.write_string(row, 1, found["number"] or "", text)
        photos.write_string(row, 2, found.get("name", ""))
        photos.write_string(row, 3, found.get("format", "").upper())
        photos.write_string(row, 4, pixels)
        photos.write_string(row, 5, "%.0f KB" % (found["bytes"] / 1024))
        photos.write_string(row, 6, CHINESE.get(found.get("background"), ""))
        photos.write_string(row, 7, "拒绝" if found["errors"] else "通过")
        photos.write_string(row, 8, "；".join(m for _, m in found["errors"]))
        for code, message in found["errors"] + found["warnings"]:
            errors.write_row(error_row, 0, [found["entry"], code, message])
            error_row += 1
    photos.autofilter(0, 0, len(findings), len(headers) - 1)
    photos.freeze_panes(1, 0)
    workbook.close()


if __name__ == "__main__":
    main()
