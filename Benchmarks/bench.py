#!/usr/bin/env python3
"""Runs the benchmark suite and writes its results (called by run.sh; see README.md).

Every figure is a whole process: wall time measured around the process, peak RSS from
`/usr/bin/time -f %M`. Each workload is one function in WORKLOADS that returns a section of the
results file and the targets it decides; adding a kind's benchmark is one more such function.
"""

import argparse
import csv
import datetime
import importlib.metadata
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
PEERS = os.path.join(BENCH, "peers")
SCHOOL = "S001"
KIND_FOLDER = "院校考生导入"
KIND = "school-candidates"
PHOTO_FOLDER = "考生照片导入"
EXPORT_FILE = os.path.join("考生信息", "考生信息.xlsx")
SIZES = {"1k": 1_000, "2k": 2_000, "10k": 10_000, "50k": 50_000, "100k": 100_000,
         "1M": 1_000_000}


# MARK: - Measuring


class Measured:
    """Medians of several runs of one system on one input."""

    def __init__(self, label, seconds, rss_kib):
        self.label = label
        self.seconds = seconds
        self.rss_kib = rss_kib

    @property
    def median(self):
        return statistics.median(self.seconds)

    @property
    def peak_mib(self):
        return max(self.rss_kib) / 1024


def load():
    return os.getloadavg()[0]


