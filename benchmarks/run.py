"""Run every benchmark of issue 9 and print one table of medians, ratios and targets.

    python -m benchmarks.run                 # the full suite (~9-10 minutes on 2 cores)
    python -m benchmarks.run --quick         # tiny sizes, 1 run each: a smoke run (~12 s)
    python -m benchmarks.run --only startup,memory --repeat 9

Machines here are noisy, so every figure is the median of several runs and every target
is a ratio against a baseline measured in the same run, interleaved with it (A, B, A, B...).
Whole-process figures are whole processes (``subprocess``), python start-up included on
both sides; the apps run in a pseudo-terminal and exit as soon as their first screen is
painted (``benchmarks/ready.py``). Peak memory is the child's ``ru_maxrss`` (``os.wait4``).

Targets are reported, not enforced: the exit status is 0 unless ``--strict`` is given
and a target fails (or a benchmark could not run at all).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import sqlite3
import statistics
import struct
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
BIN = Path(sys.executable).parent
READY = Path(__file__).resolve().with_name("ready.py")
SCHEMA = REPO / "schemas" / "bank.schema.json"
SECTIONS = (
    "validate",
    "startup",
    "imports",
    "writes",
    "stats",
    "memory",
    "judge",
    "cohort",
    "speech",
    "interchange",
    "study",
)
# Process-only sections first, while this process is small; in-process ones (SQLite, judge) last.
RUN_ORDER = (
    "imports",
    "startup",
    "memory",
    "validate",
    "interchange",
    "writes",
    "stats",
    "study",
    "judge",
    "cohort",
    "speech",
)


# --- running processes ------------------------------------------------------------------


@dataclass
class ProcessRun:
    wall: float  # seconds from spawn to exit
    rss_kib: int  # peak resident set size of the child (ru_maxrss, KiB on Linux)
    returncode: int
    ready: float | None = None  # seconds from spawn to the "ready" marker (apps only)
    marker: str = ""


def _wait(proc_pid: int, timeout: float) -> tuple[int, object]:
    """``os.wait4`` with a watchdog that kills a child that runs too long."""
    timer = threading.Timer(timeout, lambda: _kill(proc_pid))
    timer.start()
    try:
        _, status, usage = os.wait4(proc_pid, 0)
    finally:
        timer.cancel()
    return os.waitstatus_to_exitcode(status), usage


def _kill(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass


def run_plain(cmd: Sequence[str], env: dict[str, str], timeout: float = 600) -> ProcessRun:
    """One whole process, output discarded."""
    import subprocess

    start = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=REPO,
        start_new_session=True,
    )
    code, usage = _wait(proc.pid, timeout)
    wall = time.perf_counter() - start
    proc.returncode = code  # reaped by wait4 above
    return ProcessRun(wall, usage.ru_maxrss, code)


def run_in_pty(
    cmd: Sequence[str], env: dict[str, str], timeout: float = 300, size: tuple[int, int] = (30, 100)
) -> ProcessRun:
    """One app in a pseudo-terminal; time to its ready marker and to its exit."""
    import subprocess

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[0], size[1], 0, 0))
    ready_r, ready_w = os.pipe()
    output = bytearray()

    def drain() -> None:  # the child blocks if nobody reads its screen output
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            output.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**env, "BENCH_READY_FD": str(ready_w)},
        cwd=REPO,
        start_new_session=True,
        pass_fds=(ready_w,),
    )
    reader.start()
    os.close(slave)
    os.close(ready_w)
    ready_at, marker = None, b""
    deadline = start + timeout
    while time.perf_counter() < deadline:
        readable, _, _ = select.select([ready_r], [], [], max(0.0, deadline - time.perf_counter()))
        if not readable:
            break
        chunk = os.read(ready_r, 4096)
        if not chunk:
            break  # the child exited (or closed the pipe) without a marker
        if ready_at is None:
            ready_at = time.perf_counter() - start
        marker += chunk
        if marker.endswith(b"\n"):
            break
    code, usage = _wait(proc.pid, max(1.0, deadline - time.perf_counter()))
    wall = time.perf_counter() - start
    proc.returncode = code
    os.close(ready_r)
    reader.join(timeout=5)
    os.close(master)
    run = ProcessRun(wall, usage.ru_maxrss, code, ready_at, marker.decode(errors="replace").strip())
    if ready_at is None or code != 0:
        tail = re.sub(rb"\x1b\[[0-9;?<>=$]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]", b"", bytes(output))[-600:]
        raise RuntimeError(f"{' '.join(cmd)} exited {code} without reaching ready: {tail.decode(errors='replace')}")
    return run


def child_env(work: Path) -> dict[str, str]:
    """The children's environment: a temporary home and data dir, a plain xterm."""
    # PYTHONDONTWRITEBYTECODE (set on some CI machines) would make every run compile the
    # trainer's modules from source, while Textual's come compiled from its wheel: an
    # installed trainer has its .pyc files too (pip compiles them), so the warm-up run writes them.
    dropped = ("COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL") and k not in dropped}
    home = work / "home"
    home.mkdir(exist_ok=True)
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        PAIN_TRAINER_DATA_DIR=str(work / "data"),
        TERM="xterm-256color",
        COLORTERM="truecolor",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])),
    )
    return env


def pain_trainer() -> list[str]:
    script = BIN / "pain-trainer"
    return [str(script)] if script.exists() else [PYTHON, "-m", "trainer"]


# --- figures and the table ------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (p99 of 300 samples is the 297th smallest)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


def seconds(value: float) -> str:
    return f"{value:.3f} s" if value < 10 else f"{value:.2f} s"


def millis(value: float) -> str:
    return f"{value * 1000:.2f} ms" if value < 0.01 else f"{value * 1000:.1f} ms"


def mib(kib: float) -> str:
    return f"{kib / 1024:.1f} MiB"


@dataclass
class Row:
    measurement: str
    value: str
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    result: str = ""  # PASS | FAIL | SKIP | "" (information only)


