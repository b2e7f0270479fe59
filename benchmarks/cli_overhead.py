#!/usr/bin/env python3
"""Whole-process cost of telemetry-kit on a trivial Picocli command.

Runs `bench-cli build` (prints one line) as a fresh JVM, many times, in shuffled order so that
every variant sees the same machine noise, and reports medians and ratios to the plain CLI
measured in the same run. Variants:
  plain     - the CLI without telemetry on its class path (target/plain-cli.jar)
  floor     - the same CLI with @TelemetryEnabled on it and the SDK in its jar, never calling the
              SDK: what an instrumented run pays before the SDK does anything
  minimal   - the floor plus the least a granted run must do, inline in the main class: read the
              state file, write one event file and rename it (a lower bound, not a product)
  minimal-denied - the floor plus the least a denied run must do, inline in the main class after
              Picocli has built its model: check the opt-out variables, read the app's class file
              from the jar, read the state file (a lower bound, not a product)
  granted   - instrumented, the user said yes: one event is recorded per run
  opted-out - instrumented, DO_NOT_TRACK=1
  denied    - instrumented, the user said no
  undecided - instrumented, never asked (not interactive)

Then, separately, runs that are due to upload (TELEMETRY_KIT_FLUSH_INTERVAL=0) against a
collector on loopback, paired with plain runs, pausing between pairs so that the upload
processes they start do not overlap the next measurement.

Each ratio comes with a 95% bootstrap interval (rounds resampled with replacement), which says
how far the machine's noise could have moved it.

Usage: python3 benchmarks/cli_overhead.py [runs] [--only=denied,minimal-denied,...] [--java=/path/to/bin/java]
       (after `mvn -B -q install -DskipTests`). With --only, only plain and the variants named are
       run (more rounds in the same time, for a narrower interval), and the due runs only if "due"
       is named. With --java, every variant runs on that Java (default: `java` on the PATH), e.g.
       the JDK 25 beside the default JDK 17.
"""
import http.server, json, os, random, shutil, statistics, subprocess, sys, tempfile, threading, time

here = os.path.dirname(os.path.abspath(__file__))
plain_jar = os.path.join(here, "target", "plain-cli.jar")
instrumented_jar = os.path.join(here, "target", "instrumented-cli.jar")
counts = [a for a in sys.argv[1:] if not a.startswith("--")]
java = next((a[len("--java="):] for a in sys.argv[1:] if a.startswith("--java=")), "java")
only = next((a[len("--only="):].split(",") for a in sys.argv[1:] if a.startswith("--only=")), None)
runs = int(counts[0]) if counts else 40
work = tempfile.mkdtemp(prefix="tk-bench-")


def home(name):
    return os.path.join(work, name)


