/* newsevents charts: timeline (events per period by quad class + Goldstein sum), drawn as plain SVG.
   No inline script is allowed (CSP), so every chart finds its container by class and reads its data URL
   from data-src. All text goes through textContent, never innerHTML. */
"use strict";

const NE = (window.NE = window.NE || {});
const SVGNS = "http://www.w3.org/2000/svg";
NE.QUAD_COLOURS = { 1: "#5b9bd5", 2: "#1f5fa8", 3: "#e8975a", 4: "#c0392b" };
NE.QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };

/** Create an SVG element with attributes, append it to parent, return it. */
NE.el = function (name, attrs, parent) {
  const node = document.createElementNS(SVGNS, name);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (parent) parent.appendChild(node);
  return node;
};

/** Add a text element (content set with textContent, so data can never become markup). */
NE.text = function (parent, x, y, content, attrs) {
  const t = NE.el("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
  t.textContent = content;
  return t;
};

/** Add a native tooltip to an SVG element. */
NE.tip = function (node, content) {
  const t = NE.el("title", {}, node);
  t.textContent = content;
};

NE.message = function (box, content) {
  box.replaceChildren();
  const p = document.createElement("p");
  p.className = "chart-message";
  p.textContent = content;
  box.appendChild(p);
};

NE.fetchJSON = async function (url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.message || "HTTP " + response.status);
  return body;
};

/** Return about n round tick values covering [lo, hi]. */
NE.ticks = function (lo, hi, n) {
  if (hi === lo) hi = lo + 1;
  const raw = (hi - lo) / Math.max(1, n);
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) || raw;
  const out = [];
  const top = Math.ceil(hi / step - 1e-9) * step;
  for (let v = Math.floor(lo / step) * step; v <= top + step * 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
};