class Bench:
    def __init__(self, args):
        self.args = args
        self.work = args.work
        self.kaowu = args.kaowu
        self.loads = []
        os.makedirs(self.work, exist_ok=True)

    def log(self, message):
        print("[bench %s] %s" % (time.strftime("%H:%M:%S"), message), flush=True)

    def timed(self, command, env=None):
        """Runs `command` once: (wall seconds, peak RSS KiB). Fails loudly if it fails."""
        rss_file = os.path.join(self.work, "rss.txt")
        start = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", rss_file] + command,
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            sys.exit("failed (%d): %s\n%s" % (done.returncode, " ".join(command),
                                              done.stderr.decode(errors="replace")[-2000:]))
        with open(rss_file) as f:
            return seconds, int(f.read().split()[-1])

    def measure(self, label, command, setup=None, runs=None):
        """`setup()` (untimed) before each of the runs, then `command` timed."""
        seconds, rss = [], []
        for _ in range(runs or self.args.runs):
            if setup:
                setup()
            self.loads.append(load())
            s, r = self.timed(command)
            seconds.append(s)
            rss.append(r)
        m = Measured(label, seconds, rss)
        self.log("%-40s median %8.3f s  peak %7.1f MiB" % (label, m.median, m.peak_mib))
        return m

    def python(self, *args):
        subprocess.run([sys.executable] + list(args), check=True, stdout=subprocess.DEVNULL)

    def fresh_root(self, name, settle_ms=0):
        """An initialised kaowu root with school S001; settling as given (untimed)."""
        root = os.path.join(self.work, name)
        shutil.rmtree(root, ignore_errors=True)
        subprocess.run([self.kaowu, "init", "--root", root], check=True,
                       stdout=subprocess.DEVNULL)
        config_path = os.path.join(root, "kaowu.json")
        with open(config_path) as f:
            config = json.load(f)
        config["settleMilliseconds"] = settle_ms
        with open(config_path, "w") as f:
            json.dump(config, f)
        subprocess.run([self.kaowu, "institution", "add", SCHOOL, "--name", "基准测试职业技术学院",
                        "--role", "school", "--root", root], check=True,
                       stdout=subprocess.DEVNULL)
        return root

    def generate(self, rows, name, bad_rate=0.02, seed=6, csv=False):
        path = os.path.join(self.work, name + ".xlsx")
        csv_path = os.path.join(self.work, name + ".csv")
        if not os.path.exists(path) or (csv and not os.path.exists(csv_path)):
            self.log("generating %s (%d rows)" % (name, rows))
            extra = ["--csv", csv_path] if csv else []
            self.python(os.path.join(BENCH, "generate.py"), "--rows", str(rows), "--out", path,
                        "--bad-rate", str(bad_rate), "--seed", str(seed), *extra)
        return path, csv_path

    def generate_photos(self, count, name, bad_rate=0.02, seed=7):
        """A roster of `count` candidates (no bad rows; with its CSV) and a ZIP of one photo
        each, `bad_rate` of them bad: (roster, csv, zip)."""
        roster = os.path.join(self.work, name + ".xlsx")
        csv_path = os.path.join(self.work, name + ".csv")
        archive = os.path.join(self.work, name + ".zip")
        if not all(os.path.exists(p) for p in (roster, csv_path, archive)):
            self.log("generating %s (%d photos)" % (name, count))
            self.python(os.path.join(BENCH, "generate.py"), "--rows", str(count), "--out", roster,
                        "--bad-rate", "0", "--seed", str(seed), "--csv", csv_path,
                        "--photos-zip", archive, "--photo-bad-rate", str(bad_rate))
        return roster, csv_path, archive

    def photo_floor(self):
        """floor_photos.c built into the work folder, or None when it cannot be built."""
        binary = os.path.join(self.work, "floor-photos")
        if not os.path.exists(binary):
            built = subprocess.run(
                ["cc", "-O2", "-o", binary, os.path.join(BENCH, "floor_photos.c"),
                 "-lturbojpeg", "-lz", "-lpthread"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if built.returncode != 0:
                return None
        return binary

    def imported_root(self, name, roster):
        """A fresh root whose school has imported `roster` (untimed), the import archived."""
        root = self.fresh_root(name)
        shutil.copyfile(roster, os.path.join(root, "inbox", SCHOOL, KIND_FOLDER, "roster.xlsx"))
        subprocess.run([self.kaowu, "run-once", "--root", root], check=True,
                       stdout=subprocess.DEVNULL)
        return root


# MARK: - Formatting


def seconds_text(s):
    return "%.3f" % s if s < 10 else "%.1f" % s


def table(measured, baseline):
    lines = ["| system | median s | runs | × kaowu time | peak RSS MiB |",
             "|---|---:|---:|---:|---:|"]
    for m in measured:
        lines.append("| %s | %s | %d | %.2f | %.0f |" % (
            m.label, seconds_text(m.median), len(m.seconds), m.median / baseline.median,
            m.peak_mib))
    return lines


class Target:
    def __init__(self, work, goal, measured_text, met):
        self.work, self.goal, self.measured_text, self.met = work, goal, measured_text, met

    def row(self):
        verdict = {True: "met", False: "**missed**", None: "TODO"}[self.met]
        return "| %s | %s | %s | %s |" % (self.work, self.goal, self.measured_text, verdict)


# MARK: - Workloads


def roster_import(bench, rows, label):
    """School roster import: kaowu (2%-bad file rolled back, 0%-bad file committed) against the
    peers and the floor on the same 2%-bad file."""
    roster, roster_csv = bench.generate(rows, "roster-%s" % label, csv=True)
    clean, _ = bench.generate(rows, "roster-%s-clean" % label, bad_rate=0)
    root = os.path.join(bench.work, "root-import")
    inbox_file = os.path.join(root, "inbox", SCHOOL, KIND_FOLDER, "roster.xlsx")

    def drop(source):
        def setup():
            bench.fresh_root("root-import")
            shutil.copyfile(source, inbox_file)
        return setup

    kaowu_cmd = [bench.kaowu, "run-once", "--root", root]
    kaowu = bench.measure("kaowu run-once (2% bad: rejected)", kaowu_cmd, drop(roster))
    committed = bench.measure("kaowu run-once (0% bad: committed)", kaowu_cmd, drop(clean))
    db = os.path.join(bench.work, "peer.sqlite")
    report = os.path.join(bench.work, "peer-report.xlsx")

    def reset():
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)

    measured = [kaowu, committed]
    peers = [("calamine", "python-calamine + sqlite3 + XlsxWriter"),
             ("openpyxl", "openpyxl read-only + sqlite3 + XlsxWriter"),
             ("pandas", "pandas.read_excel + sqlite3 + XlsxWriter")]
    skipped = []
    by_name = {}
    for name, title in peers:
        if rows > bench.args.slow_peer_limit and name != "calamine":
            skipped.append(title)
            continue
        script = os.path.join(PEERS, name + "_peer.py")
        by_name[name] = bench.measure(
            title, [sys.executable, script, roster, "--db", db, "--report", report], reset)
        measured.append(by_name[name])
    floor = bench.measure(
        "floor: unzip -p + sqlite3 .import",
        ["bash", os.path.join(BENCH, "floor.sh"), roster, roster_csv, db], reset)
    measured.append(floor)
    lines = ["### Roster import, %s rows (%s)" % ("{:,}".format(rows), label), ""]
    lines += table(measured, kaowu)
    if skipped:
        lines += ["", "Not run at this size (minutes per run; set `--slow-peer-limit` to include): "
                  + "; ".join(skipped) + "."]
    return lines, {"kaowu": kaowu, "floor": floor, **by_name}


def import_targets(results):
    targets = []
    r = results.get("100k")
    if r:
        kaowu = r["kaowu"].median
        calamine, openpyxl, floor = (r[k].median for k in ("calamine", "openpyxl", "floor"))
        targets.append(Target(
            "100k-row roster import", "≥3× faster than calamine peer",
            "%.2f×" % (calamine / kaowu), calamine / kaowu >= 3))
        targets.append(Target(
            "100k-row roster import", "≥10× faster than openpyxl peer",
            "%.2f×" % (openpyxl / kaowu), openpyxl / kaowu >= 10))
        targets.append(Target(
            "100k-row roster import", "within 1.5× of the floor",
            "%.2f× the floor" % (kaowu / floor), kaowu / floor <= 1.5))
    r = results.get("1M")
    if r:
        kaowu, calamine = r["kaowu"], r["calamine"]
        targets.append(Target(
            "1M-row roster import", "≥3× faster than calamine peer",
            "%.2f×" % (calamine.median / kaowu.median), calamine.median / kaowu.median >= 3))
        targets.append(Target(
            "1M-row roster import", "peak RSS ≤ 1/5 of calamine peer's",
            "%.0f MiB vs %.0f MiB (1/%.1f)" % (kaowu.peak_mib, calamine.peak_mib,
                                               calamine.peak_mib / kaowu.peak_mib),
            kaowu.peak_mib * 5 <= calamine.peak_mib))
        small = results["10k"]["kaowu"]
        targets.append(Target(
            "1M-row roster import", "peak RSS ≤ 2× kaowu's own at 10k",
            "%.0f MiB vs %.0f MiB at 10k" % (kaowu.peak_mib, small.peak_mib),
            kaowu.peak_mib <= 2 * small.peak_mib))
    return targets


def photo_zip(bench, count, label):
    """Photo ZIP import: kaowu (2%-bad ZIP rolled back, clean ZIP committed) on a root whose
    candidates were imported first (untimed), against the Pillow peers and the floor on the
    same 2%-bad ZIP."""
    roster, roster_csv, archive = bench.generate_photos(count, "photos-%s" % label)
    _, _, clean = bench.generate_photos(count, "photos-%s-clean" % label, bad_rate=0)
    template = bench.imported_root("root-photos-template", roster)
    root = os.path.join(bench.work, "root-photos")

    def drop(source):
        def setup():
            shutil.rmtree(root, ignore_errors=True)
            shutil.copytree(template, root, symlinks=True)
            shutil.copyfile(source, os.path.join(root, "inbox", SCHOOL, PHOTO_FOLDER, "photos.zip"))
        return setup

    kaowu_cmd = [bench.kaowu, "run-once", "--root", root]
    kaowu = bench.measure("kaowu run-once (2% bad: rejected)", kaowu_cmd, drop(archive))
    committed = bench.measure("kaowu run-once (0% bad: committed)", kaowu_cmd, drop(clean))

    # The peers' database: the same candidates, made once (untimed), copied before each run.
    candidates = os.path.join(bench.work, "photo-candidates-%s.sqlite" % label)
    if os.path.exists(candidates):
        os.remove(candidates)
    db = sqlite3.connect(candidates)
    db.execute("CREATE TABLE candidate (id INTEGER PRIMARY KEY, documentNumber TEXT, name TEXT)")
    db.execute("CREATE INDEX candidate_number ON candidate (documentNumber)")
    with open(roster_csv, encoding="utf-8") as f, db:
        db.executemany("INSERT INTO candidate (documentNumber, name) VALUES (?, ?)",
                       ((row[3], row[0]) for row in csv.reader(f)))
    db.close()
    peer_db = os.path.join(bench.work, "photo-peer.sqlite")
    report = os.path.join(bench.work, "photo-peer-report.xlsx")

    def reset():
        for suffix in ("-wal", "-shm"):
            if os.path.exists(peer_db + suffix):
                os.remove(peer_db + suffix)
        shutil.copyfile(candidates, peer_db)

    script = os.path.join(PEERS, "photo_peer.py")
    full = bench.measure("Pillow full decode + sqlite3 + XlsxWriter",
                         [sys.executable, script, archive, "--db", peer_db, "--report", report,
                          "--decode", "full"], reset)
    draft = bench.measure("Pillow draft (1/8) decode + sqlite3 + XlsxWriter",
                          [sys.executable, script, archive, "--db", peer_db, "--report", report,
                           "--decode", "draft"], reset)
    measured = [kaowu, committed, full, draft]
    floor_binary = bench.photo_floor()
    if floor_binary:
        measured.append(bench.measure(
            "floor: zlib inflate + libjpeg-turbo 1/8 decode, 2 threads", [floor_binary, archive]))
    lines = ["### Photo ZIP, %s photos (%s)" % ("{:,}".format(count), label), ""]
    lines += table(measured, kaowu)
    if not floor_binary:
        lines += ["", "No floor: `cc`, or the headers of libjpeg-turbo (libturbojpeg0-dev) or zlib, "
                  "missing."]
    return lines, {"kaowu": kaowu, "full": full, "draft": draft}


def photo_targets(results):
    r = results.get("10k")
    if not r:
        return []
    ratio = r["draft"].median / r["kaowu"].median
    return [Target("10k-photo ZIP", "≥5× faster than Pillow draft-decode peer",
                   "%.2f×" % ratio, ratio >= 5)]


def candidate_export(bench, count, label):
    """The candidate export rewritten as a whole process (`kaowu export` on a root whose school
    imported `count` candidates, untimed) against a Python XlsxWriter script writing the same
    workbook from the same database."""
    roster, _ = bench.generate(count, "export-%s" % label, bad_rate=0, seed=8)
    root = bench.imported_root("root-export", roster)
    kaowu = bench.measure("kaowu export (rewrites 考生信息.xlsx)",
                          [bench.kaowu, "export", "--root", root])
    out = os.path.join(bench.work, "peer-export.xlsx")
    peer = bench.measure(
        "Python XlsxWriter script, same workbook",
        [sys.executable, os.path.join(PEERS, "export_peer.py"),
         os.path.join(root, "data", "kaowu.sqlite"), "--school", SCHOOL, "--out", out])
    for path in (os.path.join(root, "outbox", SCHOOL, EXPORT_FILE), out):
        if not os.path.exists(path):
            sys.exit("no export written: " + path)
    lines = ["### Candidate export rewrite, %s candidates (%s)" % ("{:,}".format(count), label),
             ""]
    lines += table([kaowu, peer], kaowu)
    ratio = peer.median / kaowu.median
    target = Target("%s-candidate export rewrite" % label,
                    "≥4× faster than a Python XlsxWriter script", "%.2f×" % ratio, ratio >= 4)
    return lines, [target] if label == "50k" else []


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def drop_to_report(bench, drops, settle_ms):
    """Starts `kaowu serve` and drops distinct 100-row files one at a time (renamed into the
    inbox, as a copy that settles at once); seconds from the rename to the report's JSON twin
    (written last) appearing, polled every 5 ms."""
    root = bench.fresh_root("root-serve-%d" % settle_ms, settle_ms)
    inbox = os.path.join(root, "inbox", SCHOOL, KIND_FOLDER)
    outbox = os.path.join(root, "outbox", SCHOOL, KIND_FOLDER)
    staging = os.path.join(root, "staging")
    os.makedirs(staging)
    files = [bench.generate(100, "latency-%d" % i, bad_rate=0, seed=1000 + i)[0]
             for i in range(drops)]
    daemon = subprocess.Popen([bench.kaowu, "serve", "--root", root],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    latencies = []
    try:
        time.sleep(1.0)  # the watcher is up; not part of any measurement
        for i, source in enumerate(files):
            staged = os.path.join(staging, "drop-%d.xlsx" % i)
            shutil.copyfile(source, staged)
            before = set(os.listdir(outbox))
            bench.loads.append(load())
            start = time.perf_counter()
            os.rename(staged, os.path.join(inbox, "drop-%d.xlsx" % i))
            deadline = start + 30
            while True:
                new = [n for n in set(os.listdir(outbox)) - before
                       if n.startswith("drop-%d." % i) and n.endswith(".json")]
                if new:
                    latencies.append(time.perf_counter() - start)
                    break
                if time.perf_counter() > deadline:
                    sys.exit("no report for drop %d within 30 s" % i)
                time.sleep(0.005)
            time.sleep(0.2)  # let the daemon archive before the next drop
    finally:
        daemon.terminate()
        daemon.wait(timeout=30)
    bench.log("serve (settle %d ms): median %.3f s  p99 %.3f s" % (
        settle_ms, statistics.median(latencies), percentile(latencies, 99)))
    return latencies, files, root


def latency(bench):
    drops = bench.args.drops
    fast, files, root = drop_to_report(bench, drops, 0)
    default, _, _ = drop_to_report(bench, drops, 500)
    out = os.path.join(bench.work, "check-out")
    os.makedirs(out, exist_ok=True)
    checks = []
    for source in files:
        bench.loads.append(load())
        s, _ = bench.timed([bench.kaowu, "check", source, "--kind", KIND, "--institution", SCHOOL,
                            "--out", out, "--root", root])
        checks.append(s)
    bench.log("kaowu check: median %.3f s  p99 %.3f s" % (
        statistics.median(checks), percentile(checks, 99)))
    lines = ["### Drop-to-report latency, 100-row file, %d drops" % drops, "",
             "| measured | median s | p99 s | × kaowu check |", "|---|---:|---:|---:|"]
    check_median = statistics.median(checks)
    for title, values in [
            ("kaowu serve, settleMilliseconds 0: rename into inbox → report", fast),
            ("kaowu serve, settleMilliseconds 500 (default) → report", default),
            ("kaowu check on the same files (whole process)", checks)]:
        lines.append("| %s | %.3f | %.3f | %.2f |" % (
            title, statistics.median(values), percentile(values, 99),
            statistics.median(values) / check_median))
    ratio = statistics.median(fast) / check_median
    target = Target("drop-to-report latency, 100 rows",
                    "daemon ≤ 1.5× `kaowu check` (settle 0)", "%.2f×" % ratio, ratio <= 1.5)
    return lines, [target]


# MARK: - Results file


def versions(bench):
    def version(package):
        try:
            return importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"
    import sqlite3
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True)
    sqlite_cli = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True)
    commit = bench.args.commit or subprocess.run(
        ["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True,
        text=True).stdout.strip()
    dirty = not bench.args.commit and subprocess.run(
        ["git", "-C", REPO, "status", "--porcelain", "Sources"], capture_output=True,
        text=True).stdout.strip()
    return [
        ("kaowu", "%s%s (%s)" % (commit, " + uncommitted changes" if dirty else "",
                                 bench.args.build)),
        ("swift", (swift.stdout or swift.stderr).splitlines()[0]),
        ("python", platform.python_version()),
        ("openpyxl", version("openpyxl")),
        ("python-calamine", version("python-calamine")),
        ("pandas", version("pandas")),
        ("xlsxwriter", version("XlsxWriter")),
        ("pillow", version("pillow")),
        ("numpy", version("numpy")),
        ("libjpeg-turbo (floor)", turbojpeg_version()),
        ("sqlite3 (CLI)", sqlite_cli.stdout.split()[0] if sqlite_cli.stdout else "?"),
        ("sqlite3 (Python module)", sqlite3.sqlite_version),
        ("unzip", subprocess.run(["unzip", "-v"], capture_output=True, text=True)
         .stdout.splitlines()[0]),
    ]


def turbojpeg_version():
    """The libjpeg-turbo the photo floor links, by its package (Debian)."""
    done = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "libturbojpeg0"],
                          capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else "?"