@dataclass
class Report:
    rows: list[tuple[str, Row]] = field(default_factory=list)  # (section title, row)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (section title, text)

    def add(self, section: str, row: Row) -> None:
        self.rows.append((section, row))
        print(
            f"  {row.measurement}: {row.value}" + (f"  [{row.ratio} {row.result}]" if row.result else ""),
            file=sys.stderr,
            flush=True,
        )

    def note(self, section: str, text: str) -> None:
        self.notes.append((section, text))

    @property
    def failed(self) -> list[Row]:
        return [row for _, row in self.rows if row.result == "FAIL"]

    def render(self) -> str:
        header = ("Measurement", "Median", "Baseline (same run)", "Ratio", "Target", "Result")
        lines: list[str] = []
        for section in sorted(dict.fromkeys(s for s, _ in self.rows + self.notes)):
            rows = [r for s, r in self.rows if s == section]
            lines += ["", f"## {section}", ""]
            if rows:
                cells = [header] + [(r.measurement, r.value, r.baseline, r.ratio, r.target, r.result) for r in rows]
                widths = [max(len(c[i]) for c in cells) for i in range(len(header))]

                def fmt(c: tuple[str, ...], widths: list[int] = widths) -> str:
                    return "| " + " | ".join(x.ljust(w) for x, w in zip(c, widths, strict=False)) + " |"

                lines.append(fmt(cells[0]))
                lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
                lines += [fmt(c) for c in cells[1:]]
            for s, text in self.notes:
                if s == section:
                    lines += ["", text]
        return "\n".join(lines).lstrip("\n")


def ratio_row(
    name: str, value: float, base: float, base_name: str, limit: float | None, show: Callable[[float], str] = seconds
) -> Row:
    ratio = value / base if base else float("inf")
    if limit is None:
        return Row(name, show(value), f"{show(base)} {base_name}", f"{ratio:.2f}x")
    return Row(
        name,
        show(value),
        f"{show(base)} {base_name}",
        f"{ratio:.2f}x",
        f"<= {limit:g}x",
        "PASS" if ratio <= limit else "FAIL",
    )


# --- 1. bank validation -------------------------------------------------------------------


@dataclass
class Config:
    quick: bool
    repeat: int
    repeat_large: int
    sizes: tuple[int, ...]
    target_size: int
    answers: int
    stats_answers: int
    work: Path
    env: dict[str, str]


def bank_file(cfg: Config, n: int, errors: bool = False) -> Path:
    """Generate a bank in a child process: this process stays small (see ``parent_rss_kib``)."""
    import subprocess

    path = cfg.work / f"bank-{n}{'-errors' if errors else ''}.yaml"
    if not path.exists():
        cmd = [PYTHON, "-m", "benchmarks.generate", str(n), str(path), *(["--errors"] if errors else [])]
        subprocess.run(cmd, env=cfg.env, cwd=REPO, check=True)
    return path


