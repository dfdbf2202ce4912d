// Letters' PDFs made in the background (Letters/_PdfJob.cshtml): while a job is queued or running, asks its JSON
// every second and redraws the state, how long it has waited, the link once done and 重试 once failed.
// Without JavaScript the page offers 刷新 instead.
(function () {
  'use strict';
  if (window.gongkaiPdfJobs) {
    return; // The partial is on the page once per letter; the script runs once.
  }
  window.gongkaiPdfJobs = true;

  function part(box, name) {
    return box.querySelector('[data-part="' + name + '"]');
  }

  function show(node, visible) {
    if (node) {
      node.hidden = !visible;
    }
  }

  function draw(box, job) {
    box.dataset.state = job.state;
    part(box, 'label').textContent = job.label;
    part(box, 'detail').textContent = job.detail || '';
    var file = part(box, 'file');
    if (job.fileUrl) {
      file.href = job.fileUrl;
    }
    show(file, job.state === 'done');
    var request = part(box, 'request');
    show(request, job.state === 'none' || job.state === 'failed');
    request.querySelector('button').textContent = job.state === 'failed' ? '重试' : '生成 PDF';
    show(part(box, 'refresh'), job.state === 'queued' || job.state === 'running');
  }

  function poll(box) {
    if (box.dataset.state !== 'queued' && box.dataset.state !== 'running') {
      return;
    }
    window.setTimeout(function () {
      fetch(box.dataset.pdfJob, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (job) {
          if (job) {
            draw(box, job);
          }
          poll(box);
        })
        .catch(function () { poll(box); });
    }, 1000);
  }

  function start() {
    document.querySelectorAll('[data-pdf-job]').forEach(poll);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