def run(cmd, env):
    """Wall seconds, peak RSS in MB, and CPU seconds (user + system, all threads) of one run."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    if status != 0:
        raise SystemExit(f"{cmd} failed with status {status}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime


def cli(jar, main):
    # Every variant is started the same way, so that only what is in the jar differs.
    return [java, "-cp", jar, "dev.telemetrykit.benchmarks." + main, "build"]


base_env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG")}
base_env["TELEMETRY_KIT_POLICY_FILE"] = os.path.join(work, "no-policy.json")
instrumented = cli(instrumented_jar, "InstrumentedCli")
variants = {
    "plain": (cli(plain_jar, "PlainCli"), {}),
    "floor": (cli(instrumented_jar, "AnnotatedCli"), {}),
    "minimal": (cli(instrumented_jar, "MinimalRecordingCli"), {"TELEMETRY_KIT_HOME": home("minimal")}),
    "minimal-denied": (cli(instrumented_jar, "MinimalDeniedCli"), {"TELEMETRY_KIT_HOME": home("minimal-denied")}),
    "granted": (instrumented, {"TELEMETRY_KIT_HOME": home("granted")}),
    "opted-out": (instrumented, {"TELEMETRY_KIT_HOME": home("optout"), "DO_NOT_TRACK": "1"}),
    "denied": (instrumented, {"TELEMETRY_KIT_HOME": home("denied")}),
    "undecided": (instrumented, {"TELEMETRY_KIT_HOME": home("undecided")}),
}
if only:
    variants = {name: v for name, v in variants.items() if name == "plain" or name in only}
for name, action in (("granted", "enable"), ("denied", "disable"), ("minimal", "enable"), ("minimal-denied", "disable")):
    if name not in variants:
        continue
    subprocess.run(instrumented[:-1] + ["telemetry", action], env=dict(base_env, TELEMETRY_KIT_HOME=home(name)),
                   stdout=subprocess.DEVNULL, check=True)

load_before = f"{os.getloadavg()[0]:.2f}"
for _ in range(3):  # warm the file cache
    for cmd, extra in variants.values():
        run(cmd, dict(base_env, **extra))

wall = {k: [] for k in variants}
rss = {k: [] for k in variants}
cpu = {k: [] for k in variants}
granted_journal = os.path.join(home("granted"), "bench-cli.journal")
collected = 0


def collect_granted_events():
    """Takes the granted runs' events away, as a successful upload would, between rounds.

    At flushAtEvents (100) waiting events a run becomes due and starts an upload; the granted
    variant is meant to measure ordinary runs, and the due ones are measured on their own below.
    """
    global collected
    if "granted" not in variants:
        return
    for name in os.listdir(granted_journal):
        if name.endswith(".json"):
            with open(os.path.join(granted_journal, name)) as f:
                collected += sum(1 for line in f if line.strip())
            os.remove(os.path.join(granted_journal, name))


for _ in range(runs):
    if "granted" in variants and len(os.listdir(granted_journal)) >= 50:
        collect_granted_events()
    order = list(variants)
    random.shuffle(order)
    for name in order:
        cmd, extra = variants[name]
        w, m, c = run(cmd, dict(base_env, **extra))
        wall[name].append(w)
        rss[name].append(m)
        cpu[name].append(c)

collect_granted_events()
events = collected
base_wall = statistics.median(wall["plain"])
base_rss = statistics.median(rss["plain"])
base_cpu = statistics.median(cpu["plain"])
print(f"{runs} runs per variant, {os.cpu_count()} cores, java {subprocess.run([java, '-version'], capture_output=True, text=True).stderr.splitlines()[0]}")
print(f"load average before: {load_before}, after: {os.getloadavg()[0]:.2f}")


def ratio_interval(name, resamples=2000):
    """A 95% bootstrap interval of the wall-time ratio to plain, resampling whole rounds."""
    rng = random.Random(7)
    ratios = []
    for _ in range(resamples):
        rounds = [rng.randrange(runs) for _ in range(runs)]
        ratios.append(statistics.median(wall[name][i] for i in rounds)
                      / statistics.median(wall["plain"][i] for i in rounds))
    ratios.sort()
    return ratios[int(resamples * 0.025)], ratios[int(resamples * 0.975) - 1]


print(f"{'variant':14} {'median wall':>12} {'ratio':>7} {'95% interval':>15} {'p90 wall':>9} {'peak RSS':>9} {'ratio':>7}"
      f" {'CPU':>9} {'ratio':>7}")
for name in variants:
    low, high = ratio_interval(name)
    w = statistics.median(wall[name])
    p90 = sorted(wall[name])[int(len(wall[name]) * 0.9) - 1]
    m = statistics.median(rss[name])
    c = statistics.median(cpu[name])
    print(f"{name:14} {w * 1000:9.1f} ms {w / base_wall:6.3f}x  {low:.3f}-{high:.3f}x {p90 * 1000:6.1f} ms {m:6.1f} MB {m / base_rss:6.3f}x"
          f" {c * 1000:6.1f} ms {c / base_cpu:6.3f}x")
if "granted" in variants:
    print(f"granted runs recorded {events} events (expected {runs + 3})")
if only and "due" not in only:
    shutil.rmtree(work)
    sys.exit(0)


class Collector(http.server.BaseHTTPRequestHandler):
    received = 0

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            import gzip
            body = gzip.decompress(body)
        n = len(json.loads(body)["events"])
        Collector.received += n
        answer = json.dumps({"received": n, "duplicates": 0}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Collector)
threading.Thread(target=server.serve_forever, daemon=True).start()
due_env = dict(base_env, TELEMETRY_KIT_HOME=home("due"), TELEMETRY_KIT_FLUSH_INTERVAL="0",
               TELEMETRY_KIT_ENDPOINT=f"http://127.0.0.1:{server.server_port}")
subprocess.run(instrumented[:-1] + ["telemetry", "enable"], env=due_env, stdout=subprocess.DEVNULL, check=True)
due_runs = max(10, runs // 2)
pairs = {"plain": [], "due": []}
for _ in range(due_runs):
    for name in random.sample(["plain", "due"], 2):
        cmd = variants["plain"][0] if name == "plain" else instrumented
        pairs[name].append(run(cmd, base_env if name == "plain" else due_env)[0])
        time.sleep(1.5)  # let the upload process finish before the next measurement
time.sleep(3)
p, d = statistics.median(pairs["plain"]), statistics.median(pairs["due"])
print(f"due-to-upload runs ({due_runs} pairs): plain {p * 1000:.1f} ms, due {d * 1000:.1f} ms "
      f"({d / p:.3f}x, +{(d - p) * 1000:.1f} ms); the collector received {Collector.received} events")
server.shutdown()
shutil.rmtree(work)