def machine():
    with open("/proc/cpuinfo") as f:
        models = re.findall(r"model name\s*:\s*(.*)", f.read())
    with open("/proc/meminfo") as f:
        total = int(re.search(r"MemTotal:\s*(\d+)", f.read()).group(1))
    return "%d × %s, %.1f GiB memory, %s" % (
        os.cpu_count(), models[0] if models else platform.processor(), total / 2**20,
        platform.platform())


def history_of(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        text = f.read()
    marker = "\n## History\n"
    return text.split(marker, 1)[1].strip("\n").splitlines() if marker in text else []


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kaowu", required=True, help="the kaowu binary to measure")
    parser.add_argument("--build", default="release", help="how it was built (for the record)")
    parser.add_argument("--commit", help="the sources --kaowu was built from (default: HEAD)")
    parser.add_argument("--short", action="store_true", help="10k rows, one run, few drops")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--drops", type=int, default=30)
    parser.add_argument("--sizes", default="10k,100k,1M")
    parser.add_argument("--photo-sizes", default="1k,10k", help="photo ZIPs to import")
    parser.add_argument("--export-size", default="50k",
                        help="candidates in the export rewrite (empty: none)")
    parser.add_argument("--slow-peer-limit", type=int, default=100_000,
                        help="above this many rows only the calamine peer runs")
    parser.add_argument("--work", default=os.environ.get("KAOWU_BENCH_WORK", "/tmp/kaowu-bench"))
    parser.add_argument("--out", default=os.path.join(BENCH, "RESULTS.md"))
    parser.add_argument("--label", default="", help="a note for the History entry")
    args = parser.parse_args()
    if args.short:
        args.runs, args.drops, args.sizes = 1, 5, "10k"
        args.photo_sizes, args.export_size = "1k", "2k"
    # The schemas of this checkout, whichever binary is measured.
    os.environ.setdefault("KAOWU_SCHEMAS", os.path.join(REPO, "schemas"))
    bench = Bench(args)
    started = datetime.datetime.now().astimezone()
    components = versions(bench)  # before anything runs: the sources may change meanwhile
    load_before = os.getloadavg()

    sections, targets, imports = [], [], {}
    for label in filter(None, args.sizes.split(",")):
        lines, results = roster_import(bench, SIZES[label], label)
        sections.append(lines)
        imports[label] = results
    targets += import_targets(imports)
    if args.drops:
        lines, latency_targets = latency(bench)
        sections.append(lines)
        targets += latency_targets

    photos = {}
    for label in filter(None, args.photo_sizes.split(",")):
        lines, results = photo_zip(bench, SIZES[label], label)
        sections.append(lines)
        photos[label] = results
    targets += photo_targets(photos)
    if args.export_size:
        lines, export_targets = candidate_export(bench, SIZES[args.export_size], args.export_size)
        sections.append(lines)
        targets += export_targets

    finished = datetime.datetime.now().astimezone()
    load_after = os.getloadavg()
    target_lines = ["| work | target | measured | verdict |", "|---|---|---|---|"]
    target_lines += [t.row() for t in targets]
    out = [
        "# Benchmark results",
        "",
        "Written by `Benchmarks/run.sh%s`; do not edit by hand (see README.md)." % (
            " --short" if args.short else ""),
        "",
        "- date: %s → %s" % (started.strftime("%Y-%m-%d %H:%M %z"), finished.strftime("%H:%M")),
        "- machine: %s" % machine(),
        "- load average (1 min): %.2f at start, %.2f at end; while measuring median %.2f, "
        "max %.2f (other builds share this machine)" % (
            load_before[0], load_after[0], statistics.median(bench.loads), max(bench.loads)),
        "- runs per figure: %d (wall time: median; peak RSS: the largest of the runs)" % args.runs,
        "",
        "| component | version |",
        "|---|---|",
    ]
    out += ["| %s | %s |" % v for v in components]
    out += ["", "## Targets", ""] + target_lines + ["", "## Workloads", ""]
    for lines in sections:
        out += lines + [""]
    history = history_of(args.out)
    entry = ["### %s%s" % (started.strftime("%Y-%m-%d %H:%M"),
                           " — " + args.label if args.label else ""), "",
             "kaowu %s; load median %.2f" % (components[0][1],
                                             statistics.median(bench.loads)), ""]
    entry += target_lines + [""]
    for label, r in imports.items():
        entry.append("- %s rows: kaowu %s s, %.0f MiB; floor %s s; calamine %s s" % (
            label, seconds_text(r["kaowu"].median), r["kaowu"].peak_mib,
            seconds_text(r["floor"].median), seconds_text(r["calamine"].median)))
    for label, r in photos.items():
        entry.append("- %s photos: kaowu %s s, %.0f MiB; Pillow draft %s s; Pillow full %s s" % (
            label, seconds_text(r["kaowu"].median), r["kaowu"].peak_mib,
            seconds_text(r["draft"].median), seconds_text(r["full"].median)))
    out += ["## History", ""] + history + ([""] if history else []) + entry
    with open(args.out, "w") as f:
        f.write("\n".join(out).rstrip("\n") + "\n")
    bench.log("wrote " + args.out)


if __name__ == "__main__":
    main()
