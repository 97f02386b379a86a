/* talkgraph related-talks widget: no dependencies, text only (never innerHTML).
   <div data-talkgraph-related="TALK-ID" data-talkgraph-api="https://host"></div>
   or data-talkgraph-static="https://host/widgets" (a directory written by
   `talkgraph export widgets`), then <script src="https://host/widget.js" async></script>. */
(function () {
  "use strict";
  var LIMIT = 5;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = String(text);
    return e;
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    });
  }

  function trim(base) {
    return String(base).replace(/\/+$/, "");
  }

  function list(x) {
    return Array.isArray(x) ? x : [];
  }

  // A talk from the API: rows of {talk, year, event, speakers, score, reason, video_url, id}.
  function fromAPI(api, id) {
    return getJSON(trim(api) + "/api/v1/talks/" + encodeURIComponent(id) + "/related?limit=" + LIMIT)
      .then(function (t) {
        return list(t && t.rows).map(function (r) {
          return { id: r.id, title: r.talk, year: r.year, event: r.event, speakers: r.speakers, reason: r.reason, video_url: r.video_url };
        });
      });
  }

  // The file of a talk in a static export: its id as a slug (talk ids are
  // lower-case ASCII words, so this is the exporter's slug of them).
  function slugFile(id) {
    var s = String(id).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 180);
    return s ? "talks/" + s + ".json" : "";
  }

  function related(w) {
    return list(w && w.related).slice(0, LIMIT);
  }

  // A talk from a static export: its own file, talks/<slug>.json; only
  // when that is missing or another talk's (ids whose slugs collide) is
  // index.json read to find it.
  function fromStatic(base, id) {
    base = trim(base);
    function file(f) {
      return getJSON(base + "/" + f.split("/").map(encodeURIComponent).join("/"));
    }
    function viaIndex() {
      return getJSON(base + "/index.json").then(function (index) {
        var hit = list(index).filter(function (e) { return e && e.id === id; })[0];
        if (!hit || typeof hit.file !== "string") throw new Error("no talk " + id);
        return file(hit.file);
      });
    }
    var direct = slugFile(id);
    var first = direct ? file(direct).then(function (w) {
      if (!w || w.id !== id) throw new Error("not " + id);
      return w;
    }) : Promise.reject(new Error("no slug"));
    return first.catch(viaIndex).then(related);
  }

  function safeURL(u) {
    if (typeof u !== "string" || !u) return "";
    try {
      var p = new URL(u, document.baseURI);
      return p.protocol === "https:" || p.protocol === "http:" ? p.href : "";
    } catch (e) {
      return "";
    }
  }

  function render(box, items) {
    box.textContent = "";
    box.classList.add("tg-related");
    box.appendChild(el("h3", "tg-heading", "Related talks"));
    if (!items.length) {
      box.appendChild(el("p", "tg-empty", "No related talks yet."));
      return;
    }
    var ul = el("ul", "tg-list");
    items.forEach(function (t) {
      var li = el("li", "tg-item");
      var href = safeURL(t.video_url), title = t.title || t.id || "Untitled";
      var a = el(href ? "a" : "span", "tg-title", title);
      if (href) {
        a.href = href;
        a.rel = "noopener";
      }
      li.appendChild(a);
      var meta = [];
      // The event names its year ("PyCon US 2018"); else the year alone.
      if (t.event) meta.push(t.event);
      else if (t.year != null) meta.push(t.year);
      var sp = list(t.speakers).join(", ");
      if (sp) meta.push(sp);
      if (meta.length) li.appendChild(el("span", "tg-meta", " (" + meta.join(", ") + ")"));
      var why = list(t.reason);
      if (why.length) li.appendChild(el("div", "tg-reason", "Shared: " + why.join(", ")));
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  function load(box) {
    if (box.getAttribute("data-talkgraph-loaded")) return;
    box.setAttribute("data-talkgraph-loaded", "1");
    var id = box.getAttribute("data-talkgraph-related");
    var api = box.getAttribute("data-talkgraph-api");
    var st = box.getAttribute("data-talkgraph-static");
    var p = !id ? Promise.reject(new Error("no talk id"))
      : api ? fromAPI(api, id)
      : st ? fromStatic(st, id)
      : Promise.reject(new Error("no data-talkgraph-api or data-talkgraph-static"));
    p.then(function (items) { render(box, items); }, function () {
      box.textContent = "";
      box.classList.add("tg-related");
      box.appendChild(el("p", "tg-error", "Related talks are unavailable."));
    });
  }

  function run() {
    var boxes = document.querySelectorAll("[data-talkgraph-related]");
    for (var i = 0; i < boxes.length; i++) load(boxes[i]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
