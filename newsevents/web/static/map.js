/* newsevents map: located events as circles on an equirectangular world, land drawn as the cells of a
   2-degree grid that hold populated places (static/world.json, built offline from GeoNames cities). */
"use strict";

(function () {
  const NE = window.NE;
  const COOP = "#2a7ab9", CONFLICT = "#c0392b";
  const W = 960, H = 480, LAT_TOP = 84, LAT_BOTTOM = -60; // Antarctica left out: no events there

  const px = (lon) => ((lon + 180) / 360) * W;
  const py = (lat) => ((LAT_TOP - lat) / (LAT_TOP - LAT_BOTTOM)) * H;

  function wedge(g, x, y, r, from, to, fill) {
    if (to - from >= 0.9999) return NE.el("circle", { class: "point", cx: x, cy: y, r: r, fill: fill }, g);
    const a0 = 2 * Math.PI * from - Math.PI / 2, a1 = 2 * Math.PI * to - Math.PI / 2;
    const large = to - from > 0.5 ? 1 : 0;
    const d = `M${x},${y} L${x + r * Math.cos(a0)},${y + r * Math.sin(a0)} A${r},${r} 0 ${large} 1 ${x + r * Math.cos(a1)},${y + r * Math.sin(a1)} Z`;
    return NE.el("path", { class: "point", d: d, fill: fill }, g);
  }

  function draw(box, world, data) {
    box.replaceChildren();
    const svg = NE.el("svg", { viewBox: `-24 0 ${W + 48} ${H + 40}`, role: "img", "aria-label": "map of events" }, box);
    NE.el("rect", { class: "frame", x: 0, y: 0, width: W, height: H }, svg);
    const grat = NE.el("g", { class: "graticule" }, svg);
    const labels = NE.el("g", {}, svg);
    for (let lon = -180; lon <= 180; lon += 30) {
      NE.el("line", { x1: px(lon), x2: px(lon), y1: 0, y2: H }, grat);
      NE.text(labels, px(lon), H + 13, `${Math.abs(lon)}°${lon < 0 ? "W" : lon > 0 ? "E" : ""}`, { class: "tick", "text-anchor": "middle" });
    }
    for (let lat = -60; lat <= 80; lat += 30) {
      NE.el("line", { x1: 0, x2: W, y1: py(lat), y2: py(lat) }, grat);
      NE.text(labels, 3, py(lat) - 3, `${Math.abs(lat)}°${lat < 0 ? "S" : lat > 0 ? "N" : ""}`, { class: "tick" });
    }
    const land = NE.el("g", { class: "land" }, svg);
    const step = world.cell || 2;
    const cw = (step / 360) * W, ch = (step / (LAT_TOP - LAT_BOTTOM)) * H;
    for (const [lat, lon] of world.cells || []) {
      if (lat < LAT_BOTTOM) continue;
      NE.el("rect", { x: px(lon), y: py(lat + step), width: cw + 0.3, height: ch + 0.3 }, land);
    }
    const points = (data.points || []).filter((p) => p.lat !== null && p.lon !== null);
    const maxN = Math.max(1, ...points.map((p) => p.events));
    const radius = (n) => 3 + 14 * Math.sqrt(n / maxN);
    const gp = NE.el("g", {}, svg);
    for (const p of points) {
      const x = px(p.lon), y = py(p.lat), r = radius(p.events);
      const share = p.events ? p.cooperation / p.events : 0;
      const g = NE.el("g", { class: "place" }, gp);
      if (share > 0) wedge(g, x, y, r, 0, share, COOP);
      if (share < 1) wedge(g, x, y, r, share, 1, CONFLICT);
      NE.tip(g, `${p.name || "?"} (${p.country || "?"}): ${p.events} events, ${p.cooperation} cooperation, ${p.conflict} conflict`);
      g.addEventListener("click", () => {
        window.location.href = "/?place=" + encodeURIComponent(p.name || p.country || "");
      });
    }
    // Name the busiest places; the rest have tooltips.
    points.slice(0, 12).forEach((p) => {
      NE.text(gp, px(p.lon) + radius(p.events) + 2, py(p.lat) + 3, p.name || p.country || "", { class: "place-label" });
    });
    const legend = NE.el("g", { transform: `translate(8,${H + 30})` }, svg);
    NE.el("circle", { cx: 6, cy: -3, r: 6, fill: COOP }, legend);
    NE.text(legend, 16, 1, "cooperation (quad 1–2)", { class: "legend-text" });
    NE.el("circle", { cx: 176, cy: -3, r: 6, fill: CONFLICT }, legend);
    NE.text(legend, 186, 1, "conflict (quad 3–4)", { class: "legend-text" });
    NE.text(legend, 330, 1, `circle area ∝ events at the place (largest: ${maxN}); ${points.length} places; lon/lat in degrees`, { class: "legend-text" });
    if (!points.length) NE.text(svg, W / 2, H / 2, "No located events match these filters.", { "text-anchor": "middle", class: "legend-text" });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".chart.map").forEach(async (box) => {
      NE.message(box, "Loading…");
      try {
        const [world, data] = await Promise.all([NE.fetchJSON(box.dataset.world), NE.fetchJSON(box.dataset.src)]);
        draw(box, world, data);
      } catch (err) {
        NE.message(box, "Could not load the map: " + err.message);
      }
    });
  });
})();
