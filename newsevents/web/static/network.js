/* newsevents actor network: a small force layout (repulsion, springs, gravity) computed up front, then
   drawn once as SVG. Nodes link to actor pages, edges to dyad pages. */
"use strict";

(function () {
  const NE = window.NE;
  const COOP = "#2a7ab9", CONFLICT = "#c0392b";

  /** Place nodes with a fixed number of force iterations, deterministic (seeded on a circle). */
  function layout(nodes, edges, W, H) {
    const n = nodes.length;
    nodes.forEach((d, i) => {
      const a = (2 * Math.PI * i) / Math.max(1, n);
      d.x = W / 2 + (Math.min(W, H) / 3) * Math.cos(a);
      d.y = H / 2 + (Math.min(W, H) / 3) * Math.sin(a);
    });
    const byId = new Map(nodes.map((d) => [d.id, d]));
    const k = Math.sqrt((W * H) / Math.max(1, n)) * 0.75;
    for (let iter = 0, temp = W / 8; iter < 400; iter++, temp *= 0.988) {
      for (const d of nodes) { d.dx = 0; d.dy = 0; }
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const a = nodes[i], b = nodes[j];
          let dx = a.x - b.x, dy = a.y - b.y;
          const dist = Math.max(1, Math.hypot(dx, dy));
          if (dist > 3 * k) continue; // no long-range repulsion: separate components stay in view
          const f = (k * k) / dist;
          dx /= dist; dy /= dist;
          a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
        }
      }
      for (const e of edges) {
        const a = byId.get(e.source), b = byId.get(e.target);
        let dx = a.x - b.x, dy = a.y - b.y;
        const dist = Math.max(1, Math.hypot(dx, dy));
        const f = (dist * dist) / k * Math.min(2, 0.5 + Math.log1p(e.events) / 3);
        dx /= dist; dy /= dist;
        a.dx -= dx * f; a.dy -= dy * f; b.dx += dx * f; b.dy += dy * f;
      }
      for (const d of nodes) {
        d.dx += (W / 2 - d.x) * 0.08; d.dy += (H / 2 - d.y) * 0.08 * (W / H);
        const len = Math.max(1e-6, Math.hypot(d.dx, d.dy));
        d.x += (d.dx / len) * Math.min(len, temp);
        d.y += (d.dy / len) * Math.min(len, temp);
      }
    }
    // Fit the result into the drawing (clamping inside the loop would stack nodes on the border).
    const xs = nodes.map((d) => d.x), ys = nodes.map((d) => d.y);
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    for (const d of nodes) {
      d.x = x1 > x0 ? 40 + ((d.x - x0) / (x1 - x0)) * (W - 140) : W / 2;
      d.y = y1 > y0 ? 30 + ((d.y - y0) / (y1 - y0)) * (H - 60) : H / 2;
    }
  }

  function draw(box, data) {
    box.replaceChildren();
    const nodes = data.nodes || [], edges = data.edges || [];
    if (!nodes.length) {
      NE.message(box, "No events with both an actor and a target match these filters.");
      return;
    }
    const W = 960, H = 600;
    layout(nodes, edges, W, H);
    const byId = new Map(nodes.map((d) => [d.id, d]));
    const svg = NE.el("svg", { viewBox: `0 0 ${W} ${H + 36}`, role: "img", "aria-label": "actor network" }, box);
    const defs = NE.el("defs", {}, svg);
    for (const [name, colour] of [["coop", COOP], ["conflict", CONFLICT]]) {
      const mk = NE.el("marker", { id: "arrow-" + name, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 10, markerHeight: 10, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" }, defs);
      NE.el("path", { d: "M0,0 L10,5 L0,10 z", fill: colour }, mk);
    }
    const maxNode = Math.max(...nodes.map((d) => d.events));
    const radius = (d) => 5 + 18 * Math.sqrt(d.events / maxNode);
    const maxEdge = Math.max(...edges.map((e) => e.events));
    const gEdges = NE.el("g", {}, svg);
    for (const e of edges) {
      const a = byId.get(e.source), b = byId.get(e.target);
      const conflict = e.conflict > e.cooperation;
      const dx = b.x - a.x, dy = b.y - a.y, dist = Math.max(1, Math.hypot(dx, dy));
      // Curve each direction a little so A->B and B->A do not overlap; stop at the target's rim.
      const ex = b.x - (dx / dist) * (radius(b) + 2), ey = b.y - (dy / dist) * (radius(b) + 2);
      const cx = (a.x + ex) / 2 - (dy / dist) * 18, cy = (a.y + ey) / 2 + (dx / dist) * 18;
      const path = NE.el("path", {
        class: "edge", d: `M${a.x},${a.y} Q${cx},${cy} ${ex},${ey}`,
        stroke: conflict ? CONFLICT : COOP, "stroke-width": 1 + 5 * Math.sqrt(e.events / maxEdge),
        "stroke-opacity": 0.75, "marker-end": `url(#arrow-${conflict ? "conflict" : "coop"})`,
      }, gEdges);
      NE.tip(path, `${e.source} → ${e.target}: ${e.events} events (${e.cooperation} cooperation, ${e.conflict} conflict), Goldstein sum ${e.goldstein}`);
      path.addEventListener("click", () => {
        window.location.href = "/dyads/" + encodeURIComponent(e.source) + "/" + encodeURIComponent(e.target);
      });
    }
    const gNodes = NE.el("g", {}, svg);
    const gLabels = NE.el("g", {}, svg); // labels above every node, so no circle hides a name
    for (const d of nodes) {
      const c = NE.el("circle", { class: "node", cx: d.x, cy: d.y, r: radius(d), fill: "#4a5a6a" }, gNodes);
      NE.tip(c, `${d.id}: ${d.events} events`);
      c.addEventListener("click", () => { window.location.href = "/actors/" + encodeURIComponent(d.id); });
      NE.text(gLabels, d.x + radius(d) + 3, d.y + 4, d.id, { class: "node-label" });
    }
    // The legend sits under the drawing so it never hides a node.
    const legend = NE.el("g", { transform: `translate(14,${H + 18})` }, svg);
    NE.el("line", { x1: 0, x2: 26, y1: 0, y2: 0, stroke: COOP, "stroke-width": 3 }, legend);
    NE.text(legend, 32, 4, "mostly cooperation (quad 1–2)", { class: "legend-text" });
    NE.el("line", { x1: 220, x2: 246, y1: 0, y2: 0, stroke: CONFLICT, "stroke-width": 3 }, legend);
    NE.text(legend, 252, 4, "mostly conflict (quad 3–4)", { class: "legend-text" });
    NE.text(legend, 430, 4, `arrow width ∝ events (max ${maxEdge}); node area ∝ events (max ${maxNode})`, { class: "legend-text" });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".chart.network").forEach(async (box) => {
      NE.message(box, "Loading…");
      try {
        draw(box, await NE.fetchJSON(box.dataset.src));
      } catch (err) {
        NE.message(box, "Could not load the network: " + err.message);
      }
    });
  });
})();
