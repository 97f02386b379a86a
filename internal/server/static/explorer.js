/* talkgraph explorer: search talks, draw a talk's neighbourhood, chart the
   recurring themes. No framework; text goes in with textContent only. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var COLORS = { talk: "#d62728", related: "#1f77b4", speaker: "#2ca02c", tool: "#ff7f0e", concept: "#9467bd" };
  var THEME_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"];

  function $(id) { return document.getElementById(id); }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) throw new Error((body.error && body.error.message) || "HTTP " + r.status);
        return body;
      });
    });
  }

  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = String(text);
    return e;
  }

  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }

  function list(x) { return Array.isArray(x) ? x : []; }

  function short(s, n) {
    s = String(s == null ? "" : s);
    return s.length > n ? s.slice(0, n - 1) + "…" : s;
  }

  // Search.
  $("search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = $("q").value.trim();
    if (!q) return;
    $("status").textContent = "Searching…";
    getJSON("api/v1/talks?q=" + encodeURIComponent(q) + "&limit=20").then(function (t) {
      var ul = $("results");
      clear(ul);
      var rows = list(t.rows);
      $("status").textContent = rows.length ? rows.length + " talk(s)" : "No talks match.";
      rows.forEach(function (r) {
        var li = document.createElement("li");
        var b = document.createElement("button");
        b.type = "button";
        b.className = "talk";
        b.textContent = r.talk || r.id;
        b.addEventListener("click", function () { showTalk(r.id); });
        li.appendChild(b);
        var meta = [r.year, r.event, list(r.speakers).join(", ")].filter(Boolean).join(" · ");
        if (meta) {
          var s = document.createElement("div");
          s.className = "meta";
          s.textContent = meta;
          li.appendChild(s);
        }
        ul.appendChild(li);
      });
    }).catch(function (e) {
      $("status").textContent = "Search failed: " + e.message;
    });
  });

  // A talk and its neighbourhood.
  function showTalk(id) {
    var path = "api/v1/talks/" + encodeURIComponent(id);
    $("talk-meta").textContent = "Loading…";
    Promise.all([getJSON(path), getJSON(path + "/related?limit=8")]).then(function (res) {
      var talk = res[0], related = list(res[1].rows);
      $("talk-title").textContent = talk.talk || talk.id;
      $("talk-meta").textContent = [talk.year, talk.event, list(talk.speakers).join(", ")].filter(Boolean).join(" · ");
      drawGraph(talk, related);
    }).catch(function (e) {
      $("talk-meta").textContent = "Could not load the talk: " + e.message;
    });
  }

  function drawGraph(talk, related) {
    var g = $("graph");
    clear(g);
    var nodes = [];
    list(talk.speakers).forEach(function (s) { nodes.push({ kind: "speaker", label: s }); });
    list(talk.tools).slice(0, 8).forEach(function (s) { nodes.push({ kind: "tool", label: s }); });
    list(talk.concepts).slice(0, 8).forEach(function (s) { nodes.push({ kind: "concept", label: s }); });
    related.forEach(function (r) { nodes.push({ kind: "related", label: r.talk || r.id, title: (r.reason || []).join(", ") }); });
    var cx = 320, cy = 220, R = 165;
    nodes.forEach(function (n, i) {
      var a = 2 * Math.PI * i / Math.max(nodes.length, 1) - Math.PI / 2;
      n.x = cx + R * Math.cos(a);
      n.y = cy + R * Math.sin(a);
      g.appendChild(svg("line", { x1: cx, y1: cy, x2: n.x, y2: n.y, stroke: "#bbb" }));
    });
    nodes.forEach(function (n) {
      var grp = svg("g", { "class": "node node-" + n.kind, "data-kind": n.kind });
      grp.appendChild(svg("circle", { cx: n.x, cy: n.y, r: n.kind === "related" ? 9 : 7, fill: COLORS[n.kind] }));
      var left = n.x < cx - 5;
      grp.appendChild(svg("text", { x: n.x + (left ? -12 : 12), y: n.y + 4, "text-anchor": left ? "end" : "start" }, short(n.label, 22)));
      grp.appendChild(svg("title", {}, n.kind + ": " + n.label + (n.title ? " (shared: " + n.title + ")" : "")));
      g.appendChild(grp);
    });
    var c = svg("g", { "class": "node node-talk", "data-kind": "talk" });
    c.appendChild(svg("circle", { cx: cx, cy: cy, r: 14, fill: COLORS.talk }));
    c.appendChild(svg("text", { x: cx, y: cy + 30, "text-anchor": "middle", "font-weight": "bold" }, short(talk.talk || talk.id, 40)));
    g.appendChild(c);
    var lx = 8;
    ["talk", "speaker", "tool", "concept", "related"].forEach(function (k) {
      g.appendChild(svg("circle", { cx: lx + 5, cy: 12, r: 5, fill: COLORS[k] }));
      g.appendChild(svg("text", { x: lx + 14, y: 16 }, k));
      lx += 70;
    });
  }

  // Recurring themes: talks per year, one line per theme (top 5).
  function drawThemes(rows) {
    var g = $("themes");
    clear(g);
    rows = rows.slice(0, 5);
    var years = [], max = 1;
    rows.forEach(function (r) {
      list(r.per_year).forEach(function (p) {
        if (p.year != null && years.indexOf(p.year) < 0) years.push(p.year);
        max = Math.max(max, p.talks || 0);
      });
    });
    years.sort(function (a, b) { return a - b; });
    if (!rows.length || !years.length) {
      $("themes-status").textContent = "No recurring themes yet.";
      return;
    }
    $("themes-status").textContent = "Talks per year for the " + rows.length + " most recurring tools and concepts.";
    var L = 40, T = 15, W = 640, H = 200;
    function x(y) { return years.length === 1 ? L + W / 2 : L + W * years.indexOf(y) / (years.length - 1); }
    function y(v) { return T + H - H * v / max; }
    g.appendChild(svg("line", { x1: L, y1: T + H, x2: L + W, y2: T + H, stroke: "#999" }));
    g.appendChild(svg("line", { x1: L, y1: T, x2: L, y2: T + H, stroke: "#999" }));
    g.appendChild(svg("text", { x: L - 6, y: T + 4, "text-anchor": "end" }, max));
    g.appendChild(svg("text", { x: L - 6, y: T + H, "text-anchor": "end" }, 0));
    years.forEach(function (yr) {
      g.appendChild(svg("text", { x: x(yr), y: T + H + 16, "text-anchor": "middle" }, yr));
    });
    rows.forEach(function (r, i) {
      var col = THEME_COLORS[i], by = {};
      list(r.per_year).forEach(function (p) { by[p.year] = p.talks || 0; });
      var pts = years.map(function (yr) { return x(yr) + "," + y(by[yr] || 0); }).join(" ");
      var grp = svg("g", { "class": "theme" });
      grp.appendChild(svg("polyline", { points: pts, fill: "none", stroke: col, "stroke-width": 2 }));
      years.forEach(function (yr) {
        grp.appendChild(svg("circle", { cx: x(yr), cy: y(by[yr] || 0), r: 3, fill: col }));
      });
      grp.appendChild(svg("rect", { x: L + W + 30, y: T + i * 20, width: 12, height: 12, fill: col }));
      grp.appendChild(svg("text", { x: L + W + 48, y: T + i * 20 + 10 }, short(r.name, 22) + " (" + r.editions + " editions)"));
      g.appendChild(grp);
    });
  }

  getJSON("api/v1/themes?limit=5").then(function (t) { drawThemes(list(t.rows)); }).catch(function (e) {
    $("themes-status").textContent = "Could not load the themes: " + e.message;
  });
})();
