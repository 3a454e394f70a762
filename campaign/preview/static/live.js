// Served only by the preview (build.py serve), never published: reloads this page when a build
// changes it, and shows a failed build's problems over the last good page until one succeeds.
(function () {
  "use strict";
  var script = document.currentScript;
  var since = script ? script.getAttribute("data-build") : "0";
  var prefix = (document.querySelector("link[rel=stylesheet][href*='/static/site.css']") || {}).href;
  // The output file this page was served from: /nl/cards/x/ is nl/cards/x/index.html.
  var base = prefix ? new URL(prefix).pathname.replace(/static\/site\.css$/, "") : "/";
  var path = decodeURIComponent(location.pathname);
  if (path.indexOf(base) === 0) { path = path.slice(base.length); } else { path = path.replace(/^\//, ""); }
  if (path === "" || path.slice(-1) === "/") { path += "index.html"; }
  var viewing = new URLSearchParams(location.search).get("file");
  var home = location.pathname === "/" || location.pathname === "/__preview/";

  function concerns(changed) {
    if (home) { return changed.length > 0; }
    return changed.some(function (file) {
      return file === path || file === viewing || (path.indexOf("print/") === 0 && file.indexOf("print/") === 0);
    });
  }

  function showProblems(problems) {
    var panel = document.getElementById("preview-problems");
    if (!panel) {
      panel = document.createElement("section");
      panel.id = "preview-problems";
      panel.setAttribute("role", "alert");
      var title = document.createElement("h2");
      title.textContent = "The last save did not build: this is the last good version";
      panel.appendChild(title);
      panel.appendChild(document.createElement("ul"));
      document.body.appendChild(panel);
    }
    var list = panel.querySelector("ul");
    list.textContent = "";
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      item.textContent = problem;
      list.appendChild(item);
    });
  }

  var source = new EventSource("/__preview/events?since=" + encodeURIComponent(since));
  source.addEventListener("update", function (message) {
    var update = JSON.parse(message.data);
    if (update.problems.length) {
      showProblems(update.problems);
      return;
    }
    var panel = document.getElementById("preview-problems");
    if (concerns(update.changed) || panel) {
      source.close();
      location.reload();  // the browser keeps the scroll position
    }
  });
})();