def parent_rss_kib() -> int:
    """This process's peak RSS. On Linux a child's ru_maxrss is never below its parent's RSS
    at the fork, so the memory figures are only true while this stays below them: the
    process-heavy sections run first and banks are generated in child processes."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# The parsers compared for issue 26 (docs/performance.md), each a whole process reading the same
# bank into Python objects. Only yaml-rs is a dependency; the others run when installed.
PARSERS = {
    "yaml-rs (chosen)": (
        "yaml_rs",
        "import sys, yaml_rs; yaml_rs.loads(open(sys.argv[1], encoding='utf-8').read(), parse_datetime=False)",
    ),
    "py-yaml12 (saphyr)": (
        "yaml12",
        "import sys, yaml12; yaml12.parse_yaml(open(sys.argv[1], encoding='utf-8').read())",
    ),
    "ryaml (serde_yaml)": ("ryaml", "import sys, ryaml; ryaml.loads(open(sys.argv[1], encoding='utf-8').read())"),
    "rapidyaml (tree only, no Python objects)": (
        "ryml",
        "import sys, ryml; ryml.parse_in_arena(open(sys.argv[1], 'rb').read())",
    ),
    "ruamel.yaml typ=safe (C)": (
        "ruamel.yaml",
        "import sys; from ruamel.yaml import YAML; "
        "YAML(typ='safe', pure=False).load(open(sys.argv[1], encoding='utf-8'))",
    ),
    "PyYAML CSafeLoader (before)": (
        "yaml",
        "import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8'), Loader=yaml.CSafeLoader)",
    ),
    "PyYAML CSafeLoader, gc off": (
        "yaml",
        "import gc, sys, yaml; gc.disable(); yaml.load(open(sys.argv[1], encoding='utf-8'), Loader=yaml.CSafeLoader)",
    ),
}
BARE_PARSE = PARSERS["yaml-rs (chosen)"][1]


def _installed(module: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def bench_validate(cfg: Config, report: Report) -> None:
    section = "1. Bank validation (whole processes)"
    bare_name = "bare yaml-rs parse" if _installed("yaml_rs") else "yaml CSafeLoader"
    bare = BARE_PARSE if _installed("yaml_rs") else PARSERS["PyYAML CSafeLoader (before)"][1]
    # What-if: the same command with the positioned (pure) path only, as without the yaml-rs wheel,
    # and checked whole on one core (as on one core, or on Windows, where there is no fork).
    pure = {**cfg.env, "PAIN_TRAINER_YAML": "pure"}
    whole = {**cfg.env, "PAIN_TRAINER_HALVES_FROM": str(1 << 40)}
    checker = shutil.which("check-jsonschema", path=os.pathsep.join([str(BIN), os.environ.get("PATH", "")]))
    growth: list[tuple[int, float, float, int]] = []
    for n in cfg.sizes:
        repeat = cfg.repeat if n <= cfg.target_size else cfg.repeat_large
        for errors in (False, True):
            path = bank_file(cfg, n, errors)
            commands = {
                "validate": ([*pain_trainer(), "validate", str(path)], cfg.env),
                "bare": ([PYTHON, "-c", bare, str(path)], cfg.env),
            }
            if not errors and n == cfg.target_size and not cfg.quick:
                commands["pure"] = ([*pain_trainer(), "validate", str(path)], pure)
                commands["whole"] = ([*pain_trainer(), "validate", str(path)], whole)
            if not cfg.quick and not errors and n <= cfg.target_size:
                for cmd, env in commands.values():  # warm the page cache, the .pyc files, the schema code
                    run_plain(cmd, env)
            runs: dict[str, list[ProcessRun]] = {k: [] for k in commands}
            for _ in range(repeat):
                for key, (cmd, env) in commands.items():
                    runs[key].append(run_plain(cmd, env))
            expected = 1 if errors else 0
            codes = {r.returncode for r in runs["validate"]}
            if codes != {expected}:
                raise RuntimeError(f"validate {path.name} exited {codes}, expected {expected}")
            t_validate = median([r.wall for r in runs["validate"]])
            t_bare = median([r.wall for r in runs["bare"]])
            kind = "1% errors" if errors else "valid"
            target = not errors and n == cfg.target_size
            row = ratio_row(
                f"validate {n:,} q, {kind} (n={repeat})", t_validate, t_bare, bare_name, 2.0 if target else None
            )
            if not target:
                row.target = "info"
            report.add(section, row)
            if target:
                report.add(
                    section,
                    Row(
                        f"  same, absolute (n={repeat})",
                        seconds(t_validate),
                        target="<= 1 s",
                        result="PASS" if t_validate <= 1.0 else "FAIL",
                    ),
                )
                rss, rss_bare = median([r.rss_kib for r in runs["validate"]]), median([r.rss_kib for r in runs["bare"]])
                report.add(section, ratio_row(f"  same, peak RSS (n={repeat})", rss, rss_bare, bare_name, 1.5, mib))
                both = _tree_pss_peak([*pain_trainer(), "validate", str(path)], cfg.env)
                if both is not None:
                    row = ratio_row(
                        "  same, both processes together (peak of their summed PSS, sampled)",
                        both,
                        rss_bare,
                        bare_name,
                        None,
                        mib,
                    )
                    row.target = "info"
                    report.add(section, row)
            for key, what in (("whole", "checked whole, one core"), ("pure", "pure fallback (PAIN_TRAINER_YAML=pure)")):
                if key in runs:
                    t = median([r.wall for r in runs[key]])
                    row = ratio_row(f"  what-if: same, {what} (n={repeat})", t, t_bare, bare_name, None)
                    row.target = "info"
                    report.add(section, row)
            if not errors:
                growth.append((n, t_validate, t_bare, median([r.rss_kib for r in runs["validate"]])))
        if checker and not cfg.quick and n <= cfg.target_size:
            path = bank_file(cfg, n)
            cj_repeat = repeat if n < cfg.target_size else 1  # ~65 s a run at 10,000 questions
            cmd = [checker, "--schemafile", str(SCHEMA), str(path)]
            times = [run_plain(cmd, cfg.env).wall for _ in range(cj_repeat)]
            t_cj = median(times)
            t_validate = next(g[1] for g in growth if g[0] == n)
            row = Row(
                f"validate vs check-jsonschema, {n:,} q valid (n={cj_repeat})",
                seconds(t_validate),
                f"{seconds(t_cj)} check-jsonschema",
                f"{t_validate / t_cj:.2f}x",
            )
            if n == cfg.target_size:
                row.target, row.result = "< 1x, with line:col", "PASS" if t_validate < t_cj else "FAIL"
            else:
                row.target = "info"
            report.add(section, row)
    bench_small_validate(cfg, report, section)
    bench_parsers(cfg, report)
    if not checker:
        report.add(section, Row("validate vs check-jsonschema", "not installed", target="< 1x", result="SKIP"))
    if growth:
        lines = [
            "Growth with size (valid banks; per 1,000 questions; 'marginal' = extra time per extra",
            "1,000 questions since the previous size, python start-up excluded):",
            "",
            f"| Questions | validate | per 1,000 q | marginal per 1,000 q | {bare_name} | marginal per 1,000 q | validate peak RSS |",
            "|---|---|---|---|---|---|---|",
        ]
        previous = None
        for n, t, b, rss in growth:
            if previous:
                pn, pt, pb = previous
                marg = f"{(t - pt) / ((n - pn) / 1000) * 1000:.0f} ms"
                marg_b = f"{(b - pb) / ((n - pn) / 1000) * 1000:.0f} ms"
            else:
                marg = marg_b = "—"
            lines.append(
                f"| {n:,} | {seconds(t)} | {t / (n / 1000) * 1000:.0f} ms | {marg} | {seconds(b)} | {marg_b} | {mib(rss)} |"
            )
            previous = (n, t, b)
        report.note(section, "\n".join(lines))


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            return next((int(line.split()[1]) for line in rollup if line.startswith("Pss:")), 0)
    except (OSError, ValueError):
        return 0


def _tree_pss_peak(cmd: Sequence[str], env: dict[str, str]) -> int | None:
    """The most memory ``cmd`` and its child processes held at once (KiB): their proportional set
    sizes (a page two processes share counts half in each) summed every few milliseconds. A whole
    tree's ``ru_maxrss`` is the largest process's peak, not their sum. None where /proc has no PSS."""
    import subprocess

    proc = subprocess.Popen(list(cmd), env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        try:
            with open(f"/proc/{proc.pid}/task/{proc.pid}/children", encoding="ascii") as listed:
                children = [int(pid) for pid in listed.read().split()]
        except (OSError, ValueError):
            children = []
        peak = max(peak, _pss_kib(proc.pid) + sum(map(_pss_kib, children)))
        time.sleep(0.002)  # the sampling interval, in the benchmark only
    return peak or None


def bench_small_validate(cfg: Config, report: Report, section: str) -> None:
    """A 300-question bank: validate should cost little more than starting the command at all.

    The command's start-up is ``validate`` of the smallest valid generated bank (12 questions):
    Python, the command line, the checker's imports and the app's own banks from the cache, with
    almost no bank work. ``--help`` is shown too, for the imports ``validate`` adds to it.
    """
    n, tiny = 30 if cfg.quick else 300, 12
    validate = [*pain_trainer(), "validate", str(bank_file(cfg, n))]
    start_up = [*pain_trainer(), "validate", str(bank_file(cfg, tiny))]
    help_only = [*pain_trainer(), "--help"]
    if not cfg.quick:
        for cmd in (validate, start_up, help_only):
            run_plain(cmd, cfg.env)
    repeat = cfg.repeat if cfg.quick else max(cfg.repeat, 7)
    t_validate, t_start, t_help = [], [], []
    for _ in range(repeat):
        t_validate.append(run_plain(validate, cfg.env).wall)
        t_start.append(run_plain(start_up, cfg.env).wall)
        t_help.append(run_plain(help_only, cfg.env).wall)
    label = f"validate {n:,} q, valid (n={repeat})"
    report.add(section, ratio_row(label, median(t_validate), median(t_start), f"validate {tiny} q", 2.0))
    row = ratio_row("  same", median(t_validate), median(t_help), "pain-trainer --help", None)
    row.target = "info"
    report.add(section, row)
    report.note(
        section,
        f"The {n}-question row is start-up bound when the ratio is <= 2x: the bank's own work "
        f"(parse, schema, checks, model, lints: {n} questions against {tiny}) is then less than "
        "starting Python and the command (interpreter, command line, the checker's imports, the "
        "app's banks from the cache). Against --help the ratio also counts the checker's imports.",
    )


def bench_parsers(cfg: Config, report: Report) -> None:
    """Candidate parsers on the target bank, each a whole process (issue 26)."""
    section = "1c. YAML parsers compared (whole process, the target bank into Python objects)"
    path = bank_file(cfg, cfg.target_size)
    repeat = cfg.repeat if cfg.quick else min(cfg.repeat, 3)
    base: ProcessRun | None = None
    for name, (module, code) in PARSERS.items():
        if not _installed(module):
            report.add(section, Row(name, "not installed", target="info"))
            continue
        runs = [run_plain([PYTHON, "-c", code, str(path)], cfg.env) for _ in range(repeat)]
        wall, rss = median([r.wall for r in runs]), median([r.rss_kib for r in runs])
        if any(r.returncode for r in runs):
            report.add(section, Row(name, "refuses the bank (exit 1)", target="info"))
            continue
        if base is None:
            base = ProcessRun(wall, rss, 0)
        row = ratio_row(f"{name} (n={repeat})", wall, base.wall, "yaml-rs", None)
        row.value += f", {mib(rss)}"
        row.target = "info"
        report.add(section, row)


# --- 2. start-up and imports -------------------------------------------------------------


def bench_startup(cfg: Config, report: Report, shared: dict) -> None:
    section = "2. Start-up (launch to first screen painted, in a pseudo-terminal)"
    trainer = [PYTHON, str(READY), "trainer"]
    hello = [PYTHON, str(READY), "hello"]
    widgets = [PYTHON, str(READY), "widgets"]
    if not cfg.quick:
        for cmd in (trainer, hello, widgets):  # creates the history database; compiles .pyc files
            run_in_pty(cmd, cfg.env)
    repeat = cfg.repeat if cfg.quick else max(cfg.repeat, 7)
    t_runs, h_runs, w_runs = [], [], []
    for _ in range(repeat):
        t_runs.append(run_in_pty(trainer, cfg.env))
        h_runs.append(run_in_pty(hello, cfg.env))
        w_runs.append(run_in_pty(widgets, cfg.env))
    screens = {r.marker for r in t_runs}
    if screens != {"ready HomeScreen"}:
        raise RuntimeError(f"the trainer did not reach the home screen: {screens}")
    shared["hello"] = h_runs
    shared["trainer"] = t_runs
    t_ready, h_ready = median([r.ready for r in t_runs]), median([r.ready for r in h_runs])
    report.add(
        section,
        ratio_row(
            f"pain-trainer, home screen ready (n={repeat})", t_ready, h_ready, "Textual hello world", 1.3, millis
        ),
    )
    row = ratio_row(
        f"  same, launch to exit (n={repeat})",
        median([r.wall for r in t_runs]),
        median([r.wall for r in h_runs]),
        "Textual hello world",
        None,
        millis,
    )
    row.target = "info"
    report.add(section, row)
    row = ratio_row(
        f"  Textual app with the home screen's widgets, no data (n={repeat})",
        median([r.ready for r in w_runs]),
        h_ready,
        "Textual hello world",
        None,
        millis,
    )
    row.target = "info"
    report.add(section, row)


def importtime(cmd: Sequence[str], env: dict[str, str]) -> tuple[list[tuple[int, int, int, str]], int]:
    """Run with ``-X importtime``; return (depth, self us, cumulative us, module) rows."""
    import subprocess

    done = subprocess.run(
        [PYTHON, "-X", "importtime", *cmd], env=env, cwd=REPO, capture_output=True, text=True, timeout=300
    )
    rows = []
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            rows.append((len(match.group(3)) // 2, int(match.group(1)), int(match.group(2)), match.group(4)))
    return rows, done.returncode


def _hot_spots(rows: list[tuple[int, int, int, str]], top: int = 6) -> str:
    """The heaviest top-level imports (by cumulative time), as 'name 123 ms'."""
    top_level = sorted((r for r in rows if r[0] == 0), key=lambda r: -r[2])[:top]
    return ", ".join(f"{name} {cum / 1000:.0f} ms" for _, _, cum, name in top_level)


def bench_imports(cfg: Config, report: Report) -> None:
    section = "2b. Imports (python -X importtime)"
    small = bank_file(cfg, cfg.sizes[0])
    tui_modules = "import trainer.cli, trainer.tui.launch, trainer.tui.app, trainer.tui.screens.home"
    cases = [
        ("pain-trainer --help", ["-m", "trainer", "--help"], True),
        (f"pain-trainer validate ({cfg.sizes[0]:,} q bank)", ["-m", "trainer", "validate", str(small)], True),
        ("modules of the TUI start (cli, launch, app, home)", ["-c", tui_modules], False),
    ]
    for name, cmd, forbid_textual in cases:
        rows, code = importtime(cmd, cfg.env)
        textual = sorted({r[3] for r in rows if r[3].split(".")[0] in ("textual", "rich")})
        total = sum(r[1] for r in rows) / 1e6
        if forbid_textual:
            result = "FAIL" if textual else "PASS"
            value = f"Textual imported ({len(textual)} modules)" if textual else "no Textual/Rich"
            report.add(section, Row(name, value, "", "", "no Textual", result))
        else:
            report.add(section, Row(name, f"{total * 1000:.0f} ms of imports", "", "", "info"))
        report.note(
            section,
            f"- {name}: {len(rows)} modules, {total * 1000:.0f} ms of import time (exit {code}); "
            f"heaviest top-level imports: {_hot_spots(rows)}",
        )


# --- 3. answer write-through ---------------------------------------------------------------


def _records(n: int, sid: str = "bench", start: float = 1_700_000_000.0, rng=None, bank: str = "bench"):
    from trainer.history.records import AnswerRecord, PlannedItem, SessionRecord

    plan = tuple(PlannedItem(bank, f"q-{i}", f"h-{i}", ("a", "b", "c", "d")) for i in range(n))
    session = SessionRecord(sid, "quiz", "tutor", start, {bank: "1.0.0"}, {"count": n}, 1, plan)
    answers = [
        AnswerRecord(
            sid,
            i,
            bank,
            f"q-{i}",
            f"h-{i}",
            "single",
            f"cat-{i % 12}",
            1 + i % 5,
            (f"tag-{i % 30}", f"tag-{(i * 7) % 30}"),
            "b",
            (rng.random() < 0.7) if rng else (i % 3 != 0),
            1.0,
            30.0 + i % 60,
            False,
            start + 60 * (i + 1),
        )
        for i in range(n)
    ]
    return session, answers


def bare_commit_times(path: Path, n: int) -> list[float]:
    """Seconds for each of ``n`` one-row durable commits (bare sqlite3, WAL, synchronous=FULL):
    what a write costs on this disk before any of the trainer's work."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT)")
    base = []
    for i in range(n):
        t = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (payload) VALUES (?)", (f"answer {i}",))
        conn.execute("COMMIT")
        base.append(time.perf_counter() - t)
    conn.close()
    return base


