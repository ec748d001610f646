// diglot review page: switch the diff view of the whole page or of one row,
// keep rows clear of the sticky bar and tooltips on screen, and let a
// keyboard user dismiss a term's tooltip with Escape. The diffs are
// rendered in the page; this only shows and hides them.
(function () {
  "use strict";
  document.documentElement.classList.remove("nojs");

  function press(buttons, view) {
    buttons.forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-view") === view));
    });
  }
  function setRow(row, view) {
    row.setAttribute("data-view", view);
    press(row.querySelectorAll(".rowviews button[data-view]"), view);
  }

  document.addEventListener("click", function (ev) {
    var button = ev.target.closest("button[data-view]");
    if (!button) {
      return;
    }
    var view = button.getAttribute("data-view");
    var row = button.closest("tr.row");
    if (row) {
      setRow(row, row.getAttribute("data-view") === view ? "none" : view);
      return;
    }
    press(document.querySelectorAll(".views button[data-view]"), view);
    document.body.setAttribute("data-view", view);
    document.querySelectorAll("tr.row").forEach(function (r) { setRow(r, view); });
  });

  document.addEventListener("keydown", function (ev) {
    var term = document.activeElement;
    if (ev.key === "Escape" && term && term.matches("mark.term")) {
      term.classList.add("tip-dismissed");
    }
  });
  // Keep the sticky bar's height in --bar-h, for the rows' scroll margin.
  var bar = document.querySelector(".views");
  function barHeight() {
    document.documentElement.style.setProperty("--bar-h", (bar ? bar.offsetHeight : 0) + "px");
  }
  barHeight();
  window.addEventListener("resize", barHeight);

  // Keep a term's tooltip on screen: shift it left when it would pass the
  // right edge.
  function placeTip(ev) {
    var term = ev.target.closest && ev.target.closest("mark.term");
    var tip = term && term.querySelector(".tip");
    if (!tip) {
      return;
    }
    tip.style.left = "0";
    var r = tip.getBoundingClientRect(), edge = document.documentElement.clientWidth - 8;
    if (r.right > edge) {
      tip.style.left = Math.min(0, edge - r.right) + "px";
      r = tip.getBoundingClientRect();
      if (r.left < 8) {
        tip.style.left = (parseFloat(tip.style.left) + 8 - r.left) + "px";
      }
    }
  }
  document.addEventListener("focusin", placeTip);
  document.addEventListener("mouseover", placeTip);

  // The index: sort by a column, filter by text and problems.
  var index = document.querySelector("table.index");
  if (index) {
    var body = index.tBodies[0], filter = document.querySelector(".filters .filter"),
      onlyProblems = document.querySelector(".filters .only-problems");
    var rows = function () { return Array.prototype.slice.call(body.querySelectorAll("tr[data-path]")); };
    var apply = function () {
      var q = filter.value.toLowerCase(), n = 0;
      rows().forEach(function (r) {
        var ok = (r.getAttribute("data-title") + " " + r.getAttribute("data-path")).toLowerCase().indexOf(q) >= 0 &&
          (!onlyProblems.checked || Number(r.getAttribute("data-problems")) > 0);
        r.hidden = !ok;
        n += ok ? 1 : 0;
      });
      document.querySelector(".filters .shown").textContent = n + " shown";
    };
    filter.addEventListener("input", apply);
    onlyProblems.addEventListener("change", apply);
    index.addEventListener("click", function (ev) {
      var b = ev.target.closest("button[data-sort]");
      if (!b) {
        return;
      }
      var key = "data-" + b.getAttribute("data-sort"), numeric = b.hasAttribute("data-numeric"), th = b.closest("th");
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      index.querySelectorAll("th").forEach(function (h) { h.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
      rows().sort(function (x, y) {
        var a = x.getAttribute(key), c = y.getAttribute(key);
        return dir * (numeric ? Number(a) - Number(c) : a.localeCompare(c));
      }).forEach(function (r) { body.appendChild(r); });
    });
  }

  document.addEventListener("focusout", function (ev) {
    if (ev.target.matches && ev.target.matches("mark.term")) {
      ev.target.classList.remove("tip-dismissed");
    }
  });
})();
