// recmap: a little progressive enhancement. Every page works without it.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  // Facet checkboxes apply at once.
  document.querySelectorAll("input.autosubmit").forEach(function (box) {
    box.addEventListener("change", function () { box.form.submit(); });
  });

  var form = document.getElementById("upload-form");
  if (form) { enhanceUpload(form); }

  var job = document.getElementById("job");
  if (job && job.dataset.running === "true") {
    poll(job.dataset.job, function (j) {
      var bar = document.getElementById("job-progress");
      var state = document.getElementById("job-state");
      bar.value = percent(j);
      state.textContent = describe(j);
      if (j.state !== "queued" && j.state !== "running") { location.reload(); return false; }
      return true;
    });
  }
});

function percent(j) {
  if (j.state !== "queued" && j.state !== "running") { return 100; }
  return j.total ? Math.floor(j.done * 100 / (j.total + 1)) : 0;
}

function describe(j) {
  if (j.state === "failed") { return "Failed: " + j.error; }
  if (j.state === "done") { return "Finished" + (j.mapped ? ": " + j.mapped + " recommendations mapped." : "."); }
  if (j.phase === "map") { return "Mapping recommendations…"; }
  if (j.phase === "ingest") { return "Reading file " + j.done + " of " + j.total + "…"; }
  return "Waiting for another upload to finish…";
}

// poll calls f with the job every 700 ms while f returns true.
function poll(id, f) {
  var tick = function () {
    fetch("/api/jobs/" + encodeURIComponent(id), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (j) { if (f(j)) { setTimeout(tick, 700); } })
      .catch(function () { setTimeout(tick, 2000); });
  };
  tick();
}

function enhanceUpload(form) {
  var bar = document.getElementById("upload-progress");
  var status = document.getElementById("upload-status");
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var data = new FormData(form);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.dataset.api);
    xhr.setRequestHeader("X-CSRF-Token", form.elements.csrf.value);
    xhr.setRequestHeader("Accept", "application/json");
    bar.hidden = false;
    bar.value = 0;
    status.textContent = "Uploading…";
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) { bar.value = Math.floor(e.loaded * 50 / e.total); }
    };
    xhr.onload = function () {
      var body = {};
      try { body = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
      if (xhr.status !== 202) {
        bar.hidden = true;
        status.textContent = body.error || ("The upload failed (" + xhr.status + ").");
        status.className = "small error";
        return;
      }
      status.className = "small";
      poll(body.id, function (j) {
        bar.value = 50 + percent(j) / 2;
        status.textContent = describe(j);
        if (j.state === "queued" || j.state === "running") { return true; }
        var a = document.createElement("a");
        a.href = "/jobs/" + encodeURIComponent(j.id);
        a.textContent = " Details";
        status.appendChild(a);
        setTimeout(function () { location.href = a.href; }, 600);
        return false;
      });
    };
    xhr.onerror = function () {
      bar.hidden = true;
      status.textContent = "The upload failed: the server could not be reached.";
      status.className = "small error";
    };
    xhr.send(data);
  });
}
