#!/usr/bin/env python3
"""Which JIT compilations start in the last milliseconds before the CLI exits, per variant.

HotSpot's exit waits, in steps of 10 ms, for any compiler thread that is in the middle of a
compilation (see exit_waits.py). A method that a run calls a few hundred times near its end is
compiled just then, and the exit waits for it. This script runs each variant with
-XX:+PrintCompilation and class-load logging, takes the moment java.lang.Shutdown is loaded as the
exit, and counts, per method, in how many runs a compilation of it started within the window
before the exit. A method of the SDK (dev.telemetrykit) in that list is a cost to remove; JDK
methods that appear for the instrumented variants and not for plain are usually set off by the
SDK's classes being loaded from the jar.

Usage: python3 benchmarks/late_compilations.py [runs] [window_ms]   (after `mvn -B -q install -DskipTests`)
"""
import collections, os, re, shutil, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
plain_jar = os.path.join(here, "target", "plain-cli.jar")
instrumented_jar = os.path.join(here, "target", "instrumented-cli.jar")
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
window = int(sys.argv[2]) if len(sys.argv) > 2 else 6
work = tempfile.mkdtemp(prefix="tk-late-")
log = os.path.join(work, "class-load.log")

base_env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG")}
base_env["TELEMETRY_KIT_POLICY_FILE"] = os.path.join(work, "no-policy.json")
instrumented = ["-cp", instrumented_jar, "dev.telemetrykit.benchmarks.InstrumentedCli"]
variants = {
    "plain": (["-cp", plain_jar, "dev.telemetrykit.benchmarks.PlainCli"], {}),
    "granted": (instrumented, {"TELEMETRY_KIT_HOME": os.path.join(work, "granted")}),
    "denied": (instrumented, {"TELEMETRY_KIT_HOME": os.path.join(work, "denied")}),
    "opted-out": (instrumented, {"TELEMETRY_KIT_HOME": os.path.join(work, "denied"), "DO_NOT_TRACK": "1"}),
}
for name, action in (("granted", "enable"), ("denied", "disable")):
    subprocess.run(["java"] + instrumented + ["telemetry", action], env=dict(base_env, **variants[name][1]),
                   stdout=subprocess.DEVNULL, check=True)
journal = os.path.join(work, "granted", "bench-cli.journal")

# "  251  273       4       java.lang.StringLatin1::replace (198 bytes)": uptime ms, id, flags, level, method
COMPILATION = re.compile(r"^\s*(\d+)\s+\d+\s+[%sbn!]*\s*(\d)\s+(\S+::\S+)")


def late_methods(args, extra):
    """The methods whose compilation started within the window before this run's exit."""
    out = subprocess.run(["java", "-XX:+PrintCompilation", f"-Xlog:class+load:file={log}:uptimemillis"] + args
                         + ["build"], env=dict(base_env, **extra), capture_output=True, text=True, check=True).stdout
    exit_ms = next(int(m.group(1)) for m in (re.match(r"\[(\d+)ms\] java\.lang\.Shutdown ", line)
                                              for line in open(log)) if m)
    late = set()
    for line in out.splitlines():
        m = COMPILATION.match(line)
        if m and "made not entrant" not in line and exit_ms - window <= int(m.group(1)) <= exit_ms:
            late.add(f"{m.group(3)} (tier {m.group(2)})")
    return late


counts = {name: collections.Counter() for name in variants}
for _ in range(runs):
    for name, (args, extra) in variants.items():
        counts[name].update(late_methods(args, extra))
        if os.path.isdir(journal):
            shutil.rmtree(journal)  # no granted run may become due to upload

print(f"{runs} runs per variant; compilations started within {window} ms before the exit, by runs")
for name in variants:
    print(f"\n{name}:")
    for method, n in counts[name].most_common(12):
        print(f"  {n:3}/{runs}  {method}")
shutil.rmtree(work)
