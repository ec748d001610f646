// diglot review: edit translations in place, check them as they are typed,
// save them; sort and filter the index. Talks to the server that served the
// page only (same origin, with the page's CSRF token).
(function () {
  "use strict";

  function $(sel, el) { return (el || document).querySelector(sel); }
  function $$(sel, el) { return Array.prototype.slice.call((el || document).querySelectorAll(sel)); }
  function csrf() { var m = $('meta[name="csrf-token"]'); return m ? m.content : ""; }

  function post(path, fields) {
    var body = new URLSearchParams();
    Object.keys(fields).forEach(function (k) { body.append(k, fields[k]); });
    return fetch(path, {
      method: "POST", credentials: "same-origin", body: body,
      headers: {"X-CSRF-Token": csrf()}
    }).then(function (r) {
      return r.json().then(function (j) { j.status = r.status; return j; },
        function () { return {status: r.status, error: "the server answered " + r.status}; });
    });
  }

  function text(tag, s, cls) {
    var e = document.createElement(tag);
    e.textContent = s;
    if (cls) { e.className = cls; }
    return e;
  }

  function renderOps(el, ops) {
    el.textContent = "";
    (ops || []).forEach(function (op) {
      el.appendChild(op.op === "delete" ? text("del", op.text) : op.op === "insert" ? text("ins", op.text) : document.createTextNode(op.text));
    });
  }

  function renderIssues(row, issues) {
    var list = $('[data-role="problems"]', row);
    list.textContent = "";
    (issues || []).forEach(function (is) {
      var li = document.createElement("li");
      li.className = "sev-" + is.severity;
      li.setAttribute("data-rule", is.rule);
      li.appendChild(text("code", is.rule, "rule"));
      li.appendChild(document.createTextNode(" " + is.message));
      list.appendChild(li);
    });
    var problems = (issues || []).filter(function (is) { return is.severity !== "info"; }).length;
    row.setAttribute("data-problems", String(problems));
    row.classList.toggle("flagged", problems > 0);
  }

  // ---- article page ----
  var body = document.body;
  if (body.classList.contains("article-page")) {
    var timers = new WeakMap(), savedChecks = new WeakMap();

    var editing = function (row) { return row.classList.contains("editing"); };
    var status = function (row, s) { $('[data-role="status"]', row).textContent = s; };
    var show = function (row, on) {
      $('textarea.editor', row).hidden = !on;
      $('[data-role="text"]', row).hidden = on;
      $('[data-action="save"]', row).hidden = !on;
      $('[data-action="cancel"]', row).hidden = !on;
      $('[data-action="edit"]', row).hidden = on;
      row.classList.toggle("editing", on);
    };

    var startEdit = function (row) {
      if (editing(row)) { return; }
      var ta = $('textarea.editor', row);
      ta.value = $('[data-role="text"]', row).textContent;
      ta.setAttribute("data-saved", ta.value);
      savedChecks.set(row, [$('[data-role="problems"]', row).cloneNode(true), $('[data-role="post"]', row).cloneNode(true),
        row.getAttribute("data-problems")]);
      show(row, true);
      ta.focus();
      ta.setSelectionRange(ta.value.length, ta.value.length);
    };

    var cancelEdit = function (row) {
      var ta = $('textarea.editor', row);
      ta.value = ta.getAttribute("data-saved") || ta.value;
      show(row, false);
      $('[data-role="conflict"]', row).hidden = true;
      clearTimeout(timers.get(row));
      var saved = savedChecks.get(row);
      if (saved) {
        $('[data-role="problems"]', row).replaceWith(saved[0]);
        $('[data-role="post"]', row).replaceWith(saved[1]);
        row.setAttribute("data-problems", saved[2]);
        row.classList.toggle("flagged", Number(saved[2]) > 0);
      }
      $('[data-role="target"]', row).focus();
    };

    var liveCheck = function (row, value) {
      post("/api/check", {f: body.getAttribute("data-file"), segment: row.getAttribute("data-segment"), text: value})
        .then(function (j) {
          if (j.status !== 200) { status(row, j.error || "check failed"); return; }
          renderIssues(row, j.issues);
          renderOps($('[data-role="post"]', row), j.post);
        });
    };

    var applied = function (row, j) {
      body.setAttribute("data-version", j.version);
      $('[data-role="text"]', row).textContent = j.target;
      $('textarea.editor', row).setAttribute("data-saved", j.target);
      renderIssues(row, j.issues);
      renderOps($('[data-role="post"]', row), j.post);
      row.classList.add("approved");
      row.setAttribute("data-approved", "1");
      $('[data-role="state"]', row).textContent = j.target !== j.machine ? "post-edited" : "approved";
      $('[data-action="approve"]', row).hidden = true;
      $('[data-role="approved"]').textContent = String(j.approved);
      $('[data-role="total"]').textContent = String(j.total);
      $('[data-role="problem-count"]').textContent = String($$('tr.row').reduce(function (n, r) {
        return n + Number(r.getAttribute("data-problems") || 0);
      }, 0));
      $('[data-role="conflict"]', row).hidden = true;
    };

    var conflict = function (row, c) {
      var box = $('[data-role="conflict"]', row);
      box.textContent = "";
      box.appendChild(text("p", "Not saved: the file changed on disk since this page was loaded (a new run?). Both versions:", "conflict-head"));
      var dl = document.createElement("dl");
      dl.appendChild(text("dt", "On disk now"));
      dl.appendChild(text("dd", c.disk || "(this segment is no longer in the file)", "conflict-disk"));
      dl.appendChild(text("dt", "Yours"));
      dl.appendChild(text("dd", c.yours || "", "conflict-yours"));
      box.appendChild(dl);
      var a = text("a", "Reload the page to work on the version on disk");
      a.href = location.pathname + location.search + "#" + row.id;
      box.appendChild(a);
      box.hidden = false;
    };

    var commit = function (row, path, fields, done) {
      fields.f = body.getAttribute("data-file");
      fields.segment = row.getAttribute("data-segment");
      fields.version = body.getAttribute("data-version");
      status(row, "Saving…");
      post(path, fields).then(function (j) {
        if (j.status === 200) { applied(row, j); status(row, done); show(row, false); $('[data-role="target"]', row).focus(); return; }
        if (j.status === 409 && j.conflict) { conflict(row, j.conflict); status(row, "Not saved: conflict"); return; }
        status(row, "Not saved: " + (j.error || "error " + j.status));
      }, function (e) { status(row, "Not saved: " + e); });
    };

    var save = function (row) { commit(row, "/api/save", {text: $('textarea.editor', row).value}, "Saved as approved"); };
    var approve = function (row) { commit(row, "/api/approve", {}, "Approved as it is"); };

    var visible = function (row) { return row.getClientRects().length > 0; };
    var nextProblem = function (row, step) {
      var rows = $$("tr.row").filter(visible);
      var i = rows.indexOf(row);
      for (var j = i + step; j >= 0 && j < rows.length; j += step) {
        if (Number(rows[j].getAttribute("data-problems")) > 0) {
          var t = $('[data-role="target"]', rows[j]) || rows[j];
          t.focus();
          rows[j].scrollIntoView({block: "center"});
          return;
        }
      }
    };

    document.addEventListener("keydown", function (ev) {
      var row = ev.target.closest && ev.target.closest("tr.row");
      if (ev.altKey && (ev.key === "ArrowDown" || ev.key === "ArrowUp")) {
        ev.preventDefault();
        nextProblem(row || $$("tr.row")[0], ev.key === "ArrowDown" ? 1 : -1);
        return;
      }
      if (!row) { return; }
      if (ev.target.matches('textarea.editor')) {
        if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); save(row); }
        else if (ev.key === "Escape") { ev.preventDefault(); cancelEdit(row); }
        return;
      }
      if (ev.target.matches('[data-role="target"]') && ev.key === "Enter") {
        ev.preventDefault();
        startEdit(row);
      }
    });
    document.addEventListener("dblclick", function (ev) {
      var cell = ev.target.closest('[data-role="target"]');
      if (cell && !ev.target.matches("textarea")) { startEdit(cell.closest("tr.row")); }
    });
    document.addEventListener("input", function (ev) {
      if (!ev.target.matches('textarea.editor')) { return; }
      var row = ev.target.closest("tr.row"), ta = ev.target;
      clearTimeout(timers.get(row));
      timers.set(row, setTimeout(function () { liveCheck(row, ta.value); }, 150));
    });
    document.addEventListener("click", function (ev) {
      var b = ev.target.closest("button");
      if (!b) { return; }
      var row = b.closest("tr.row");
      var action = b.getAttribute("data-action");
      if (row && action === "edit") { startEdit(row); }
      if (row && action === "save") { save(row); }
      if (row && action === "cancel") { cancelEdit(row); }
      if (row && action === "approve") { approve(row); }
      var view = b.getAttribute("data-view");
      if (view) {
        $$('button[data-view]').forEach(function (x) { x.setAttribute("aria-pressed", String(x === b)); });
        body.setAttribute("data-view", view);
      }
    });
    document.addEventListener("change", function (ev) {
      var f = ev.target.getAttribute && ev.target.getAttribute("data-filter");
      if (f) { body.classList.toggle("only-" + f, ev.target.checked); }
    });
  }

  // ---- index page ----
  var table = $('table[data-role="index"]');
  if (table) {
    var tbody = table.tBodies[0];
    var filter = $('[data-role="filter"]');
    var apply = function () {
      var q = (filter.value || "").toLowerCase();
      var onlyProblems = $('[data-filter="problems"]').checked, onlyUnapproved = $('[data-filter="unapproved"]').checked;
      var n = 0;
      $$("tr[data-file]", tbody).forEach(function (r) {
        var hay = (r.getAttribute("data-title") + " " + r.getAttribute("data-source") + " " + r.getAttribute("data-file")).toLowerCase();
        var ok = hay.indexOf(q) >= 0 &&
          (!onlyProblems || Number(r.getAttribute("data-problems")) > 0) &&
          (!onlyUnapproved || r.hasAttribute("data-unapproved"));
        r.hidden = !ok;
        if (ok) { n++; }
      });
      $('[data-role="shown"]').textContent = n + " shown";
    };
    filter.addEventListener("input", apply);
    $$("input[data-filter]").forEach(function (c) { c.addEventListener("change", apply); });
    table.addEventListener("click", function (ev) {
      var b = ev.target.closest("button[data-sort]");
      if (!b) { return; }
      var key = b.getAttribute("data-sort"), numeric = b.hasAttribute("data-numeric");
      var th = b.closest("th");
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      $$("th", table).forEach(function (h) { h.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
      var rows = $$("tr[data-file]", tbody);
      rows.sort(function (a, c) {
        var x = a.getAttribute("data-" + key), y = c.getAttribute("data-" + key);
        var d = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return dir * d;
      });
      rows.forEach(function (r) { tbody.appendChild(r); });
    });
    apply();
  }
})();
