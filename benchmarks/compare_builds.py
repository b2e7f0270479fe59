#!/usr/bin/env python3
"""Two builds of the SDK side by side: the instrumented CLI of another commit against this one.

Every round runs plain and, for both jars, a granted, a denied and an opted-out run, in a new
random order, so that both builds see the same machine noise. For each it prints the median wall
time, its ratio to plain with a 95% bootstrap interval over rounds, and the median of the
per-round ratios (each run divided by the plain run of its own round) with its interval, which
cancels noise slower than a round.

Build the other jar in a worktree, e.g. for the commit before yours:
  git worktree add /tmp/before HEAD~1 && (cd /tmp/before && mvn -B -q package -pl benchmarks -am -DskipTests)

Usage: python3 benchmarks/compare_builds.py /tmp/before/benchmarks/target/instrumented-cli.jar [rounds]
       (after `mvn -B -q install -DskipTests` here)
"""
import os, random, shutil, statistics, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
plain_jar = os.path.join(here, "target", "plain-cli.jar")
jars = {"other": os.path.abspath(sys.argv[1]), "this": os.path.join(here, "target", "instrumented-cli.jar")}
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 150
work = tempfile.mkdtemp(prefix="tk-compare-")
base_env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG")}
base_env["TELEMETRY_KIT_POLICY_FILE"] = os.path.join(work, "no-policy.json")


def cli(jar, main):
    return ["java", "-cp", jar, "dev.telemetrykit.benchmarks." + main, "build"]


variants = {"plain": (cli(plain_jar, "PlainCli"), {})}
for build, jar in jars.items():
    for state in ("granted", "denied", "opted-out"):
        home = {"TELEMETRY_KIT_HOME": os.path.join(work, build + "-" + state)}
        if state == "opted-out":
            home["DO_NOT_TRACK"] = "1"
        else:
            subprocess.run(cli(jar, "InstrumentedCli")[:-1] + ["telemetry", "enable" if state == "granted" else "disable"],
                           env=dict(base_env, **home), stdout=subprocess.DEVNULL, check=True)
        variants[f"{state}, {build}"] = (cli(jar, "InstrumentedCli"), home)


def run(cmd, env):
    start = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
    _, status, _ = os.wait4(p.pid, 0)
    if status != 0:
        raise SystemExit(f"{cmd} failed with status {status}")
    return time.perf_counter() - start


for _ in range(3):  # warm the file cache
    for cmd, extra in variants.values():
        run(cmd, dict(base_env, **extra))
wall = {name: [] for name in variants}
for _ in range(rounds):
    for build in jars:  # no granted run may become due to upload
        shutil.rmtree(os.path.join(work, build + "-granted", "bench-cli.journal"), ignore_errors=True)
    for name in random.sample(list(variants), len(variants)):
        cmd, extra = variants[name]
        wall[name].append(run(cmd, dict(base_env, **extra)))


def interval(statistic):
    rng = random.Random(7)
    samples = sorted(statistic([rng.randrange(rounds) for _ in range(rounds)]) for _ in range(1000))
    return samples[25], samples[974]


plain = statistics.median(wall["plain"])
print(f"{rounds} rounds, {os.cpu_count()} cores, load average after {os.getloadavg()[0]:.2f}; "
      f"other = {jars['other']}")
print(f"{'variant':18} {'median wall':>12} {'ratio':>7} {'95% interval':>14} {'per-round ratio':>16} {'95% interval':>14}")
for name, walls in wall.items():
    ratios = [w / p for w, p in zip(walls, wall["plain"])]
    lo, hi = interval(lambda idx: statistics.median(walls[i] for i in idx) / statistics.median(wall["plain"][i] for i in idx))
    plo, phi = interval(lambda idx: statistics.median(ratios[i] for i in idx))
    print(f"{name:18} {statistics.median(walls) * 1000:9.1f} ms {statistics.median(walls) / plain:6.3f}x "
          f"{lo:6.3f}-{hi:.3f}x {statistics.median(ratios):15.3f}x {plo:6.3f}-{phi:.3f}x")
shutil.rmtree(work)