def bench_writes(cfg: Config, report: Report) -> None:
    section = "3. Answer write-through (real Store, one committed transaction per answer)"
    from trainer.history.store import Store

    folder = Path(tempfile.mkdtemp(dir=cfg.work, prefix="writes-"))
    store = Store.open(folder)
    try:
        session, answers = _records(cfg.answers)
        store.start_session(session)
        times = []
        for answer in answers:
            t = time.perf_counter()
            store.record_answer(answer)
            times.append(time.perf_counter() - t)
    finally:
        store.close()
    # Baseline: the cost of one durable commit on this disk (bare sqlite3, WAL, synchronous=FULL).
    base = bare_commit_times(folder / "bare.sqlite3", cfg.answers)
    med, p99, bmed = median(times), percentile(times, 99), median(base)
    report.add(
        section,
        Row(
            f"record_answer median (n={cfg.answers})",
            millis(med),
            f"{millis(bmed)} bare commit",
            f"{med / bmed:.2f}x",
            "<= 5 ms",
            "PASS" if med <= 0.005 else "FAIL",
        ),
    )
    report.add(
        section,
        Row(
            f"record_answer p99 (n={cfg.answers})",
            millis(p99),
            f"{millis(percentile(base, 99))} bare commit",
            f"{p99 / percentile(base, 99):.2f}x",
            "info",
        ),
    )


