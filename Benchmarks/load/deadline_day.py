#!/usr/bin/env python3
"""The deadline-day load test: many schools drop a flood of files into a running `kaowu serve`.

    python3 deadline_day.py --kaowu BIN --schemas DIR [--short] [--work DIR] [--out RESULTS.md]

1. Setup: `kaowu init`, `kaowu institution add` for every school and one org (O001), then one
   `kaowu run-once` that applies the org's catalog (certificate C0001 with two subjects, plan
   K202601010001 whose 报考 window spans 2026-2027) and a seed roster of SEED candidates per
   school, all of which must be applied.
2. Generation (seeded, so every run drops the same bytes): files of five kinds, 5 to 5,000 rows
   (most small), written by Python xlsxwriter, openpyxl and the csv module (UTF-8 with BOM, GBK):
   院校考生导入 and 社会考生导入 with fresh IDs, 批量修改考生信息 and 按证书批量导入报考 on the seed
   candidates, 考生照片导入 ZIPs of Pillow-drawn photos. About 10% are bad (a wrong check
   character, a bad mobile, a blank name, an unknown candidate, a white photo, a truncated
   file); some are dropped a second time under another name (same bytes: 重复文件 expected unless
   the first was rejected); some are copied in slowly (written in place in 10 chunks over 2.25 s).
3. Load: `kaowu serve` runs; every file is dropped within the window (60 s) from 16 threads
   (temporary dotfile name, then rename), while the daemon's VmRSS is sampled every 0.5 s.
4. Drain: the outbox is polled until every drop has its report (or the timeout passes).
5. Checks (any failure: exit 1): every drop has exactly one report with the expected outcome
   and row counts, a duplicate names the job that applied the content, no other report appeared,
   the inbox and data/work are empty, the ledger gained one archived job per drop, the database
   holds exactly the applied rows (candidates, registrations, photos), the daemon's peak RSS is
   within --max-rss-mb, and it stops on SIGTERM with status 0.
6. Figures: drop-to-report latency (drop = the rename or the last chunk written; report = the
   JSON twin's mtime) as median, p90, p99 and max; drain time; peak RSS. Written to --out.
"""
import argparse
import collections
import concurrent.futures
import csv
import datetime
import io
import json
import os
import platform
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import zipfile

import openpyxl
import xlsxwriter
from PIL import Image, ImageDraw

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡")
GIVEN = list("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚华建国文辉力宇浩然子涵梓萱一诺欣怡思远")
MAJORS = ["计算机应用技术", "软件技术", "大数据技术", "电子商务", "护理", "物流管理", "学前教育"]
SEED = 200                      # seed candidates per school: the pool for updates, photos, registrations
PLAN, CERTIFICATE, SUBJECTS = "K202601010001", "C0001", ["001001", "001002"]

SCHOOL_HEADER = ["姓名*", "姓名拼音", "证件类型", "证件号码*", "手机号*", "就读专业*", "专业层次*",
                 "入学年份*"]
SOCIAL_HEADER = ["姓名*", "姓名拼音", "证件类型", "证件号码*", "手机号*", "工作单位", "学历"]
UPDATE_HEADER = ["证件号码*", "手机号", "就读专业"]
REGISTRATION_HEADER = ["证件号码*", "考试计划代码*", "证书代码*"]

# kind folder -> share of the generated files
KIND_MIX = [("院校考生导入", 0.42), ("社会考生导入", 0.18), ("批量修改考生信息", 0.18),
            ("考生照片导入", 0.12), ("按证书批量导入报考", 0.10)]
FORMATS = [("xlsxwriter", 0.65), ("openpyxl", 0.10), ("csv-utf8-bom", 0.15), ("csv-gbk", 0.10)]