function drawTimeline(box, data) {
  const periods = data.periods || [];
  box.replaceChildren();
  if (!periods.length) {
    NE.message(box, "No dated events to chart.");
    return;
  }
  const W = 900, H = 340, m = { top: 46, right: 64, bottom: 64, left: 54 };
  const iw = W - m.left - m.right, ih = H - m.top - m.bottom;
  const svg = NE.el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": box.dataset.title || "timeline" }, box);
  const g = NE.el("g", { transform: `translate(${m.left},${m.top})` }, svg);
  const maxCount = Math.max(1, ...periods.map((p) => p.total));
  const gold = periods.map((p) => p.goldstein);
  const gLo = Math.min(0, ...gold), gHi = Math.max(0, ...gold);
  const countTicks = NE.ticks(0, maxCount, 5);
  const yMax = countTicks[countTicks.length - 1];
  const goldTicks = NE.ticks(gLo, gHi === gLo ? gLo + 1 : gHi, 5);
  const g0 = goldTicks[0], g1 = goldTicks[goldTicks.length - 1];
  const y = (v) => ih - (v / yMax) * ih;
  const yg = (v) => ih - ((v - g0) / (g1 - g0)) * ih;
  const band = iw / periods.length;
  const bw = Math.max(2, Math.min(48, band * 0.7));
  const grid = NE.el("g", { class: "grid" }, g);
  const left = NE.el("g", { class: "axis" }, g);
  for (const t of countTicks) {
    NE.el("line", { x1: 0, x2: iw, y1: y(t), y2: y(t) }, grid);
    NE.el("line", { x1: -4, x2: 0, y1: y(t), y2: y(t) }, left);
    NE.text(left, -7, y(t) + 3, String(t), { class: "tick", "text-anchor": "end" });
  }
  NE.el("line", { x1: 0, x2: 0, y1: 0, y2: ih }, left);
  NE.text(g, -40, ih / 2, "events (count)", { class: "axis-label", transform: `rotate(-90 -40 ${ih / 2})`, "text-anchor": "middle" });
  const right = NE.el("g", { class: "axis" }, g);
  NE.el("line", { x1: iw, x2: iw, y1: 0, y2: ih }, right);
  for (const t of goldTicks) {
    NE.el("line", { x1: iw, x2: iw + 4, y1: yg(t), y2: yg(t) }, right);
    NE.text(right, iw + 7, yg(t) + 3, String(t), { class: "tick" });
  }
  NE.text(g, iw + 50, ih / 2, "Goldstein sum (−10…+10 per event)", { class: "axis-label", transform: `rotate(90 ${iw + 50} ${ih / 2})`, "text-anchor": "middle" });
  const bars = NE.el("g", {}, g);
  const every = Math.max(1, Math.ceil(periods.length / 12));
  periods.forEach((p, i) => {
    const x = i * band + (band - bw) / 2;
    let acc = 0;
    for (const q of ["1", "2", "3", "4"]) {
      const n = p.counts[q] || 0;
      if (!n) continue;
      const r = NE.el("rect", { x: x, y: y(acc + n), width: bw, height: y(acc) - y(acc + n), fill: NE.QUAD_COLOURS[q] }, bars);
      NE.tip(r, `${p.period}: ${n} ${NE.QUAD_NAMES[q]}`);
      acc += n;
    }
    if (i % every === 0) {
      const label = data.bucket === "month" ? p.period.slice(0, 7) : p.period;
      NE.text(left, i * band + band / 2, ih + 16, label, { class: "tick", "text-anchor": "end", transform: `rotate(-35 ${i * band + band / 2} ${ih + 16})` });
    }
  });
  NE.el("line", { x1: 0, x2: iw, y1: ih, y2: ih }, left);
  if (g0 < 0 && g1 > 0) NE.el("line", { x1: 0, x2: iw, y1: yg(0), y2: yg(0), stroke: "#666", "stroke-dasharray": "2 3" }, g);
  const pts = periods.map((p, i) => `${i * band + band / 2},${yg(p.goldstein)}`).join(" ");
  NE.el("polyline", { points: pts, fill: "none", stroke: "#222", "stroke-width": 1.8 }, g);
  periods.forEach((p, i) => {
    const c = NE.el("circle", { cx: i * band + band / 2, cy: yg(p.goldstein), r: 3.2, fill: "#222" }, g);
    NE.tip(c, `${p.period}: Goldstein sum ${p.goldstein} over ${p.total} events`);
  });
  NE.text(g, iw / 2, ih + 56, data.bucket === "month" ? "month" : "week (starting Monday)", { class: "axis-label", "text-anchor": "middle" });
  const legend = NE.el("g", { transform: "translate(0,-34)" }, g);
  let lx = 0;
  for (const q of ["1", "2", "3", "4"]) {
    NE.el("rect", { x: lx, y: 0, width: 12, height: 10, fill: NE.QUAD_COLOURS[q] }, legend);
    lx += 16 + NE.text(legend, lx + 16, 9, `Q${q} ${NE.QUAD_NAMES[q]}`, { class: "legend-text" }).getComputedTextLength() + 14;
  }
  NE.el("line", { x1: lx, x2: lx + 18, y1: 5, y2: 5, stroke: "#222", "stroke-width": 1.8 }, legend);
  NE.text(legend, lx + 22, 9, "Goldstein sum", { class: "legend-text" });
}

async function loadTimeline(box, bucket) {
  const url = new URL(box.dataset.src, window.location.origin);
  url.searchParams.set("bucket", bucket);
  NE.message(box, "Loading…");
  try {
    const body = await NE.fetchJSON(url.pathname + url.search);
    drawTimeline(box, body.timeline || body);
    box.dataset.drawn = bucket;
  } catch (err) {
    NE.message(box, "Could not load the chart: " + err.message);
  }
  const controls = box.parentElement.querySelectorAll("a.bucket");
  controls.forEach((a) => a.classList.toggle("selected", a.dataset.bucket === bucket));
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".chart.timeline").forEach((box) => {
    loadTimeline(box, "month");
    box.parentElement.querySelectorAll("a.bucket").forEach((a) =>
      a.addEventListener("click", (ev) => {
        ev.preventDefault();
        loadTimeline(box, a.dataset.bucket);
      })
    );
  });
});