# --- 4. stats ---------------------------------------------------------------------------------


def build_history(store, total: int, seed: int = 1) -> None:
    """A year of history: sessions of 20 answers over 4 banks, 2,000 questions, 12 categories."""
    import random

    from trainer.history import codec
    from trainer.history.records import AnswerRecord
    from trainer.history.store import upsert_answer

    rng = random.Random(seed)
    per_session, start, year = 20, 1_700_000_000.0, 365 * 86400.0
    count = max(1, total // per_session)
    with store.transaction("benchmark set-up") as conn:
        for s in range(count):
            sid, started, bank = f"s{s:05d}", start + year * s / count, f"bank{s % 4}"
            conn.execute(
                "INSERT INTO sessions (id, kind, mode, started_at, finished_at, banks, settings, seed, plan)"
                " VALUES (?, 'quiz', 'tutor', ?, ?, ?, '{}', 1, '[]')",
                (sid, started, started + 1500, codec.dumps({bank: "1.0"})),
            )
            conn.execute(
                "INSERT INTO session_banks (session_id, bank_id, bank_version) VALUES (?, ?, '1.0')", (sid, bank)
            )
            for p in range(per_session):
                q = rng.randrange(2000)
                correct = rng.random() < 0.7
                upsert_answer(
                    conn,
                    AnswerRecord(
                        sid,
                        p,
                        f"bank{q % 4}",
                        f"q{q}",
                        f"h-q{q}",
                        "single",
                        f"cat{q % 12}",
                        1 + q % 5,
                        (f"tag{q % 30}", f"tag{(q * 7) % 30}"),
                        "a",
                        correct,
                        1.0 if correct else 0.0,
                        rng.uniform(10, 140),
                        rng.random() < 0.03,
                        started + 60 * p,
                    ),
                )


def _timed(action: Callable[[], object], repeat: int) -> list[float]:
    action()  # warm the page cache and SQLite's statement cache
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        action()
        times.append(time.perf_counter() - t)
    return times


def bench_stats(cfg: Config, report: Report) -> None:
    section = f"4. Stats over {cfg.stats_answers:,} stored answers (real Store)"
    from trainer.history.store import Store

    folder = Path(tempfile.mkdtemp(dir=cfg.work, prefix="stats-"))
    store = Store.open(folder)
    t = time.perf_counter()
    build_history(store, cfg.stats_answers)
    built = time.perf_counter() - t
    store.close()
    opens = []
    for _ in range(3 if not cfg.quick else 1):
        t = time.perf_counter()
        store = Store.open(folder)  # runs PRAGMA quick_check
        opens.append(time.perf_counter() - t)
        store.close()
    store = Store.open(folder)
    try:
        repeat = 21 if not cfg.quick else 3
        stats_t = _timed(store.stats, repeat)
        sessions_t = _timed(store.sessions, repeat)
        # Baseline: the naive way, one GROUP BY scan of every answer (what the summary tables avoid).
        conn = sqlite3.connect(folder / "history.sqlite3")
        naive = _timed(
            lambda: conn.execute(
                "SELECT category, count(correct), sum(correct), avg(time_spent) FROM answers"
                " WHERE correct IS NOT NULL GROUP BY category"
            ).fetchall(),
            repeat,
        )
        conn.close()
        attempts = store.stats().overall.attempts
    finally:
        store.close()
    base = median(naive)
    for name, times in (("Store.stats()", stats_t), ("Store.sessions()", sessions_t)):
        med = median(times)
        report.add(
            section,
            Row(
                f"{name} (n={repeat})",
                millis(med),
                f"{millis(base)} GROUP BY scan",
                f"{med / base:.2f}x",
                "<= 100 ms",
                "PASS" if med <= 0.1 else "FAIL",
            ),
        )
    row = Row(f"Store.open with quick_check (n={len(opens)})", millis(median(opens)), target="info")
    report.add(section, row)
    report.note(
        section,
        f"Set-up: {attempts:,} scored answers in {cfg.stats_answers // 20:,} sessions inserted "
        f"with the store's own upsert_answer in one transaction ({built:.1f} s).",
    )


# --- 5. memory ----------------------------------------------------------------------------------


def bench_memory(cfg: Config, report: Report, shared: dict) -> None:
    section = "5. Memory (peak RSS of the whole process, ru_maxrss)"
    bank = bank_file(cfg, cfg.target_size)
    cmd = [PYTHON, str(READY), "trainer", "--bank", str(bank)]
    hello_cmd = [PYTHON, str(READY), "hello"]
    repeat = cfg.repeat if cfg.quick else min(cfg.repeat, 3)
    runs, hello = [], list(shared.get("hello", []))
    for _ in range(repeat):
        runs.append(run_in_pty(cmd, cfg.env))
        if len(hello) < repeat:
            hello.append(run_in_pty(hello_cmd, cfg.env))
    rss, base = median([r.rss_kib for r in runs]), median([r.rss_kib for r in hello])
    parent = parent_rss_kib()
    report.note(
        section,
        f"The benchmark process itself peaked at {mib(parent)} when these children were "
        "spawned (a child's ru_maxrss cannot be lower); "
        + (
            "below every figure here, so they are the children's own."
            if parent < 0.9 * base
            else "NOT below the baseline: these figures are inflated, rerun with --only memory."
        ),
    )
    report.add(
        section,
        ratio_row(
            f"pain-trainer --bank {cfg.target_size:,} q, home ready (n={repeat})",
            rss,
            base,
            "Textual hello world",
            1.5,
            mib,
        ),
    )
    if shared.get("trainer"):
        row = ratio_row(
            f"  pain-trainer, bundled banks only (n={len(shared['trainer'])})",
            median([r.rss_kib for r in shared["trainer"]]),
            base,
            "Textual hello world",
            None,
            mib,
        )
        row.target = "info"
        report.add(section, row)
    row = ratio_row(
        f"  time to home screen with the {cfg.target_size:,} q bank",
        median([r.ready for r in runs]),
        median([r.ready for r in hello]),
        "Textual hello world",
        None,
        seconds,
    )
    row.target = "info"
    report.add(section, row)
    # The first start after the bank changed: a new version of the file each run, so the cache misses
    # (the cache is keyed by the bytes: the edit names the run and the time, so no earlier run's entry
    # matches). The bare compiled parse of the same bank runs between them, for the ratio.
    changed, bare = [], []
    bare_cmd = [PYTHON, "-c", BARE_PARSE if _installed("yaml_rs") else PARSERS["PyYAML CSafeLoader (before)"][1]]
    run_plain([*bare_cmd, str(bank)], cfg.env)
    for run in range(repeat):
        edited = cfg.work / f"bank-{cfg.target_size}-edit-{run}.yaml"
        edited.write_bytes(bank.read_bytes() + f"# edited {run} {os.getpid()} {time.time()}\n".encode())
        changed.append(run_in_pty([PYTHON, str(READY), "trainer", "--bank", str(edited)], cfg.env))
        bare.append(run_plain([*bare_cmd, str(bank)], cfg.env))
    first = median([r.ready for r in changed])
    report.add(
        section,
        Row(
            f"  first start after the {cfg.target_size:,} q bank changed (n={repeat})",
            seconds(first),
            f"{seconds(median([r.ready for r in hello]))} Textual hello world",
            "",
            "<= 1.5 s",
            "PASS" if first <= 1.5 else "FAIL",
        ),
    )
    row = ratio_row(
        "  same, against the bare compiled parse of that bank",
        first,
        median([r.wall for r in bare]),
        "bare parse",
        None,
    )
    row.target = "info"
    report.add(section, row)


# --- 6. the interview judge ----------------------------------------------------------------------

JUDGE_SENTENCES = (
    "I would start by asking how her pain affects her sleep, her mood and what she can do in a day.",
    "I would check the prescription monitoring program and send a urine drug test with her consent.",
    "I would not increase the oxycodone, because a higher dose is unlikely to give her function back.",
    "If we agree to come down, the taper would be slow, at a pace she can manage, with support.",
    "I would give her naloxone and show her husband how to use it.",
    "Her kidney function matters, so gabapentin would start low and go up slowly.",
    "Physical therapy and a pain psychologist would be part of the plan from the start.",
    "I would never label her as drug seeking, and I would document the plan clearly.",
)


def judge_prompt(points: int = 10):
    """A 10-point prompt shaped like the bundled ones: 6-8 keywords a point, some qualifiers,
    a reject-stance point and three red flags."""
    from trainer.banks.model import KeyPoint, RedFlag

    vocab = [
        "sleep",
        "mood",
        "function",
        "PDMP",
        "urine drug test",
        "benzodiazepine",
        "naloxone",
        "taper",
        "physical therapy",
        "pain psychologist",
        "gabapentin",
        "renal",
        "document",
        "goals",
        "exercise",
        "CBT",
        "overdose",
        "follow-up",
        "shared decision",
        "consent",
        "MRI",
        "red flag",
        "referral",
        "opioid use disorder",
        "buprenorphine",
        "acetaminophen",
        "NSAID",
        "duloxetine",
        "SCS",
        "ESI",
    ]
    key_points = []
    for i in range(points):
        keywords = tuple(vocab[(i * 3 + k) % len(vocab)] for k in range(7))
        requires = (("kidney", "renal", "eGFR"),) if i % 4 == 0 else ()
        key_points.append(KeyPoint(f"point {i}", keywords, requires=requires, stance="reject" if i == 3 else "endorse"))
    flags = (
        RedFlag("label", "Labels", ("drug seeking", "drug seeker"), "why"),
        RedFlag("abrupt", "Stops abruptly", ("stop abruptly", "abrupt discontinuation"), "why"),
        RedFlag("escalate", "Escalates", ("increase the oxycodone", "higher dose"), "why"),
    )
    return tuple(key_points), flags


def baseline_judge():
    """Today's judge before issue 14 (analysis.coverage): a point is covered when any keyword's
    words appear consecutively in one sentence; no negation, lists, qualifiers or red flags."""
    from trainer.practice.analysis import lemma, words
    from trainer.practice.judge import COVERED, MISSED, Judgement, PointJudgement

    def forms(keyword: str) -> list[tuple[str, ...]]:
        parts = tuple(w.lemma for w in words(keyword))
        joined = [(lemma("".join(w.lower for w in words(keyword))),)] if len(parts) > 1 else []
        return [parts, *joined] if parts else []

    class KeywordJudge:
        version = "keywords"

        def judge(self, text, key_points, red_flags=(), synonyms=()):
            ws = words(text)
            lemmas = [w.lemma for w in ws]

            def said(form: tuple[str, ...]) -> bool:
                n = len(form)
                return any(
                    tuple(lemmas[i : i + n]) == form and ws[i].sentence == ws[i + n - 1].sentence
                    for i in range(len(ws) - n + 1)
                )

            points = tuple(
                PointJudgement(
                    i, p.text, COVERED if any(said(f) for k in p.keywords for f in forms(k)) else MISSED, None
                )
                for i, p in enumerate(key_points)
            )
            return Judgement(self.version, points, ())

    return KeywordJudge()


def bench_judge(cfg: Config, report: Report) -> None:
    section = "6. Interview judge (in process)"
    from trainer.practice.judge import DEFAULT_JUDGE

    key_points, flags = judge_prompt()
    sentences = []
    while sum(len(s.split()) for s in sentences) < 400:
        sentences.append(JUDGE_SENTENCES[len(sentences) % len(JUDGE_SENTENCES)])
    answer = " ".join(sentences)
    n_words = len(answer.split())
    baseline = baseline_judge()
    repeat = 21 if cfg.quick else 201
    # First call loads lemminflect's tables (lazily, as in the app): reported separately.
    t = time.perf_counter()
    DEFAULT_JUDGE.judge(answer, key_points, flags)
    first = time.perf_counter() - t
    times = _timed(lambda: DEFAULT_JUDGE.judge(answer, key_points, flags), repeat)
    base = _timed(lambda: baseline.judge(answer, key_points), repeat)
    med = median(times)
    report.add(
        section,
        Row(
            f"judge a {n_words}-word answer, 10 key points, 3 red flags (n={repeat})",
            millis(med),
            f"{millis(median(base))} keyword matcher",
            f"{med / median(base):.2f}x",
            "<= 10 ms",
            "PASS" if med <= 0.010 else "FAIL",
        ),
    )
    report.add(section, Row("  first answer judged (loads lemminflect)", millis(first), target="info"))
    try:
        from tests.practice.test_gold_set import WEAK_GROUP, bundled_prompts, evaluate, load_gold
    except ImportError as exc:  # an installed package without the tests
        report.note(section, f"Gold-set figures skipped: {exc}")
        return
    gold = load_gold()
    if not gold:
        report.note(section, "Gold-set figures skipped: no tests/practice/gold/*.yaml")
        return
    prompts = bundled_prompts()
    new, old = evaluate(DEFAULT_JUDGE, gold, prompts), evaluate(baseline, gold, prompts)
    floors = (
        ("precision", new.precision, old.precision, ">= 0.90", new.precision >= 0.90),
        ("recall", new.recall, old.recall, ">= 0.85", new.recall >= 0.85),
    )
    for name, value, base_value, target, ok in floors:
        report.add(
            section,
            Row(
                f"gold set per-key-point {name}",
                f"{value:.3f}",
                f"{base_value:.3f} keyword matcher",
                "",
                target,
                "PASS" if ok else "FAIL",
            ),
        )
    report.add(
        section,
        Row(
            "gold set: strong minus weak-group mean score",
            f"{new.separation:.1f} points",
            f"{old.separation:.1f} keyword matcher",
            "",
            ">= 40",
            "PASS" if new.separation >= 40 else "FAIL",
        ),
    )
    report.add(
        section,
        Row(
            "gold set: points credited to keyword lists",
            str(new.keyword_list_credit),
            f"{old.keyword_list_credit} keyword matcher",
            "",
            "0",
            "PASS" if new.keyword_list_credit == 0 else "FAIL",
        ),
    )
    report.add(
        section,
        Row(
            "gold set: endorsed red flags missed / rejected flagged",
            f"{len(new.missed_flags)} / {len(new.false_flags)}",
            "",
            "",
            "0 / 0",
            "PASS" if not new.missed_flags and not new.false_flags else "FAIL",
        ),
    )
    report.note(
        section,
        f"Gold set: {new.answers} hand-labelled answers to {new.prompts} bundled prompts. "
        f"Mean score, judge vs keyword matcher: strong {new.mean('strong'):.0f} vs {old.mean('strong'):.0f}, "
        f"weak group ({', '.join(WEAK_GROUP)}) {new.mean(*WEAK_GROUP):.0f} vs "
        f"{old.mean(*WEAK_GROUP):.0f}.",
    )


# --- 7. cohort report ----------------------------------------------------------------------------


def bench_cohort(cfg: Config, report: Report) -> None:
    """``pain-trainer cohort`` over a generated cohort (benchmarks/cohort.py), as a whole process,
    against the floor of any such report: a process that only parses the same JSON files."""
    import subprocess

    residents, answers = (5, 200) if cfg.quick else (50, 5_000)
    section = "7. Cohort report (whole processes)"
    folder = cfg.work / f"cohort-{residents}x{answers}"
    if not folder.exists():
        subprocess.run(
            [PYTHON, "-m", "benchmarks.cohort", str(folder), str(residents), str(answers)],
            env=cfg.env,
            cwd=REPO,
            check=True,
        )
    size = sum(p.stat().st_size for p in folder.glob("*.json"))
    out = cfg.work / "cohort-report"
    cmd = [*pain_trainer(), "cohort", str(folder), "--out", str(out / "report.html"), "--csv", str(out / "csv")]
    parse = [
        PYTHON,
        "-c",
        "import json, pathlib, sys\n"
        "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.json')): json.loads(p.read_text(encoding='utf-8'))",
        str(folder),
    ]
    out.mkdir(exist_ok=True)
    repeat = cfg.repeat if cfg.quick else min(cfg.repeat, 3)
    runs, bases = [], []
    for _ in range(repeat):  # interleaved: A, B, A, B
        runs.append(run_plain(cmd, cfg.env))
        bases.append(run_plain(parse, cfg.env))
    if any(r.returncode for r in runs):
        raise RuntimeError(f"pain-trainer cohort exited {runs[0].returncode}")
    med, base = median([r.wall for r in runs]), median([b.wall for b in bases])
    report.add(
        section,
        Row(
            f"cohort report, {residents} residents x {answers:,} answers, HTML + CSV (n={repeat})",
            seconds(med),
            f"{seconds(base)} json.loads of the files",
            f"{med / base:.2f}x",
            "<= 5 s",
            "PASS" if med <= 5 else "FAIL",
        ),
    )
    report.add(section, Row("  peak memory of the report", mib(max(r.rss_kib for r in runs)), target="info"))
    report.note(
        section,
        f"Input: {residents} exports, {size / 1024 / 1024:.0f} MiB of indented JSON "
        "(benchmarks/cohort.py: 600-item bank, 10 interviews each).",
    )


# --- the command ------------------------------------------------------------------------------


def machine() -> str:
    import platform

    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} cores{' (' + cpu + ')' if cpu else ''}, "
        f"Python {platform.python_version()}"
    )


