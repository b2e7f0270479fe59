// Thin wrappers over uPlot (served from its webjar at /vendor/uplot.js): a time series of days and a
// bar chart of named values. All drawing is uPlot's; this file only shapes data and options.
"use strict";

const Charts = (() => {
  const PALETTE = ["#3b5bdb", "#f08c00", "#2b8a3e", "#ae3ec9", "#c92a2a", "#1098ad", "#5c940d", "#868e96"];
  const HEIGHT = 240;
  const utc = ts => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC");

  function widthOf(el) {
    return Math.max(240, Math.floor(el.clientWidth || el.parentElement.clientWidth - 36));
  }

  function replace(el, opts, data) {
    if (el._plot) el._plot.destroy();
    el.textContent = "";
    el._plot = new uPlot(opts, data, el);
    el._redraw = () => el._plot.setSize({width: widthOf(el), height: HEIGHT});
  }

  /** days: ["YYYY-MM-DD", ...]; series: [{label, values: [number per day]}]. */
  function timeSeries(el, days, series) {
    const xs = days.map(day => Date.parse(day + "T00:00:00Z") / 1000);
    replace(el, {
      width: widthOf(el), height: HEIGHT, tzDate: utc,
      scales: {x: {time: true}, y: {range: (u, min, max) => [0, Math.max(1, max)]}},
      axes: [{}, {size: 44, values: (u, splits) => splits.map(v => Number.isInteger(v) ? v : "")}],
      series: [{}].concat(series.map((s, i) => ({
        label: s.label, stroke: PALETTE[i % PALETTE.length], width: 2,
        fill: series.length === 1 ? PALETTE[0] + "22" : undefined,
        points: {show: days.length <= 31},
      }))),
    }, [xs].concat(series.map(s => s.values)));
  }

  /** rows: [{label, value}] in display order; one bar each. */
  function bars(el, rows, valueLabel) {
    const xs = rows.map((row, i) => i);
    const short = label => label.length > 16 ? label.slice(0, 15) + "…" : label;
    replace(el, {
      width: widthOf(el), height: HEIGHT,
      legend: {show: false},
      cursor: {points: {show: false}},
      scales: {x: {time: false, range: () => [-0.5, rows.length - 0.5]},
               y: {range: (u, min, max) => [0, Math.max(1, max * 1.1)]}},
      axes: [
        {splits: () => xs, values: () => rows.map(row => short(row.label)), gap: 6},
        {size: 40, values: (u, splits) => splits.map(v => Number.isInteger(v) ? v : "")},
      ],
      series: [{}, {
        label: valueLabel, stroke: PALETTE[0], fill: PALETTE[0] + "cc", width: 0,
        paths: uPlot.paths.bars({size: [0.6, 56]}), points: {show: false},
      }],
    }, [xs, rows.map(row => row.value)]);
  }

  function clear(el) {
    if (el._plot) el._plot.destroy();
    el._plot = null;
    el._redraw = null;
    el.textContent = "";
  }

  function redrawAll() {
    document.querySelectorAll(".chart").forEach(el => el._redraw && el._redraw());
  }

  let resizeTimer;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(redrawAll, 100);
  });

  return {timeSeries, bars, clear};
})();
