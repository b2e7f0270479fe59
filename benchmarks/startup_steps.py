#!/usr/bin/env python3
"""Where the SDK's start-up time goes, step by step, inside the run.

Runs the instrumented CLI with class-load logging (-Xlog:class+load with nanosecond uptime) and
times the steps between the first class of the SDK's internals and the first class Picocli loads
to parse the arguments (CommandLine$ParseResult): the span in which the SDK decides the run and
installs itself. Each class load closes one step; the step is the time since the previous load,
spent running the code before it and loading the class. Medians over the runs, per variant:
  granted   - the user said yes
  denied    - the user said no
  opted-out - DO_NOT_TRACK=1

The logging adds a little to every class load, so the spans are a little longer than without it;
compare variants and builds measured by the same command, not with cli_overhead.py's figures.

Usage: python3 benchmarks/startup_steps.py [runs]   (after `mvn -B -q install -DskipTests`)
"""
import os, random, re, shutil, statistics, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
jar = os.path.join(here, "target", "instrumented-cli.jar")
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
work = tempfile.mkdtemp(prefix="tk-steps-")
log = os.path.join(work, "class-load.log")
cli = ["java", f"-Xlog:class+load:file={log}:uptimenanos", "-cp", jar, "dev.telemetrykit.benchmarks.InstrumentedCli"]

base_env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG")}
base_env["TELEMETRY_KIT_POLICY_FILE"] = os.path.join(work, "no-policy.json")
variants = {
    "granted": {"TELEMETRY_KIT_HOME": os.path.join(work, "granted")},
    "denied": {"TELEMETRY_KIT_HOME": os.path.join(work, "denied")},
    "opted-out": {"TELEMETRY_KIT_HOME": os.path.join(work, "denied"), "DO_NOT_TRACK": "1"},
}
for name, action in (("granted", "enable"), ("denied", "disable")):
    subprocess.run(cli[:1] + cli[2:] + ["telemetry", action], env=dict(base_env, **variants[name]),
                   stdout=subprocess.DEVNULL, check=True)
journal = os.path.join(work, "granted", "bench-cli.journal")


def steps_of_one_run(extra):
    """[(class, ms since the previous load)] from the SDK's first internal class to ParseResult."""
    subprocess.run(cli + ["build"], env=dict(base_env, **extra), stdout=subprocess.DEVNULL, check=True)
    loads = []
    for line in open(log):
        m = re.match(r"\[(\d+)ns\] (\S+)", line)
        if m:
            loads.append((int(m.group(1)), m.group(2)))
    first = next(i for i, (_, c) in enumerate(loads) if c.startswith("dev.telemetrykit.picocli.internal."))
    steps = []
    for (before, _), (at, name) in zip(loads[first:], loads[first + 1:]):
        steps.append((name, (at - before) / 1e6))
        if name == "picocli.CommandLine$ParseResult":
            break
    return steps


found = {name: [] for name in variants}
for _ in range(runs):
    for name in random.sample(list(variants), len(variants)):
        found[name].append(steps_of_one_run(variants[name]))
    for f in os.listdir(journal) if os.path.isdir(journal) else []:
        os.remove(os.path.join(journal, f))

print(f"{runs} runs per variant; median ms from the previous class load to this one")
for name, all_runs in found.items():
    by_class = {}
    for steps in all_runs:
        for cls, ms in steps:
            by_class.setdefault(cls, []).append(ms)
    totals = [sum(ms for _, ms in steps) for steps in all_runs]
    ours = statistics.median(sum(1 for c, _ in steps if c.startswith("dev.telemetrykit.")) for steps in all_runs)
    print(f"\n{name}: {statistics.median(totals):.2f} ms from the SDK's first internal class to ParseResult, "
          f"{ours:.0f} more classes of ours")
    for cls, ms in by_class.items():
        if len(ms) * 2 >= runs:  # loaded in most runs
            print(f"  {statistics.median(ms):6.2f}  {cls}")
shutil.rmtree(work)