def load_average() -> str:
    """The 1-minute load average: on a shared machine it says how far to trust absolute times."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, no warm-up: a smoke run")
    parser.add_argument("--repeat", type=int, default=None, help="runs per figure (default 5; 1 with --quick)")
    parser.add_argument("--repeat-large", type=int, default=1, help="runs for the 40,000-question bank (default 1)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated subset of: {', '.join(SECTIONS)}")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    parser.add_argument("--keep", metavar="DIR", type=Path, help="generate banks and databases here and keep them")
    args = parser.parse_args(argv)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s): {', '.join(unknown)}")
    repeat = args.repeat or (1 if args.quick else 5)

    work_context = tempfile.TemporaryDirectory(prefix="pain-bench-") if args.keep is None else None
    work = Path(work_context.name) if work_context else args.keep
    work.mkdir(parents=True, exist_ok=True)
    cfg = Config(
        quick=args.quick,
        repeat=max(1, repeat),
        repeat_large=max(1, args.repeat_large),
        sizes=(100, 400) if args.quick else (1_000, 10_000, 40_000),  # 50,000 is past MAX_NODES
        target_size=400 if args.quick else 10_000,
        answers=30 if args.quick else 300,
        stats_answers=2_000 if args.quick else 100_000,
        work=work,
        env=child_env(work),
    )
    report, shared = Report(), {}
    steps = {
        "validate": lambda: bench_validate(cfg, report),
        "startup": lambda: bench_startup(cfg, report, shared),
        "imports": lambda: bench_imports(cfg, report),
        "writes": lambda: bench_writes(cfg, report),
        "stats": lambda: bench_stats(cfg, report),
        "memory": lambda: bench_memory(cfg, report, shared),
        "judge": lambda: bench_judge(cfg, report),
        "cohort": lambda: bench_cohort(cfg, report),
        "speech": lambda: __import__("benchmarks.speech", fromlist=["bench_speech"]).bench_speech(cfg, report),
        "interchange": lambda: __import__("benchmarks.interchange").interchange.bench_interchange(cfg, report),
        "study": lambda: __import__("benchmarks.study").study.bench_study(cfg, report),
    }
    started = time.perf_counter()
    load_before = load_average()
    errors = 0
    try:
        for name in RUN_ORDER:
            if name in chosen:
                print(f"[{name}] ...", file=sys.stderr, flush=True)
                try:
                    steps[name]()
                except Exception as exc:  # one broken benchmark must not hide the others
                    errors += 1
                    report.add(
                        f"{SECTIONS.index(name) + 1}. {name}",
                        Row(f"{name} benchmark", f"error: {exc}"[:300], result="ERROR"),
                    )
    finally:
        if work_context:
            work_context.cleanup()
    elapsed = time.perf_counter() - started
    print(f"# pain-trainer benchmarks{' (--quick: tiny sizes, targets not meaningful)' if cfg.quick else ''}")
    print()
    print(
        f"Machine: {machine()}. Each figure is the median of n runs; ratios against a baseline "
        f"measured in the same run. Total {elapsed:.0f} s. Load average (1 min) {load_before} at the start, "
        f"{load_average()} at the end, on {os.cpu_count()} cores: above the core count, other work shared "
        "the machine and absolute times are inflated; the ratios are what to read."
    )
    print()
    print(report.render())
    failed = report.failed
    print()
    print(
        f"Targets: {sum(r.result == 'PASS' for _, r in report.rows)} pass, {len(failed)} fail"
        + (f", {errors} benchmark(s) could not run" if errors else "")
    )
    return 1 if (errors or (args.strict and failed)) else 0


if __name__ == "__main__":
    sys.exit(main())
