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

  // A talk from the API: rows of {talk, year, event, speakers, score, reason, id}.
  function fromAPI(api, id) {
    return getJSON(trim(api) + "/api/v1/talks/" + encodeURIComponent(id) + "/related?limit=" + LIMIT)
      .then(function (t) {
        return list(t && t.rows).map(function (r) {
          return { id: r.id, title: r.talk, year: r.year, speakers: r.speakers, reason: r.reason, video_url: r.video_url };
        });
      });
  }

  // A talk from a static export: index.json names each talk's file.
  function fromStatic(base, id) {
    base = trim(base);
    return getJSON(base + "/index.json").then(function (index) {
      var hit = list(index).filter(function (e) { return e && e.id === id; })[0];
      if (!hit || typeof hit.file !== "string") throw new Error("no talk " + id);
      return getJSON(base + "/" + hit.file.split("/").map(encodeURIComponent).join("/"));
    }).then(function (w) {
      return list(w && w.related).slice(0, LIMIT);
    });
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
      if (t.year != null) meta.push(t.year);
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