def resident_id(index):
    """The index-th ID of a deterministic series (region 110105, births from 2001-01-01)."""
    birth = datetime.date(2001, 1, 1) + datetime.timedelta(days=index // 900)
    body = "110105" + birth.strftime("%Y%m%d") + "%03d" % (100 + index % 900)
    return body + CHECK[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]


def wrong_check(number):
    """The same ID with a wrong check character (cn-id.checksum)."""
    return number[:17] + CHECK[(CHECK.index(number[17]) + 1) % 11]


def weighted(rng, pairs):
    return rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    rank = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[int(rank) - 1]


# MARK: Writing files

def write_sheet(path, producer, title, header, rows):
    """A template-shaped sheet: title in row 1, header in row 3, data from row 4."""
    if producer == "xlsxwriter":
        wb = xlsxwriter.Workbook(path, {"constant_memory": True})
        ws = wb.add_worksheet(title)
        ws.write_string(0, 0, title)
        for c, text in enumerate(header):
            ws.write_string(2, c, text)
        for r, row in enumerate(rows, start=3):
            for c, value in enumerate(row):
                if value != "":
                    ws.write_string(r, c, value)
        wb.close()
    elif producer == "openpyxl":
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet(title)
        ws.append([title])
        ws.append([])
        ws.append(header)
        for row in rows:
            ws.append([v if v != "" else None for v in row])
        wb.save(path)
    else:
        encoding = {"csv-utf8-bom": "utf-8-sig", "csv-gbk": "gbk"}[producer]
        with open(path, "w", encoding=encoding, newline="") as f:
            writer = csv.writer(f, lineterminator="\r\n")
            writer.writerows([[title], [], header])
            writer.writerows(rows)


def portrait(background):
    """A one-inch ID photo as Pillow draws one: background, hair, face, jacket."""
    w, h = 295, 413
    img = Image.new("RGB", (w, h), background)
    d = ImageDraw.Draw(img)
    d.rectangle([w * 0.1, h * 0.72, w * 0.9, h], fill=(40, 40, 60))
    d.ellipse([w * 0.3, h * 0.18, w * 0.7, h * 0.62], fill=(60, 40, 30))
    d.ellipse([w * 0.34, h * 0.26, w * 0.66, h * 0.66], fill=(235, 190, 160))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90)
    return buf.getvalue()


