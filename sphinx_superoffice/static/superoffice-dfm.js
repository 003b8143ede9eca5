// sphinx-superoffice: dependent tabs (#tab/id/condition) and zone pivot selectors.
// Plain ES2017, no dependencies, no network. Tab syncing itself is sphinx-design's.
(function () {
  "use strict";
  document.documentElement.classList.add("dfm-js");

  // --- dependent tabs ------------------------------------------------------------------
  var CONDITION = "dfm-tab-condition-";

  function conditionOf(label) {
    for (var i = 0; i < label.classList.length; i++) {
      var c = label.classList[i];
      if (c.indexOf(CONDITION) === 0) return c.slice(CONDITION.length);
    }
    return "";
  }

  // ids of the selected tabs that do not depend on another one, page-wide
  function selectedIds() {
    var ids = {};
    document.querySelectorAll(".dfm-tabs > input:checked").forEach(function (input) {
      var label = input.nextElementSibling;
      if (label && !label.classList.contains("dfm-tab-conditional")) {
        ids[label.getAttribute("data-sync-id")] = true;
      }
    });
    return ids;
  }

  function updateDependentTabs() {
    var ids = selectedIds();
    document.querySelectorAll(".dfm-tabs").forEach(function (set) {
      var labels = set.querySelectorAll(":scope > label.dfm-tab-conditional");
      if (!labels.length) return;
      var lost = null;
      labels.forEach(function (label) {
        var visible = !!ids[conditionOf(label)];
        var input = label.previousElementSibling;
        label.classList.toggle("dfm-tab-hidden", !visible);
        if (input) input.classList.toggle("dfm-tab-hidden", !visible);
        if (!visible && input && input.checked) lost = label;
      });
      if (!lost) return;
      var visibleLabels = Array.prototype.filter.call(
        set.querySelectorAll(":scope > label"),
        function (l) { return !l.classList.contains("dfm-tab-hidden"); }
      );
      var same = visibleLabels.filter(function (l) {
        return l.getAttribute("data-sync-id") === lost.getAttribute("data-sync-id");
      })[0] || visibleLabels[0];
      if (same && same.previousElementSibling) same.previousElementSibling.checked = true;
    });
  }

  document.addEventListener("change", function (event) {
    var t = event.target;
    if (t instanceof HTMLInputElement && t.parentElement && t.parentElement.classList.contains("dfm-tabs")) {
      // after sphinx-design has synced the other tabs with the same id
      window.setTimeout(updateDependentTabs, 0);
    }
  });

  // --- zone pivots -----------------------------------------------------------------------
  var PIVOT = "dfm-pivot-";

  function pivotsOf(zone) {
    var out = [];
    zone.classList.forEach(function (c) {
      if (c.indexOf(PIVOT) === 0) out.push(c.slice(PIVOT.length));
    });
    return out;
  }

  function choosePivot(selector, pivot, updateUrl) {
    document.querySelectorAll(".dfm-zone.has-pivot").forEach(function (zone) {
      zone.hidden = pivotsOf(zone).indexOf(pivot) === -1;
    });
    selector.querySelectorAll("button[data-pivot]").forEach(function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-pivot") === pivot ? "true" : "false");
    });
    if (updateUrl && window.history && window.history.replaceState) {
      var url = new URL(window.location.href);
      url.searchParams.set("pivots", pivot);
      window.history.replaceState(null, "", url.toString());
    }
  }

  function initPivots() {
    var selector = document.querySelector(".dfm-pivot-selector");
    if (!selector) return;
    var pivots = (selector.getAttribute("data-pivots") || "").split(" ").filter(Boolean);
    if (!pivots.length) return;
    selector.hidden = false;
    var wanted = new URLSearchParams(window.location.search).get("pivots");
    choosePivot(selector, pivots.indexOf(wanted) !== -1 ? wanted : pivots[0], false);
    selector.addEventListener("click", function (event) {
      var button = event.target instanceof Element ? event.target.closest("button[data-pivot]") : null;
      if (button) choosePivot(selector, button.getAttribute("data-pivot"), true);
    });
  }

  // after sphinx-design has applied a stored or ?tabs= selection (its own
  // DOMContentLoaded handler), so dependent tabs follow it
  var started = false;
  function start() {
    if (started) return;
    started = true;
    window.setTimeout(function () {
      updateDependentTabs();
      initPivots();
    }, 0);
  }
  if (document.readyState === "complete") {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
    window.addEventListener("load", start);
  }
})();
