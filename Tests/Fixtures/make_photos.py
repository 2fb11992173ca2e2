#!/usr/bin/env python3
"""Candidate photos of every variant, and ZIPs of them as real tools make them.

Usage: make_photos.py OUT_DIR   (writes OUT_DIR/photos/*, OUT_DIR/*.zip, OUT_DIR/ids.txt)

Photos are drawn with Pillow like real ID photos: a plain background, dark hair, a skin-coloured
face in the middle and a dark jacket at the bottom, so a background judge that looks at the
face or the clothes gets them wrong. ZIPs are written with Python's zipfile, GBK names without
the UTF-8 flag the way Windows tools in a Chinese locale write them.
"""
import io
import os
import struct
import sys
import zipfile
import zlib

from PIL import Image, ImageDraw

RED, BLUE, WHITE = (220, 20, 30), (60, 140, 220), (250, 250, 250)
W, H = 295, 413


def resident_id(seq):
    """A valid GB 11643 ID: region 110105, born 2000-01-01, MOD 11-2 check character."""
    body = f"11010520000101{seq:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(body, weights))
    return body + "10X98765432"[total % 11]


def portrait(background, size=(W, H), mode="RGB"):
    img = Image.new("RGBA" if len(background) == 4 else "RGB", size, background)
    d = ImageDraw.Draw(img)
    w, h = size
    d.rectangle([w * 0.1, h * 0.72, w * 0.9, h], fill=(40, 40, 60))           # jacket
    d.ellipse([w * 0.3, h * 0.18, w * 0.7, h * 0.62], fill=(60, 40, 30))     # hair
    d.ellipse([w * 0.34, h * 0.26, w * 0.66, h * 0.66], fill=(235, 190, 160))  # face
    return img.convert(mode) if mode != "RGB" else img


def save(img, fmt, **options):
    buf = io.BytesIO()
    img.save(buf, fmt, **options)
    return buf.getvalue()


def png16(img):
    """A 16-bit-per-channel RGB PNG (Pillow cannot write one), chunk by chunk."""
    rows = b""
    for y in range(img.height):
        rows += b"\x00" + b"".join(struct.pack(">HHH", r * 257, g * 257, b * 257)
                                   for r, g, b in (img.getpixel((x, y)) for x in range(img.width)))

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", img.width, img.height, 16, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def variants():
    """name -> bytes: every photo variant the checks must decode or refuse correctly."""
    red = portrait(RED)
    good_jpeg = save(red, "JPEG", quality=90)
    return {
        "red.jpg": good_jpeg,
        "red-progressive.jpg": save(red, "JPEG", quality=90, progressive=True),
        "red-palette.png": save(red.convert("P", palette=Image.ADAPTIVE, colors=64), "PNG"),
        "red-alpha.png": save(red.convert("RGBA"), "PNG"),
        "red-16bit.png": png16(red),
        "red-png-named.jpg": save(red, "PNG"),
        "blue.jpg": save(portrait(BLUE), "JPEG", quality=90),
        "white.png": save(portrait(WHITE), "PNG"),
        "gray.jpg": save(portrait(RED, mode="L"), "JPEG", quality=90),
        "cmyk.jpg": save(portrait(RED).convert("CMYK"), "JPEG", quality=90),
        "transparent.png": save(portrait((0, 0, 0, 0)), "PNG"),
        "large-pixels.jpg": save(portrait(RED, size=(600, 840)), "JPEG", quality=90),
        "truncated.jpg": good_jpeg[: len(good_jpeg) // 2],
        "truncated.png": save(red, "PNG")[:1200],
        "not-an-image.jpg": "这不是照片".encode("utf-8") * 100,
        # A valid JPEG followed by 6 MB of noise: too large, whatever it shows.
        "too-large.jpg": good_jpeg + os.urandom(6 << 20),
    }


class GBKInfo(zipfile.ZipInfo):
    """An entry whose name is stored in GBK without the UTF-8 flag, as WinRAR/360压缩 write."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def write_zip(path, entries):
    """entries: (name, bytes, gbk?) in order."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data, gbk in entries:
            info = GBKInfo(name) if gbk else zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def main(out):
    os.makedirs(os.path.join(out, "photos"), exist_ok=True)
    photos = variants()
    for name, data in photos.items():
        with open(os.path.join(out, "photos", name), "wb") as f:
            f.write(data)
    ids = [resident_id(i) for i in range(1, 41)]
    with open(os.path.join(out, "ids.txt"), "w") as f:
        f.write("\n".join(ids) + "\n")

    # Every entry fine: nested folders, a GBK folder name, macOS and Windows metadata, a
    # lowercase x, PNG named .jpg (a warning only).
    good = [
        ("2024级/一班/" + ids[0] + ".jpg", photos["red.jpg"], True),
        ("2024级/一班/" + ids[1] + ".JPG", photos["red-progressive.jpg"], True),
        ("照片/" + ids[2] + ".png", photos["red-palette.png"], False),
        (ids[3] + ".png", photos["red-alpha.png"], False),
        (ids[4] + ".png", photos["red-16bit.png"], False),
        (ids[5].lower() + ".jpg", photos["red-png-named.jpg"], False),
        ("__MACOSX/2024级/._" + ids[0] + ".jpg", b"\x00\x05\x16\x07" * 20, True),
        ("2024级/Thumbs.db", b"\xd0\xcf\x11\xe0" * 50, True),
        (".DS_Store", b"\x00\x00\x00\x01Bud1" * 30, False),
    ]
    write_zip(os.path.join(out, "good.zip"), good)
    # The same candidates again, one photo changed: replacements.
    write_zip(os.path.join(out, "again.zip"), [(ids[0] + ".jpg", photos["red-progressive.jpg"], False)])

    bad = [(ids[10 + i] + "." + name.split(".")[-1], photos[name], False)
           for i, name in enumerate(n for n in photos if not n.startswith("red"))]
    bad += [
        (ids[30] + ".jpg", photos["red.jpg"], False),                 # fine on its own
        ("另一个文件夹/" + ids[30] + ".png", photos["red-alpha.png"], True),  # same ID again
        (resident_id(99) + ".jpg", photos["red.jpg"], False),        # not a candidate
        ("../../etc/" + ids[31] + ".jpg", photos["red.jpg"], False),  # traversal: a name only
        ("名单.xlsx", b"PK\x03\x04", True),                           # not a photo name
    ]
    write_zip(os.path.join(out, "mixed.zip"), bad)

    # A ZIP bomb: 300 MB of zeros in one entry, about 300 KB compressed.
    with zipfile.ZipFile(os.path.join(out, "bomb.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        with z.open(ids[0] + ".jpg", "w", force_zip64=True) as entry:
            block = b"\x00" * (1 << 20)
            for _ in range(300):
                entry.write(block)

    # A damaged central directory: the second record's signature overwritten.
    data = bytearray(open(os.path.join(out, "good.zip"), "rb").read())
    first = data.index(b"PK\x01\x02")
    second = data.index(b"PK\x01\x02", first + 4)
    data[second:second + 4] = b"XXXX"
    with open(os.path.join(out, "corrupt.zip"), "wb") as f:
        f.write(data)

    # Not a ZIP at all: a photo dropped on its own.
    with open(os.path.join(out, "lone-photo.zip"), "wb") as f:
        f.write(photos["red.jpg"])


if __name__ == "__main__":
    main(sys.argv[1])
