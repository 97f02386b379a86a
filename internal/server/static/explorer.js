/* talkgraph explorer: search talks, draw a talk's neighbourhood with its
   related talks (and why), chart the recurring themes by share of each
   year's talks. No framework; text goes in with textContent only. The
   location hash holds the view (#q=words&talk=ID), so a view can be shared. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var COLORS = { talk: "#d62728", related: "#1f77b4", speaker: "#2ca02c", tool: "#ff7f0e", concept: "#9467bd" };
  var THEME_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"];
  var FONT = "12px system-ui, sans-serif", LINE = 15;

  function $(id) { return document.getElementById(id); }

  // A server that requires an API key answers 401: the page then asks for
  // the key once, keeps it for this tab only (sessionStorage) and sends it
  // as a bearer token.
  var KEY = "talkgraph-api-key";
  function storedKey() {
    try { return sessionStorage.getItem(KEY) || ""; } catch (e) { return ""; }
  }

  function getJSON(url) {
    var headers = { Accept: "application/json" }, key = storedKey();
    if (key) headers.Authorization = "Bearer " + key;
    return fetch(url, { headers: headers }).then(function (r) {
      if (r.status === 401) askKey(!!key);
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) throw new Error((body.error && body.error.message) || "HTTP " + r.status);
        return body;
      });
    });
  }

  function askKey(wrong) {
    var form = $("key-form");
    form.hidden = false;
    say($("key-status"), wrong ? "That key was refused. Enter this server's API key." : "This server needs an API key.", wrong);
    $("key").focus();
  }

  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = String(text);
    return e;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = String(text);
    return e;
  }

  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }

  function list(x) { return Array.isArray(x) ? x : []; }

  // say shows a message in a status line; an error is styled as one.
  function say(e, text, isError) {
    e.textContent = text;
    e.classList.toggle("error", !!isError);
    e.classList.toggle("note", !isError);
    if (isError) e.setAttribute("role", "alert");
    else e.removeAttribute("role");
  }

  // wrap splits text into lines no wider than width pixels (a word longer
  // than that is split), measured in the drawing's font: labels are never
  // cut, they wrap.
  var measure = document.createElement("canvas").getContext("2d");
  function wrap(text, width) {
    measure.font = FONT;
    var words = String(text == null ? "" : text).split(/\s+/).filter(Boolean), lines = [], cur = "";
    words.forEach(function (w) {
      while (measure.measureText(w).width > width && w.length > 1) {
        var n = w.length - 1;
        while (n > 1 && measure.measureText(w.slice(0, n)).width > width) n--;
        if (cur) { lines.push(cur); cur = ""; }
        lines.push(w.slice(0, n));
        w = w.slice(n);
      }
      var next = cur ? cur + " " + w : w;
      if (cur && measure.measureText(next).width > width) {
        lines.push(cur);
        cur = w;
      } else {
        cur = next;
      }
    });
    if (cur) lines.push(cur);
    return lines.length ? lines : [""];
  }

  // label draws lines of text at x, the first line's baseline at y.
  function label(lines, x, y, anchor, bold) {
    var t = svg("text", { x: x, y: y, "text-anchor": anchor });
    if (bold) t.setAttribute("font-weight", "bold");
    lines.forEach(function (l, i) {
      t.appendChild(svg("tspan", { x: x, dy: i ? LINE : 0 }, l));
    });
    return t;
  }

  // The view in the location hash: {q, talk}.
  function view() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    return { q: p.get("q") || "", talk: p.get("talk") || "" };
  }

  function setView(v) {
    var p = new URLSearchParams();
    if (v.q) p.set("q", v.q);
    if (v.talk) p.set("talk", v.talk);
    var h = "#" + p.toString();
    if (location.hash !== h) location.hash = h; // hashchange shows it
    else route();
  }

  var shown = { q: null, talk: null };
  function route() {
    var v = view();
    if (v.q !== shown.q) {
      shown.q = v.q;
      $("q").value = v.q;
      if (v.q) search(v.q);
    }
    if (v.talk !== shown.talk) {
      shown.talk = v.talk;
      if (v.talk) showTalk(v.talk);
    }
  }

  function open(id) {
    var v = view();
    v.talk = id;
    setView(v);
  }

  // Search.
  $("search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = $("q").value.trim();
    if (!q) return;
    var v = view();
    v.q = q;
    shown.q = null; // search again even for the same words
    setView(v);
  });

  function search(q) {
    say($("status"), "Searching…");
    getJSON("api/v1/talks?q=" + encodeURIComponent(q) + "&limit=20").then(function (t) {
      var ul = $("results");
      clear(ul);
      var rows = list(t.rows);
      say($("status"), rows.length ? rows.length + " talk(s) for “" + q + "”" : "No talks match “" + q + "”.");
      rows.forEach(function (r) {
        var li = el("li");
        var b = el("button", "link talk", r.talk || r.id);
        b.type = "button";
        b.addEventListener("click", function () { open(r.id); });
        li.appendChild(b);
        var meta = [r.year, r.event, list(r.speakers).join(", ")].filter(Boolean).join(" · ");
        if (meta) li.appendChild(el("div", "meta", meta));
        ul.appendChild(li);
      });
    }).catch(function (e) {
      clear($("results"));
      say($("status"), "Search failed: " + e.message, true);
    });
  }

  // A talk, its neighbourhood and its related talks.
  function showTalk(id) {
    var path = "api/v1/talks/" + encodeURIComponent(id);
    say($("talk-meta"), "Loading…");
    Promise.all([getJSON(path), getJSON(path + "/related?limit=8")]).then(function (res) {
      var talk = res[0], related = list(res[1].rows);
      $("talk-title").textContent = talk.talk || talk.id;
      var meta = $("talk-meta");
      say(meta, [talk.year, talk.event, list(talk.speakers).join(", ")].filter(Boolean).join(" · "));
      if (talk.video_url && /^https?:\/\//.test(talk.video_url)) {
        meta.appendChild(document.createTextNode(" · "));
        var a = el("a", "", "video");
        a.href = talk.video_url;
        a.rel = "noopener";
        meta.appendChild(a);
      }
      drawGraph(talk, related);
      listRelated(related);
    }).catch(function (e) {
      $("talk-title").textContent = "Neighbourhood";
      clear($("graph"));
      clear($("related"));
      say($("talk-meta"), "Could not load the talk " + id + ": " + e.message, true);
    });
  }

  function listRelated(related) {
    var ol = $("related");
    clear(ol);
    if (!related.length) {
      ol.appendChild(el("li", "note", "No related talks."));
      return;
    }
    related.forEach(function (r) {
      var li = el("li", "related-talk");
      var b = el("button", "link", r.talk || r.id);
      b.type = "button";
      b.addEventListener("click", function () { open(r.id); });
      li.appendChild(b);
      var meta = [r.event || r.year, list(r.speakers).join(", ")].filter(Boolean).join(" · ");
      if (meta) li.appendChild(el("div", "meta", meta));
      var why = list(r.reason);
      if (why.length) {
        var d = el("div", "reason");
        d.appendChild(el("b", "", "Shared: "));
        d.appendChild(document.createTextNode(why.join(", ")));
        li.appendChild(d);
      }
      ol.appendChild(li);
    });
  }

  // drawGraph draws the talk in the middle, its speakers, tools and
  // concepts in a column on the left and its related talks in a column on
  // the right, each label wrapped on its own rows: nothing overlaps and no
  // label is cut.
  // The drawings use the width they are shown at, one unit a pixel, so
  // that their text keeps its size on a phone.
  function widthOf(e, fallback) {
    return Math.max(300, Math.round(e.getBoundingClientRect().width || fallback));
  }

  var last = null; // the talk drawn, to draw again when the width changes
  function drawGraph(talk, related) {
    last = { talk: talk, related: related };
    var g = $("graph");
    clear(g);
    var W = widthOf(g, 560), top = 34, gap = 8;
    var colW = Math.min(190, Math.floor((W - 44 - 130) / 2)), centerW = W - 2 * (colW + 32) - 10;
    var left = [], right = [];
    list(talk.speakers).forEach(function (s) { left.push({ kind: "speaker", label: s }); });
    list(talk.tools).slice(0, 8).forEach(function (s) { left.push({ kind: "tool", label: s }); });
    list(talk.concepts).slice(0, 8).forEach(function (s) { left.push({ kind: "concept", label: s }); });
    related.forEach(function (r) { right.push({ kind: "related", label: r.talk || r.id, id: r.id, reason: list(r.reason).join(", ") }); });
    function place(col) {
      var y = top;
      col.forEach(function (n) {
        n.lines = wrap(n.label, colW);
        n.y = y + 4;
        y += n.lines.length * LINE + gap;
      });
      return y;
    }
    var hl = place(left), hr = place(right);
    var center = wrap(talk.talk || talk.id, centerW);
    var H = Math.max(hl, hr, top + center.length * LINE + 60) + 10;
    g.setAttribute("viewBox", "0 0 " + W + " " + H);
    var cx = W / 2, cy = Math.max(top + 20, Math.min(H / 2, H - center.length * LINE - 40));
    var lx = 12 + colW + 10, rx = W - 12 - colW - 10;
    left.forEach(function (n) { g.appendChild(svg("line", { x1: cx, y1: cy, x2: lx, y2: n.y - 4, stroke: "#bbb" })); });
    right.forEach(function (n) { g.appendChild(svg("line", { x1: cx, y1: cy, x2: rx, y2: n.y - 4, stroke: "#bbb" })); });
    left.forEach(function (n) {
      var grp = svg("g", { "class": "node node-" + n.kind, "data-kind": n.kind });
      grp.appendChild(svg("circle", { cx: lx, cy: n.y - 4, r: 6, fill: COLORS[n.kind] }));
      grp.appendChild(label(n.lines, lx - 10, n.y, "end"));
      grp.appendChild(svg("title", {}, n.kind + ": " + n.label));
      g.appendChild(grp);
    });
    right.forEach(function (n) {
      var grp = svg("g", { "class": "node node-related", "data-kind": "related", "data-id": n.id, tabindex: 0, role: "link" });
      grp.appendChild(svg("circle", { cx: rx, cy: n.y - 4, r: 7, fill: COLORS.related }));
      grp.appendChild(label(n.lines, rx + 10, n.y, "start"));
      grp.appendChild(svg("title", {}, "related: " + n.label + (n.reason ? " (shared: " + n.reason + ")" : "")));
      grp.addEventListener("click", function () { open(n.id); });
      grp.addEventListener("keydown", function (ev) { if (ev.key === "Enter") open(n.id); });
      g.appendChild(grp);
    });
    var c = svg("g", { "class": "node node-talk", "data-kind": "talk" });
    c.appendChild(svg("circle", { cx: cx, cy: cy, r: 13, fill: COLORS.talk }));
    c.appendChild(label(center, cx, cy + 30, "middle", true));
    g.appendChild(c);
    var kx = 8;
    ["talk", "speaker", "tool", "concept", "related"].forEach(function (k) {
      var grp = svg("g", { "class": "key" });
      grp.appendChild(svg("circle", { cx: kx + 5, cy: 12, r: 5, fill: COLORS[k] }));
      grp.appendChild(svg("text", { x: kx + 14, y: 16 }, k));
      g.appendChild(grp);
      kx += Math.min(78, (W - 16) / 5);
    });
  }

  // Recurring themes: the share of each year's talks that touch them, one
  // line per theme (the first five), over the years that have talks.
  var themeRows = null;
  function drawThemes(rows) {
    themeRows = rows;
    var g = $("themes"), legend = $("legend");
    clear(g);
    clear(legend);
    rows = rows.slice(0, 5);
    var years = [], max = 0;
    rows.forEach(function (r) {
      list(r.per_year).forEach(function (p) {
        if (p.year != null && years.indexOf(p.year) < 0) years.push(p.year);
        max = Math.max(max, p.share || 0);
      });
    });
    years.sort(function (a, b) { return a - b; });
    if (!rows.length || !years.length) {
      say($("themes-status"), "No recurring themes yet.");
      return;
    }
    say($("themes-status"), "The share of each year's talks that touch the " + rows.length + " most recurring tools and concepts.");
    var step = max <= 10 ? 2 : max <= 25 ? 5 : max <= 50 ? 10 : 20;
    max = Math.max(step, Math.ceil(max / step) * step);
    var full = widthOf(g, 720), L = 64, T = 14, W = full - L - 24, H = Math.min(206, Math.round(full * 0.45));
    g.setAttribute("viewBox", "0 0 " + full + " " + (T + H + 48));
    function x(yr) { return years.length === 1 ? L + W / 2 : L + W * years.indexOf(yr) / (years.length - 1); }
    function y(v) { return T + H - H * v / max; }
    var axes = svg("g", { "class": "axes" });
    for (var v = 0; v <= max; v += step) {
      axes.appendChild(svg("line", { x1: L, y1: y(v), x2: L + W, y2: y(v), stroke: v ? "#eee" : "#999" }));
      axes.appendChild(svg("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end" }, v + "%"));
    }
    axes.appendChild(svg("line", { x1: L, y1: T, x2: L, y2: T + H, stroke: "#999" }));
    var every = Math.max(1, Math.ceil(years.length * 44 / W));
    years.forEach(function (yr, i) {
      if (i % every === 0 || i === years.length - 1 && years.length - 1 - i < every) {
        axes.appendChild(svg("text", { x: x(yr), y: T + H + 16, "text-anchor": "middle" }, yr));
      }
    });
    axes.appendChild(svg("text", { "class": "axis-label", x: L + W / 2, y: T + H + 38, "text-anchor": "middle" }, "year"));
    axes.appendChild(svg("text", { "class": "axis-label", x: 14, y: T + H / 2, "text-anchor": "middle",
      transform: "rotate(-90 14 " + (T + H / 2) + ")" }, "share of the year's talks"));
    g.appendChild(axes);
    rows.forEach(function (r, i) {
      var col = THEME_COLORS[i], by = {};
      list(r.per_year).forEach(function (p) { by[p.year] = p.share || 0; });
      var pts = years.map(function (yr) { return x(yr) + "," + y(by[yr] || 0); }).join(" ");
      var grp = svg("g", { "class": "theme" });
      grp.appendChild(svg("polyline", { points: pts, fill: "none", stroke: col, "stroke-width": 2 }));
      years.forEach(function (yr) {
        var dot = svg("circle", { cx: x(yr), cy: y(by[yr] || 0), r: 3, fill: col });
        dot.appendChild(svg("title", {}, r.name + ", " + yr + ": " + (by[yr] || 0) + "%"));
        grp.appendChild(dot);
      });
      g.appendChild(grp);
      var li = el("li");
      var sw = el("span", "swatch");
      sw.style.background = col;
      li.appendChild(sw);
      li.appendChild(el("span", "", r.name + " (" + r.editions + " editions, " + r.talks + " talks)"));
      legend.appendChild(li);
    });
  }

  function loadThemes() {
    getJSON("api/v1/themes?limit=5").then(function (t) { drawThemes(list(t.rows)); }).catch(function (e) {
      say($("themes-status"), "Could not load the themes: " + e.message, true);
    });
  }
  $("key-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    try { sessionStorage.setItem(KEY, $("key").value.trim()); } catch (e) { /* private mode: not kept */ }
    $("key").value = "";
    $("key-form").hidden = true;
    shown = { q: null, talk: null }; // load the view again, with the key
    loadThemes();
    route();
  });
  loadThemes();
  window.addEventListener("hashchange", route);
  var pending = 0;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      if (last) drawGraph(last.talk, last.related);
      if (themeRows) drawThemes(themeRows);
    }, 150);
  });
  route();
})();
