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