class Generator:
    """Draws the files of one run from a seeded random source, with each file's expectation."""

    def __init__(self, seed, schools, files, folder):
        self.rng = random.Random(seed)
        self.schools = schools
        self.files = files
        self.folder = folder
        self.next_id = {s: SEED for s in schools}        # fresh IDs start after the seed
        self.unregistered = {s: list(range(SEED)) for s in schools}
        self.red, self.white = portrait((220, 20, 30)), portrait((250, 250, 250))

    def size(self):
        r = self.rng.random()
        if r < 0.70:
            return self.rng.randint(5, 100)
        if r < 0.95:
            return self.rng.randint(101, 1000)
        return self.rng.randint(1001, 5000)

    def name(self):
        return self.rng.choice(SURNAMES) + "".join(
            self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2))))

    def spoil(self, rows, bad, spoilers):
        """Replaces `bad` random rows by spoiled ones; returns how many."""
        for i in self.rng.sample(range(len(rows)), min(bad, len(rows))):
            rows[i] = self.rng.choice(spoilers)(rows[i])

    def make(self, index):
        """One drop: writes its file and returns its description (expected outcome included)."""
        school = self.rng.choice(self.schools)
        kind = weighted(self.rng, KIND_MIX)
        bad = self.rng.random() < 0.10
        n = self.size()
        producer = weighted(self.rng, FORMATS)
        ext = ".csv" if producer.startswith("csv") else ".xlsx"
        stem = "%s-%04d-%d行" % (kind, index, n)
        rows, pool_used = None, []
        if kind in ("院校考生导入", "社会考生导入"):
            first = self.next_id[school]
            self.next_id[school] += n
            ids = [resident_id(first + i) for i in range(n)]
            if kind == "院校考生导入":
                header = SCHOOL_HEADER
                rows = [[self.name(), "", "", number, "138%08d" % (first + i),
                         self.rng.choice(MAJORS), "高职专科", "2024"]
                        for i, number in enumerate(ids)]
            else:
                header = SOCIAL_HEADER
                rows = [[self.name(), "", "居民身份证", number, "139%08d" % (first + i),
                         "某某科技有限公司", "本科"] for i, number in enumerate(ids)]
            spoilers = [lambda r: r[:3] + [wrong_check(r[3])] + r[4:],
                        lambda r: r[:4] + ["1381234"] + r[5:],
                        lambda r: [""] + r[1:]]
        elif kind == "批量修改考生信息":
            n = min(n, SEED)
            header = UPDATE_HEADER
            rows = [[resident_id(i), "137%08d" % self.rng.randrange(10 ** 8),
                     self.rng.choice(MAJORS)] for i in self.rng.sample(range(SEED), n)]
            spoilers = [lambda r: [resident_id(10 ** 6 + self.rng.randrange(1000))] + r[1:],
                        lambda r: r[:1] + ["12345"] + r[2:]]
        elif kind == "按证书批量导入报考":
            free = self.unregistered[school]
            n = min(n, 40, len(free))
            if n == 0:
                return None
            pool_used = [free.pop() for _ in range(n)]
            header = REGISTRATION_HEADER
            rows = [[resident_id(i), PLAN, CERTIFICATE] for i in pool_used]
            spoilers = [lambda r: [resident_id(10 ** 6 + self.rng.randrange(1000))] + r[1:]]
        else:
            n = min(self.rng.randint(3, 30), SEED)
            ext, producer = ".zip", "zipfile"
            stem = "%s-%04d-%d张" % (kind, index, n)
            chosen = self.rng.sample(range(SEED), n)
            white = set(self.rng.sample(chosen, 1)) if bad else set()
            path = os.path.join(self.folder, stem + ext)
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
                for i in chosen:
                    z.writestr(resident_id(i) + ".jpg", self.white if i in white else self.red)
            return self.describe(index, school, kind, path, n, bad, producer,
                                 photo_ids=[resident_id(i) for i in chosen])
        truncated = bad and self.rng.random() < 0.1 and ext == ".xlsx"
        if bad and not truncated:
            self.spoil(rows, self.rng.randint(1, 3), spoilers)
        path = os.path.join(self.folder, stem + ext)
        write_sheet(path, producer, kind, header, rows)
        if truncated:
            with open(path, "r+b") as f:
                f.truncate(os.path.getsize(path) // 2)
        return self.describe(index, school, kind, path, n, bad, producer,
                             truncated=truncated, registered=len(pool_used))

    def describe(self, index, school, kind, path, rows, bad, producer, truncated=False,
                 registered=0, photo_ids=()):
        return {"index": index, "school": school, "kind": kind, "source": path,
                "name": os.path.basename(path), "rows": rows, "bad": bad,
                "truncated": truncated, "producer": producer, "registered": registered,
                "photoIds": list(photo_ids), "slow": False, "twinOf": None}


# MARK: Setup

def run(binary, arguments, root, env):
    """`kaowu <arguments> --root ROOT`; exits the test when the command fails."""
    result = subprocess.run([binary] + arguments + ["--root", root], capture_output=True,
                            text=True, env=env)
    if result.returncode != 0:
        sys.exit("kaowu %s 失败（%d）：\n%s%s" % (" ".join(arguments), result.returncode,
                                             result.stderr, result.stdout))
    return result


def setup(args, root, schools, env, staging):
    run(args.kaowu, ["init"], root, env)
    institutions = [(s, "第%s职业技术学院" % s[1:], "school") for s in schools]
    institutions.append(("O001", "某某培训评价组织", "org"))
    # Two at a time: each `institution add` also writes the institution's blank templates.
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda i: run(args.kaowu, ["institution", "add", i[0], "--name", i[1],
                                                 "--role", i[2]], root, env), institutions))
    org = os.path.join(root, "inbox", "O001")
    write_sheet(org + "/证书/证书.xlsx", "xlsxwriter", "证书", ["证书代码*", "证书名称*", "证书等级*"],
                [[CERTIFICATE, "Web前端开发", "中级"]])
    write_sheet(org + "/考试科目/考试科目.xlsx", "xlsxwriter", "考试科目",
                ["科目代码*", "科目名称*", "证书代码*", "考试方式*", "考试时长（分钟）*", "满分*",
                 "及格分*", "权重（%）*", "收费标准（元）*", "参考对象"],
                [[code, "科目" + code, CERTIFICATE, "机考", "90", "100", "60", "50", "200", ""]
                 for code in SUBJECTS])
    write_sheet(org + "/考试计划/考试计划.xlsx", "xlsxwriter", "考试计划",
                ["考试计划代码*", "考试计划名称*", "证书代码*", "报考开始时间*", "报考结束时间*"],
                [[PLAN, "2026年考核", CERTIFICATE, "2026-01-01 00:00:00", "2027-12-31 23:59:59"]])
    for s in schools:
        rows = [[SURNAMES[i % len(SURNAMES)] + GIVEN[i % len(GIVEN)], "", "", resident_id(i), "136%08d" % i, "计算机应用技术", "高职专科",
                 "2024"] for i in range(SEED)]
        source = os.path.join(staging, "seed-%s.xlsx" % s)
        write_sheet(source, "xlsxwriter", "院校考生导入", SCHOOL_HEADER, rows)
        shutil.move(source, os.path.join(root, "inbox", s, "院校考生导入", "种子.xlsx"))
    run(args.kaowu, ["run-once"], root, env)
    reports = scan_reports(root)
    statuses = collections.Counter(r["status"] for r in reports.values())
    if statuses != {"applied": len(schools) + 3}:
        sys.exit("准备阶段的文件没有全部导入：%s" % dict(statuses))
    return set(reports)


