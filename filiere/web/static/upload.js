// Evidence upload with a progress bar and the per-file read report. Without this script the form
// still works: the server answers with a report page.
(function () {
  "use strict";
  var form = document.getElementById("upload");
  if (!form) { return; }
  var box = form.querySelector(".progress");
  var bar = document.getElementById("upload-progress");
  var state = document.getElementById("upload-state");
  var report = document.getElementById("upload-report");
  var labels = JSON.parse(report.getAttribute("data-labels"));

  function cell(row, text, className) {
    var td = document.createElement("td");
    td.textContent = text;  // never innerHTML: file names and errors are untrusted text
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }

  function show(reports) {
    report.textContent = "";
    var table = document.createElement("table");
    table.className = "grid";
    var head = table.createTHead().insertRow();
    ["file", "status", "format", "counts", "skipped"].forEach(function (key) {
      var th = document.createElement("th");
      th.textContent = labels[key];
      head.appendChild(th);
    });
    var body = table.createTBody();
    reports.forEach(function (r) {
      var row = body.insertRow();
      var name = cell(row, r.file);
      if (r.sha256) {
        var hash = document.createElement("div");
        hash.className = "hash small";
        hash.textContent = r.sha256;
        name.appendChild(hash);
      }
      var status = cell(row, labels.statuses[r.status] || r.status);
      if (r.error) {
        var error = document.createElement("div");
        error.className = "error-message small";
        error.textContent = r.error;
        status.appendChild(error);
      }
      cell(row, r.format || "—");
      cell(row, Object.keys(r.counts).map(function (k) { return r.counts[k] + " " + k; }).join(", ") || "—");
      cell(row, String(r.skipped), "num");
      r.skips.forEach(function (s) {
        var skip = body.insertRow();
        skip.className = "skip";
        var td = cell(skip, s.locator + " : " + s.reason);
        td.colSpan = 5;
      });
    });
    report.appendChild(table);
    var again = document.createElement("a");
    again.href = window.location.pathname;
    again.textContent = labels.reload;
    report.appendChild(again);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-CSRF-Token", form.elements.csrf.value);
    xhr.setRequestHeader("Accept", "application/json");
    box.hidden = false;
    bar.value = 0;
    state.textContent = "";
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); }
    });
    xhr.upload.addEventListener("load", function () {
      bar.removeAttribute("value");  // the server now reads the files: an indeterminate bar
      state.textContent = state.getAttribute("data-reading");
    });
    xhr.addEventListener("load", function () {
      var answer = null;
      try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = null; }
      if (xhr.status === 200 && answer && answer.reports) {
        bar.value = 100;
        state.textContent = state.getAttribute("data-done");
        show(answer.reports);
      } else {
        state.textContent = state.getAttribute("data-failed") + " " + ((answer && answer.message) || xhr.status);
      }
    });
    xhr.addEventListener("error", function () { state.textContent = state.getAttribute("data-failed"); });
    xhr.send(new FormData(form));
  });
}());
