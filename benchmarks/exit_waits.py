#!/usr/bin/env python3
"""Where the trivial CLI's instrumented runs lose ~10 ms at exit, and how often.

HotSpot's exit waits, in steps of 10 ms, for any compiler thread in the middle of a compilation
(VM_Exit::wait_for_threads_in_native_to_block in the JDK's sources). The plain trivial CLI sits
just below the C2 compile threshold of java.lang.StringLatin1::replace, which the class loader
calls on the name of every class it loads from the class path. Each class the SDK loads after
Picocli has built its model pushes that method over the threshold late in the run, and its C2
compilation is then often still running when the CLI exits.

For every variant this script reports the median wall time, and in how many runs the exit (from
the JVM loading java.lang.Shutdown to the process ending) took 7 ms or more beyond the fastest
exit of that variant: once with the JVM as it is, once with that one compilation excluded
(-XX:CompileCommand=exclude,java.lang.StringLatin1::replace). If the long exits disappear with the
exclusion, they were that compilation. Every run logs class loading (to find the exit), which
makes all variants ~1 ms slower alike; for the overhead figures use cli_overhead.py.

Usage: python3 benchmarks/exit_waits.py [runs]   (after `mvn -B -q install -DskipTests`)
"""
import os, random, re, shutil, statistics, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
plain_jar = os.path.join(here, "target", "plain-cli.jar")
instrumented_jar = os.path.join(here, "target", "instrumented-cli.jar")
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
work = tempfile.mkdtemp(prefix="tk-exit-")
log = os.path.join(work, "class-load.log")
EXCLUDE = ["-XX:CompileCommand=quiet", "-XX:CompileCommand=exclude,java.lang.StringLatin1::replace"]


def cli(jar, main):
    return ["-cp", jar, "dev.telemetrykit.benchmarks." + main, "build"]


base_env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG")}
base_env["TELEMETRY_KIT_POLICY_FILE"] = os.path.join(work, "no-policy.json")
instrumented = cli(instrumented_jar, "InstrumentedCli")
variants = {
    "plain": (cli(plain_jar, "PlainCli"), {}),
    "floor": (cli(instrumented_jar, "AnnotatedCli"), {}),
    "granted": (instrumented, {"TELEMETRY_KIT_HOME": os.path.join(work, "granted")}),
    "opted-out": (instrumented, {"TELEMETRY_KIT_HOME": os.path.join(work, "optout"), "DO_NOT_TRACK": "1"}),
    "denied": (instrumented, {"TELEMETRY_KIT_HOME": os.path.join(work, "denied")}),
}
for name, action in (("granted", "enable"), ("denied", "disable")):
    subprocess.run(["java"] + instrumented[:-1] + ["telemetry", action],
                   env=dict(base_env, TELEMETRY_KIT_HOME=os.path.join(work, name)), stdout=subprocess.DEVNULL, check=True)
granted_journal = os.path.join(work, "granted", "bench-cli.journal")


def run(flags, args, extra):
    """Wall ms and exit ms (from java.lang.Shutdown being loaded to the process ending) of one run."""
    start = time.perf_counter()
    subprocess.run(["java"] + flags + [f"-Xlog:class+load:file={log}:uptimenanos"] + args,
                   env=dict(base_env, **extra), stdout=subprocess.DEVNULL, check=True)
    wall = (time.perf_counter() - start) * 1000
    with open(log) as f:
        shutdown = next(line for line in f if "java.lang.Shutdown " in line)
    return wall, wall - int(re.match(r"\[(\d+)ns", shutdown).group(1)) / 1e6


results = {(mode, name): ([], []) for mode in ("as is", "excluded") for name in variants}
for i in range(runs + 2):  # the first two rounds warm the file cache
    order = list(results)
    random.shuffle(order)
    for mode, name in order:
        args, extra = variants[name]
        wall, exit_ms = run(EXCLUDE if mode == "excluded" else [], args, extra)
        if i >= 2:
            results[(mode, name)][0].append(wall)
            results[(mode, name)][1].append(exit_ms)
    for f in os.listdir(granted_journal):  # no granted run may become due to upload
        os.remove(os.path.join(granted_journal, f))

print(f"{runs} runs per variant and mode, {os.cpu_count()} cores, load average after {os.getloadavg()[0]:.2f}")
print(f"{'JVM':9} {'variant':10} {'median wall':>12} {'ratio':>7} {'median exit':>12} {'long exits':>11}")
for mode in ("as is", "excluded"):
    plain = statistics.median(results[(mode, "plain")][0])
    for name in variants:
        walls, exits = results[(mode, name)]
        w = statistics.median(walls)
        long_exits = sum(1 for e in exits if e >= min(exits) + 7)
        print(f"{mode:9} {name:10} {w:9.1f} ms {w / plain:6.3f}x {statistics.median(exits):9.1f} ms {long_exits:5}/{len(exits)}")
shutil.rmtree(work)
