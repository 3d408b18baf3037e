// htmx requests carry the CSRF token the server put in the page.
document.addEventListener("htmx:configRequest", function (e) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) e.detail.headers["X-CSRF-Token"] = meta.content;
});

// Live regions: an element with data-sse="URL" is replaced by each Server-Sent Event's HTML
// (the opening hall, the big screen). The browser reconnects by itself after a drop.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-sse]").forEach(function (el) {
    var source = new EventSource(el.getAttribute("data-sse"));
    source.onmessage = function (e) { el.innerHTML = e.data; };
  });
});

// 品目 picker: an input with data-pinmu searches the catalog by name or code as one types
// ("打印机" → A02021000 …) and shows the matches below it; arrows and Enter, or a tap, choose
// one. The input keeps the code; the chosen item's name is shown beside it.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input[data-pinmu]").forEach(function (input, n) {
    var list = document.createElement("ul");
    list.className = "picker";
    list.id = "pinmu-list-" + n;
    list.setAttribute("role", "listbox");
    list.hidden = true;
    var name = document.createElement("span");
    name.className = "meta pinmu-name";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("autocomplete", "off");
    input.after(list, name);
    var items = [], active = -1, timer = null, asked = 0;
    function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); active = -1; }
    function choose(i) {
      var it = items[i];
      if (!it) return;
      input.value = it.code;
      name.textContent = it.name;
      close();
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }
    function show() {
      list.replaceChildren.apply(list, items.map(function (it, i) {
        var li = document.createElement("li");
        li.setAttribute("role", "option");
        li.id = list.id + "-" + i;
        li.textContent = it.code + " " + it.name;
        if (i === active) { li.className = "active"; li.setAttribute("aria-selected", "true"); }
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
        return li;
      }));
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", String(!list.hidden));
      if (active >= 0) input.setAttribute("aria-activedescendant", list.id + "-" + active);
    }
    input.addEventListener("input", function () {
      name.textContent = "";
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 1) { items = []; show(); return; }
      timer = setTimeout(function () {
        var mine = ++asked;
        fetch("/api/v1/catalog?limit=8&q=" + encodeURIComponent(q), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (found) { if (mine === asked) { items = found; active = -1; show(); } })
          .catch(function () {});
      }, 150);
    });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { active = Math.min(active + 1, items.length - 1); show(); e.preventDefault(); }
      else if (e.key === "ArrowUp") { active = Math.max(active - 1, 0); show(); e.preventDefault(); }
      else if (e.key === "Enter" && active >= 0) { choose(active); e.preventDefault(); }
      else if (e.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  });
});

// Fields that belong to one choice: an element with data-shown-when="name=value" is shown, and
// its controls sent, only while the form's select `name` holds `value`.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-shown-when]").forEach(function (el) {
    var rule = el.getAttribute("data-shown-when").split("=");
    var form = el.closest("form");
    var select = form && form.querySelector('[name="' + rule[0] + '"]');
    if (!select) return;
    function apply() {
      var on = select.value === rule[1];
      el.hidden = !on;
      if ("disabled" in el) el.disabled = !on;
    }
    select.addEventListener("change", apply);
    apply();
  });
});

// A ticked 申购 on the plan form brings its item into the first empty item row; unticking it
// takes the item out again (the rows it filled are marked with the request).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input[name=request_ids][data-item-code]").forEach(function (box) {
    box.addEventListener("change", function () {
      var form = box.closest("form");
      var rows = Array.prototype.slice.call(form.querySelectorAll(".item-row"));
      var field = function (row, name) { return row.querySelector('[name="' + name + '"]'); };
      if (box.checked) {
        var row = rows.find(function (r) { return !r.dataset.fromRequest && !field(r, "code").value && !field(r, "desc").value; });
        if (!row) return;
        row.dataset.fromRequest = box.value;
        field(row, "code").value = box.dataset.itemCode;
        field(row, "desc").value = box.dataset.itemDesc;
        field(row, "qty").value = box.dataset.itemQty;
        field(row, "amount").value = box.dataset.itemAmount;
      } else {
        rows.filter(function (r) { return r.dataset.fromRequest === box.value; }).forEach(function (r) {
          delete r.dataset.fromRequest;
          ["code", "desc", "qty", "amount"].forEach(function (n) { field(r, n).value = ""; });
        });
      }
    });
  });
});

// The plan form's rule results sit beside the form on a wide screen but below every item row on
// a phone: a one-line summary above the submit buttons gives the outcome after each check and
// links down to the findings.
document.addEventListener("DOMContentLoaded", function () {
  var out = document.getElementById("findings-summary");
  if (!out) return;
  function summarize() {
    var f = document.getElementById("findings");
    var d = f && (f.querySelector(".decision") || f.querySelector(".error"));
    var text = d ? d.textContent.trim() : "";
    out.hidden = !text;
    out.querySelector("[data-summary-text]").textContent = text;
    var verdict = d && d.classList.contains("error") ? "verdict-refused" : d ? Array.prototype.find.call(d.classList, function (c) { return c.indexOf("verdict-") === 0; }) : "";
    out.className = "findings-summary " + (verdict || "");
  }
  document.addEventListener("htmx:afterSwap", summarize);
  summarize();
});