# MARK: Dropping, sampling, waiting

def drop_fast(source, folder, name):
    temp = os.path.join(folder, ".~load-%s.tmp" % name)
    shutil.copyfile(source, temp)
    os.rename(temp, os.path.join(folder, name))


def drop_slow(source, folder, name, chunks=10, gap=0.25):
    """Written in place in `chunks` pieces, `gap` seconds apart (under the 500 ms settle)."""
    with open(source, "rb") as f:
        data = f.read()
    step = -(-len(data) // chunks)
    with open(os.path.join(folder, name), "wb") as out:
        for i in range(0, len(data), step):
            if i:
                time.sleep(gap)
            out.write(data[i:i + step])
            out.flush()


class RSSSampler(threading.Thread):
    """Reads the daemon's VmRSS (KiB) every `interval` seconds until stopped."""

    def __init__(self, pid, interval=0.5):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.samples = []
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.is_set():
            try:
                with open("/proc/%d/status" % self.pid) as f:
                    for line in f:
                        if line.startswith("VmRSS:"):
                            self.samples.append((time.time(), int(line.split()[1])))
            except OSError:
                return
            self.stopped.wait(self.interval)


def scan_reports(root):
    """(institution, kind folder, file) -> [(json path, decoded report), ...] for every report."""
    found = {}
    outbox = os.path.join(root, "outbox")
    for institution in os.listdir(outbox):
        for folder in os.listdir(os.path.join(outbox, institution)):
            path = os.path.join(outbox, institution, folder)
            for entry in os.scandir(path):
                if entry.name.endswith(".json") and not entry.name.startswith("."):
                    found[entry.path] = None
    reports = {}
    for path in found:
        with open(path, encoding="utf-8") as f:
            reports[path] = json.load(f)
    return reports


def new_reports(folders, before):
    """How many JSON reports the folders hold that were not there before the load."""
    return sum(1 for path in folders for e in os.scandir(path)
               if e.name.endswith(".json") and e.path not in before)


# MARK: The run

def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kaowu", required=True)
    parser.add_argument("--schemas", required=True)
    parser.add_argument("--short", action="store_true", help="20 schools, 100 files")
    parser.add_argument("--build", default="release", help="how --kaowu was built (for the record)")
    parser.add_argument("--schools", type=int)
    parser.add_argument("--files", type=int)
    parser.add_argument("--window", type=float, help="seconds over which the files are dropped")
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--max-rss-mb", type=float, default=512)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", default="/tmp/kaowu-load")
    parser.add_argument("--out", help="the results file to write (Markdown)")
    parser.add_argument("--label", default="", help="a note for the results")
    args = parser.parse_args()
    school_count = args.schools or (20 if args.short else 200)
    file_count = args.files or (100 if args.short else 2000)
    window = args.window or (20.0 if args.short else 55.0)

    env = dict(os.environ, KAOWU_SCHEMAS=args.schemas)
    env.pop("KAOWU_NOW", None)
    shutil.rmtree(args.work, ignore_errors=True)
    root, files, staging = (os.path.join(args.work, d) for d in ("root", "files", "staging"))
    for d in (files, staging):
        os.makedirs(d)
    schools = ["S%03d" % (i + 1) for i in range(school_count)]

    started = time.time()
    before = setup(args, root, schools, env, staging)
    print("准备：%d 所院校、1 个评价组织、%d 个种子考生/校，用时 %.1f s"
          % (school_count, SEED, time.time() - started), flush=True)

    started = time.time()
    gen = Generator(args.seed, schools, file_count, files)
    drops = []
    while len(drops) < file_count:
        made = gen.make(len(drops) + 1)
        if made:
            drops.append(made)
    rng = gen.rng
    for d in drops:
        d["at"] = rng.uniform(0, window)
    # Twins: 3% dropped again under Windows' copy name, 1-10 s later; 5% copied in slowly.
    for original in rng.sample(drops[:], max(2, file_count * 3 // 100)):
        stem, ext = os.path.splitext(original["name"])
        twin = dict(original, name=stem + " - 副本" + ext, twinOf=original["index"],
                    index=len(drops) + 1, at=min(window, original["at"] + rng.uniform(1, 10)))
        drops.append(twin)
    for d in rng.sample(drops, max(2, len(drops) * 5 // 100)):
        d["slow"] = True
    rows_total = sum(d["rows"] for d in drops)
    print("生成：%d 个投放（%d 行/张），用时 %.1f s" % (len(drops), rows_total, time.time() - started),
          flush=True)

    log_path = os.path.join(args.work, "serve.log")
    with open(log_path, "wb") as log:
        daemon = subprocess.Popen([args.kaowu, "serve", "--root", root], env=env,
                                  stdout=log, stderr=subprocess.STDOUT)
    sampler = RSSSampler(daemon.pid)
    sampler.start()
    time.sleep(2)   # the start-up export rewrites; the drop window starts after them

    t0 = time.time()

    def drop(d):
        delay = t0 + d["at"] - time.time()
        if delay > 0:
            time.sleep(delay)
        folder = os.path.join(root, "inbox", d["school"], d["kind"])
        (drop_slow if d["slow"] else drop_fast)(d["source"], folder, d["name"])
        d["dropped"] = time.time()

    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        for future in [pool.submit(drop, d) for d in sorted(drops, key=lambda d: d["at"])]:
            future.result()
    last_drop = max(d["dropped"] for d in drops)
    print("投放：%d 个文件用时 %.1f s" % (len(drops), last_drop - t0), flush=True)

    folders = sorted({os.path.join(root, "outbox", d["school"], d["kind"]) for d in drops})
    deadline = time.time() + args.timeout
    while new_reports(folders, before) < len(drops):
        if daemon.poll() is not None or time.time() > deadline:
            break
        time.sleep(0.2)
    drained = time.time()
    time.sleep(1)   # anything beyond one report per drop would show up now
    sampler.stopped.set()
    sampler.join()
    failures = check(root, drops, before, daemon)
    ok_running = daemon.poll() is None
    stop_started = time.time()
    daemon.send_signal(signal.SIGTERM)
    try:
        status = daemon.wait(timeout=30)
    except subprocess.TimeoutExpired:
        daemon.kill()
        status = None
    stop_seconds = time.time() - stop_started
    if not ok_running:
        failures.append("守护进程在负载中退出了")
    if status != 0:
        failures.append("SIGTERM 后守护进程退出状态为 %s" % status)

    peak = max(kib for _, kib in sampler.samples) / 1024
    if peak > args.max_rss_mb:
        failures.append("峰值 RSS %.0f MiB 超过上限 %.0f MiB" % (peak, args.max_rss_mb))
    figures = summarize(drops, root, t0, last_drop, drained, sampler.samples, stop_seconds)
    print(figures["text"], flush=True)
    with open(log_path, encoding="utf-8", errors="replace") as f:
        failed_lines = [line for line in f if "job failed" in line]
    if failed_lines:
        print("日志中有 %d 行 job failed（已重试）：\n%s" % (len(failed_lines),
                                                     "".join(failed_lines[:5])))
    if args.out:
        write_results(args, figures, failures, school_count, len(drops), rows_total)
    for failure in failures[:50]:
        print("不符：" + failure)
    if failures:
        print("共 %d 处不符（日志：%s）" % (len(failures), log_path))
        sys.exit(1)
    print("全部检查通过")


def check(root, drops, before, daemon):
    """Every mismatch between what was dropped and what the daemon did, as a sentence."""
    failures = []
    reports = {p: r for p, r in scan_reports(root).items() if p not in before}
    by_key = collections.defaultdict(list)
    for path, report in reports.items():
        folder = os.path.basename(os.path.dirname(path))
        by_key[(report["institution"], folder, report["file"])].append((path, report))
    expected_keys = set()
    for d in drops:
        key = (d["school"], d["kind"], d["name"])
        expected_keys.add(key)
        found = by_key.get(key, [])
        if len(found) != 1:
            failures.append("%s 有 %d 份报告" % ("/".join(key), len(found)))
            continue
        path, report = found[0]
        d["report"] = report
        d["reported"] = os.stat(path).st_mtime
    for key in set(by_key) - expected_keys:
        failures.append("多出的报告：%s" % "/".join(key))

    # Expected outcomes: a good file is applied once; its twin is the duplicate of whichever of
    # the two was applied; a bad file (and its twin) is rejected.
    groups = collections.defaultdict(list)
    for d in drops:
        groups[d["twinOf"] or d["index"]].append(d)
    for group in groups.values():
        if any("report" not in d for d in group):
            continue
        statuses = sorted(d["report"]["status"] for d in group)
        want = ["rejected"] * len(group) if group[0]["bad"] else (
            ["applied", "duplicate"] if len(group) == 2 else ["applied"])
        if statuses != want:
            failures.append("%s：结果 %s，应为 %s" % (group[0]["name"], statuses, want))
            continue
        applied = [d for d in group if d["report"]["status"] == "applied"]
        for d in group:
            report = d["report"]
            if report["status"] == "duplicate" and report.get("duplicateOf") != applied[0][
                    "report"]["job"]:
                failures.append("%s：duplicateOf %s，应为 %s" % (
                    d["name"], report.get("duplicateOf"), applied[0]["report"]["job"]))
            if report["status"] == "applied" and report["rows"]["applied"] != d["rows"]:
                failures.append("%s：导入 %d 行，应为 %d 行" % (
                    d["name"], report["rows"]["applied"], d["rows"]))
            if report["status"] == "rejected" and not report["errors"]:
                failures.append("%s：被拒绝却没有错误" % d["name"])

    for area in ("inbox", "data/work"):
        left = [os.path.join(dp, f) for dp, _, fs in os.walk(os.path.join(root, area))
                for f in fs]
        if left:
            failures.append("%s 里还有 %d 个文件，如 %s" % (area, len(left), left[:3]))

    db = sqlite3.connect("file:%s?mode=ro" % os.path.join(root, "data", "kaowu.sqlite"),
                         uri=True, timeout=30)
    schools = sorted({d["school"] for d in drops} | {
        r[0] for r in db.execute("SELECT code FROM institution WHERE role = 'school'")})
    setup_jobs = len(schools) + 3
    jobs = db.execute("SELECT count(*), sum(stage = 'archived') FROM job").fetchone()
    if jobs != (setup_jobs + len(drops), setup_jobs + len(drops)):
        failures.append("账本有 %d 个作业（%d 个已归档），应为 %d" % (
            jobs[0], jobs[1] or 0, setup_jobs + len(drops)))
    applied = [d for d in drops if d.get("report", {}).get("status") == "applied"]
    for school in schools:
        mine = [d for d in applied if d["school"] == school]
        want = SEED + sum(d["rows"] for d in mine if d["kind"] in ("院校考生导入", "社会考生导入"))
        got = db.execute("SELECT count(*) FROM candidate WHERE school = ?", (school,)).fetchone()[0]
        if got != want:
            failures.append("%s 有 %d 个考生，应为 %d" % (school, got, want))
        want = len(SUBJECTS) * sum(d["registered"] for d in mine)
        got = db.execute("SELECT count(*) FROM registration WHERE school = ?",
                         (school,)).fetchone()[0]
        if got != want:
            failures.append("%s 有 %d 条报考，应为 %d" % (school, got, want))
        want = len({i for d in mine for i in d["photoIds"]})
        got = db.execute("SELECT count(*) FROM candidate_photo p JOIN candidate c ON "
                         "c.id = p.candidate WHERE c.school = ?", (school,)).fetchone()[0]
        if got != want:
            failures.append("%s 有 %d 张照片，应为 %d" % (school, got, want))
    db.close()
    return failures


def summarize(drops, root, t0, last_drop, drained, samples, stop_seconds):
    latencies = sorted(d["reported"] - d["dropped"] for d in drops if "reported" in d)
    outcomes = collections.Counter(d.get("report", {}).get("status", "（无报告）") for d in drops)
    kinds = collections.Counter(d["kind"] for d in drops)
    last_report = max((d["reported"] for d in drops if "reported" in d), default=drained)
    peak = max(kib for _, kib in samples) / 1024
    end = samples[-1][1] / 1024
    figures = {
        "drops": len(drops), "rows": sum(d["rows"] for d in drops),
        "slow": sum(d["slow"] for d in drops), "twins": sum(bool(d["twinOf"]) for d in drops),
        "bad": sum(d["bad"] for d in drops), "outcomes": dict(outcomes), "kinds": dict(kinds),
        "drop_seconds": last_drop - t0, "drain_seconds": last_report - t0,
        "after_last_drop": last_report - last_drop,
        "median": statistics.median(latencies) if latencies else float("nan"),
        "p90": percentile(latencies, 90) if latencies else float("nan"),
        "p99": percentile(latencies, 99) if latencies else float("nan"),
        "max": latencies[-1] if latencies else float("nan"),
        "peak_rss": peak, "end_rss": end, "stop_seconds": stop_seconds,
    }
    figures["text"] = (
        "结果：%(outcomes)s\n"
        "投放 %(drops)d 个文件（%(rows)d 行/张；%(bad)d 个有错、%(twins)d 个重投、%(slow)d 个慢速写入）"
        "用时 %(drop_seconds).1f s；最后一份报告在开始后 %(drain_seconds).1f s"
        "（最后投放后 %(after_last_drop).1f s）\n"
        "投放到报告的延迟：中位数 %(median).2f s，p90 %(p90).2f s，p99 %(p99).2f s，"
        "最大 %(max).2f s\n"
        "守护进程 RSS：峰值 %(peak_rss).0f MiB，结束时 %(end_rss).0f MiB；SIGTERM 后 "
        "%(stop_seconds).2f s 退出" % figures)
    return figures


def write_results(args, figures, failures, school_count, drop_count, rows_total):
    def out(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
        except OSError:
            return "?"
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor())
    mem = next(int(line.split()[1]) for line in open("/proc/meminfo")
               if line.startswith("MemTotal"))
    commit = out(["git", "-C", os.path.dirname(os.path.abspath(__file__)), "rev-parse",
                  "--short", "HEAD"])
    f = figures
    lines = [
        "# Deadline-day load test",
        "",
        "Written by `Benchmarks/load/run.sh%s`; do not edit by hand." % (
            " --short" if args.short else ""),
        "",
        "- date: %s" % datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %z"),
        "- machine: %d × %s, %.1f GiB memory, %s; load average %s at the end (shared machine)"
        % (os.cpu_count(), cpu, mem / 2 ** 20, platform.platform(),
           "%.2f" % os.getloadavg()[0]),
        "- kaowu: %s (%s), %s" % (commit, args.build, out([args.kaowu, "--version"]) or "?"),
        "- settings: kaowu.json defaults (settleMilliseconds 500, rescanSeconds 5)",
        "- workload: %d schools and 1 org; %d drops (%s) with %d rows and photos; %d bad, "
        "%d dropped twice, %d copied in slowly; seed %d%s"
        % (school_count, drop_count, ", ".join("%s %d" % kv for kv in f["kinds"].items()),
           rows_total, f["bad"], f["twins"], f["slow"], args.seed,
           "; " + args.label if args.label else ""),
        "",
        "| figure | value |",
        "|---|---:|",
        "| files dropped | %d in %.1f s |" % (f["drops"], f["drop_seconds"]),
        "| outcomes | %s |" % ", ".join("%s %d" % kv for kv in sorted(f["outcomes"].items())),
        "| last report after the first drop | %.1f s |" % f["drain_seconds"],
        "| last report after the last drop | %.1f s |" % f["after_last_drop"],
        "| drop-to-report latency, median | %.2f s |" % f["median"],
        "| drop-to-report latency, p90 | %.2f s |" % f["p90"],
        "| drop-to-report latency, p99 | %.2f s |" % f["p99"],
        "| drop-to-report latency, max | %.2f s |" % f["max"],
        "| daemon peak RSS (VmRSS every 0.5 s) | %.0f MiB |" % f["peak_rss"],
        "| daemon RSS after the drain | %.0f MiB |" % f["end_rss"],
        "| SIGTERM to exit after the drain | %.2f s |" % f["stop_seconds"],
        "| checks | %s |" % ("all passed" if not failures else "%d FAILED" % len(failures)),
        "",
        "Latency runs from the rename into the inbox (or the last chunk of a slow copy) to the "
        "JSON report's mtime, so it includes the 500 ms settle and the time a file waits behind "
        "the others.",
        "",
    ]
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))


if __name__ == "__main__":
    main()
