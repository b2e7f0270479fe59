// The dashboard: reads the analytics API (docs/analytics-api.md) and renders it.
// The admin token lives in sessionStorage only and travels in the Authorization header only:
// never in a URL, never written to the console.
"use strict";

(() => {
  const TOKEN_KEY = "telemetry-kit.admin-token";
  const $ = id => document.getElementById(id);
  const state = {service: null, from: null, to: null, today: null, command: null, ci: "", generation: 0};

  class Unauthorized extends Error {}

  async function api(path) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const headers = {Accept: "application/json"};
    if (token) headers.Authorization = "Bearer " + token;
    const response = await fetch(path, {headers, cache: "no-store", credentials: "omit"});
    if (response.status === 401) throw new Unauthorized();
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new Error((body && body.error) || "the collector answered " + response.status);
    return body;
  }

  function range() {
    return "from=" + state.from + "&to=" + state.to;
  }

  /** The CI filter for the reports about runs: "" (all runs), "&ci=true" or "&ci=false". */
  function runFilter() {
    return state.ci ? "&ci=" + state.ci : "";
  }

  function servicePath(report) {
    return "/api/services/" + encodeURIComponent(state.service) + report;
  }

  // ---- screens -------------------------------------------------------------------------------

  function show(screen) {
    document.body.dataset.state = screen;
    $("token-panel").hidden = screen !== "token";
    $("error-panel").hidden = screen !== "error";
    $("welcome").hidden = screen !== "welcome";
    $("dashboard").hidden = screen !== "ready";
    $("controls").hidden = screen !== "ready";
    $("sign-out").hidden = !sessionStorage.getItem(TOKEN_KEY);
  }

  function askForToken(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    $("token-message").textContent = message;
    $("token-input").value = "";
    show("token");
    $("token-input").focus();
  }

  function failed(error) {
    if (error instanceof Unauthorized) {
      const hadToken = !!sessionStorage.getItem(TOKEN_KEY);
      askForToken(hadToken ? "That token was not accepted. Check it and try again."
          : "This collector requires its admin token to show any numbers.");
    } else {
      $("error-message").textContent = String(error.message || error);
      show("error");
    }
  }

  // ---- dates ---------------------------------------------------------------------------------

  function addDays(day, n) {
    const d = new Date(day + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

  function daysBetween(from, to) {
    const days = [];
    for (let day = from; day <= to && days.length < 3700; day = addDays(day, 1)) days.push(day);
    return days;
  }

  function markPreset() {
    document.querySelectorAll(".preset").forEach(button => {
      const days = Number(button.dataset.days);
      button.classList.toggle("active", state.to === state.today && state.from === addDays(state.today, 1 - days));
    });
  }

  // ---- loading -------------------------------------------------------------------------------

  async function start() {
    $("collector-url").textContent = location.origin;
    show("loading");
    try {
      const services = (await api("/api/services")).services;
      if (services.length === 0) {
        show("welcome");
        return;
      }
      const select = $("service");
      select.textContent = "";
      for (const s of services) select.add(new Option(s.service + " (" + s.events.toLocaleString("en-US") + " events)", s.service));
      // The busiest service first: most authors have one, and then it is the one that matters.
      const busiest = services.reduce((a, b) => (b.events > a.events ? b : a));
      if (!services.some(s => s.service === state.service)) state.service = busiest.service;
      select.value = state.service;
      if (!state.today) {
        // "Today" is the collector's (UTC), not the browser's: its default range ends there.
        const defaults = await api(servicePath("/summary"));
        state.today = defaults.to;
        state.from = defaults.from;
        state.to = defaults.to;
      }
      await load();
    } catch (error) {
      failed(error);
    }
  }

  async function load() {
    const generation = ++state.generation;
    $("from").value = state.from;
    $("to").value = state.to;
    markPreset();
    document.body.dataset.state = "loading";
    try {
      const q = "?" + range();
      const [summary, commands, users, versions, platforms, features, failures, releases] = await Promise.all([
        api(servicePath("/summary" + q)), api(servicePath("/commands" + q + "&limit=20" + runFilter())),
        api(servicePath("/active-users" + q)), api(servicePath("/versions" + q)),
        api(servicePath("/platforms" + q)), api(servicePath("/features" + q)),
        api(servicePath("/failures" + q + runFilter())), api(servicePath("/releases" + q + runFilter())),
      ]);
      if (generation !== state.generation) return; // a newer choice is loading
      show("ready");
      renderSummary(summary);
      const empty = summary.events === 0;
      $("range-empty").hidden = !empty;
      $("reports").hidden = empty;
      if (!empty) {
        renderReleases(releases, versions.days);
        renderCommands(commands.commands);
        renderActivity(users.periods, versions.days);
        renderVersions(versions.days);
        renderBars("chart-os", platforms.os.map(r => ({label: r.value, value: r.users})), "users");
        renderBars("chart-arch", platforms.arch.map(r => ({label: r.value, value: r.users})), "users");
        renderBars("chart-java", platforms.java_version.map(r => ({label: r.value, value: r.users})), "users");
        renderBars("chart-features", features.features.map(r => ({label: r.name, value: r.count})), "uses");
        renderBars("chart-methods", features.methods.map(r => ({label: r.name, value: r.count})), "calls");
        renderFailures(failures.failures);
        await renderOptions();
      }
    } catch (error) {
      if (generation === state.generation) failed(error);
    }
  }

  // ---- rendering -----------------------------------------------------------------------------

  const count = n => Number(n).toLocaleString("en-US");
  const percent = rate => (rate === null || rate === undefined ? "–" : (rate * 100).toFixed(1) + "%");
  const millis = ms => (ms >= 10000 ? (ms / 1000).toFixed(1) + " s" : count(ms) + " ms");

  function renderSummary(s) {
    $("stat-runs").textContent = count(s.runs);
    $("stat-users").textContent = count(s.active_users);
    $("stat-success").textContent = percent(s.success_rate);
    $("stat-failed").textContent = count(s.failed_runs);
    $("stat-events").textContent = count(s.events);
    $("range-note").textContent = s.service + " · " + s.from + " to " + s.to + " (UTC, both inclusive)";
  }

  const ratioText = ratio => (ratio === null ? "" : ratio.toFixed(2).replace(/0$/, "") + "×");

  /** A regression in words: "1.6.0: deploy fails 1.87× as often as 1.5.0 (5.0% → 9.4%), 2,094 runs". */
  function regressionText(r) {
    const what = r.metric === "failure_rate"
        ? r.command + " fails " + ratioText(r.ratio) + " as often as " + r.baseline_version
          + " (" + percent(r.baseline) + " → " + percent(r.value) + ")"
        : r.command + " " + (r.metric === "p50_ms" ? "p50" : "p95") + " " + ratioText(r.ratio) + " slower than "
          + r.baseline_version + " (" + millis(r.baseline) + " → " + millis(r.value) + ")";
    return r.version + ": " + what + ", " + count(r.runs) + " runs";
  }

  function renderReleases(report, versionDays) {
    const list = $("regressions");
    list.textContent = "";
    for (const r of report.regressions) {
      const item = document.createElement("li");
      item.className = "regression";
      item.textContent = regressionText(r);
      list.appendChild(item);
    }
    $("regressions-none").hidden = report.regressions.length > 0;
    const flagged = new Set(report.regressions.map(r => r.version));
    const body = $("releases-table").tBodies[0];
    body.textContent = "";
    for (const v of report.versions) {
      const row = body.insertRow();
      row.dataset.version = v.version;
      row.classList.toggle("flagged", flagged.has(v.version));
      cell(row, v.version + (flagged.has(v.version) ? " (regression)" : ""));
      cell(row, v.first_seen || "–");
      cell(row, count(v.users), "num");
      cell(row, percent(v.share_of_users), "num");
      cell(row, count(v.runs), "num");
      cell(row, percent(v.failure_rate), "num");
      cell(row, v.p95_ms === null ? "–" : millis(v.p95_ms), "num");
    }
    // "On the latest version": of the users on the range's last active day, those on the newest version.
    const latest = report.versions.length ? report.versions[0].version : null;
    const lastDay = versionDays.reduce((day, row) => (row.day > day ? row.day : day), "");
    const onDay = versionDays.filter(row => row.day === lastDay);
    const total = onDay.reduce((sum, row) => sum + row.users, 0);
    const onLatest = onDay.filter(row => row.version === latest).reduce((sum, row) => sum + row.users, 0);
    $("latest-share").textContent = latest && total
        ? "On the latest version (" + latest + ") on " + lastDay + ": " + percent(onLatest / total) + " of users" : "";
  }

  function cell(row, text, className) {
    const td = row.insertCell();
    td.textContent = text;
    if (className) td.className = className;
    return td;
  }

  function renderCommands(commands) {
    const body = $("commands-table").tBodies[0];
    body.textContent = "";
    $("commands-empty").hidden = commands.length > 0;
    $("commands-table").hidden = commands.length === 0;
    if (!commands.some(c => c.command === state.command)) state.command = commands.length ? commands[0].command : null;
    for (const c of commands) {
      const row = body.insertRow();
      row.dataset.command = c.command;
      row.classList.toggle("selected", c.command === state.command);
      row.title = "Show the options of " + c.command;
      cell(row, c.command);
      cell(row, count(c.count), "num");
      cell(row, percent(c.success_rate), "num " + (c.success_rate < 0.9 ? "bad" : "good"));
      cell(row, millis(c.p50_ms), "num");
      cell(row, millis(c.p95_ms), "num");
      row.addEventListener("click", () => {
        state.command = c.command;
        body.querySelectorAll("tr").forEach(r => r.classList.toggle("selected", r === row));
        renderOptions().catch(failed);
      });
    }
  }

  async function renderOptions() {
    if (!state.command) {
      $("options-panel").hidden = true;
      return;
    }
    const command = state.command;
    const report = await api(servicePath("/commands/" + encodeURIComponent(command) + "/options?" + range()));
    if (command !== state.command) return;
    $("options-panel").hidden = false;
    $("options-command").textContent = command;
    $("options-runs").textContent = count(report.runs) + " runs";
    const body = $("options-table").tBodies[0];
    body.textContent = "";
    $("options-empty").hidden = report.options.length > 0;
    $("options-table").hidden = report.options.length === 0;
    for (const o of report.options) {
      const row = body.insertRow();
      cell(row, o.option);
      cell(row, count(o.count), "num");
      const values = row.insertCell();
      for (const v of o.values) {
        const chip = document.createElement("span");
        chip.className = "chip";
        chip.textContent = v.value + " × " + v.count;
        values.appendChild(chip);
      }
    }
  }

  function renderActivity(periods, versionDays) {
    const days = daysBetween(state.from, state.to);
    const users = new Map(periods.map(p => [p.start, p.users]));
    const runs = new Map();
    for (const row of versionDays) runs.set(row.day, (runs.get(row.day) || 0) + row.runs);
    Charts.timeSeries($("chart-activity"), days, [
      {label: "active users", values: days.map(d => users.get(d) || 0)},
      {label: "runs", values: days.map(d => runs.get(d) || 0)},
    ]);
  }

  function renderVersions(versionDays) {
    const days = daysBetween(state.from, state.to);
    const byVersion = new Map();
    for (const row of versionDays) {
      if (!byVersion.has(row.version)) byVersion.set(row.version, new Map());
      byVersion.get(row.version).set(row.day, row.users);
    }
    const series = [...byVersion.entries()].map(([version, perDay]) => ({
      label: version || "(none)", values: days.map(d => perDay.get(d) || 0),
    }));
    if (series.length === 0) series.push({label: "users", values: days.map(() => 0)});
    Charts.timeSeries($("chart-versions"), days, series);
  }

  function renderBars(id, rows, valueLabel) {
    const el = $(id);
    const empty = el.parentElement.querySelector(".empty");
    if (empty) empty.hidden = rows.length > 0;
    if (rows.length === 0) Charts.clear(el);
    else Charts.bars(el, rows, valueLabel);
  }

  function renderFailures(failures) {
    renderBars("chart-failures", failures.map(f => ({label: shortClass(f.error), value: f.count})), "failed runs");
    const list = $("failures-list");
    list.textContent = "";
    for (const f of failures) {
      const item = document.createElement("li");
      const name = document.createElement("code");
      name.textContent = f.error === null ? "exit code only" : f.error;
      item.append(name, " " + count(f.count) + " in " + f.commands.map(c => c.command + " (" + c.count + ")").join(", "));
      list.appendChild(item);
    }
  }

  function shortClass(error) {
    return error === null ? "exit code" : error.slice(error.lastIndexOf(".") + 1);
  }

  // ---- controls ------------------------------------------------------------------------------

  $("service").addEventListener("change", event => {
    state.service = event.target.value;
    state.command = null;
    load();
  });

  $("ci").addEventListener("change", event => {
    state.ci = event.target.value;
    load();
  });

  document.querySelectorAll(".preset").forEach(button => button.addEventListener("click", () => {
    state.to = state.today;
    state.from = addDays(state.today, 1 - Number(button.dataset.days));
    load();
  }));

  for (const id of ["from", "to"]) {
    $(id).addEventListener("change", () => {
      const from = $("from").value;
      const to = $("to").value;
      if (from && to && from <= to) {
        state.from = from;
        state.to = to;
        load();
      }
    });
  }

  $("token-form").addEventListener("submit", event => {
    event.preventDefault();
    const token = $("token-input").value.trim();
    if (!token) return;
    sessionStorage.setItem(TOKEN_KEY, token);
    $("token-input").value = "";
    $("token-message").textContent = "";
    start();
  });

  $("sign-out").addEventListener("click", () => askForToken("Token forgotten for this tab."));

  start();
})();
