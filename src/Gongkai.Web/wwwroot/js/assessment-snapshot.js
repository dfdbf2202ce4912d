// A large region's ranking computed in the background (Supervision/Assessment.cshtml): while the computation is
// queued or running, asks its JSON every two seconds and redraws the state and how long it has waited; once it is
// done or failed, reloads the page to show the new ranking or the reason. Without JavaScript the page offers 刷新.
(function () {
  'use strict';

  function part(box, name) {
    return box.querySelector('[data-part="' + name + '"]');
  }

  function inProgress(state) {
    return state === 'queued' || state === 'running';
  }

  function poll(box) {
    if (!inProgress(box.dataset.state)) {
      return;
    }
    window.setTimeout(function () {
      fetch(box.dataset.snapshotJob, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (view) {
          if (!view) {
            poll(box);
            return;
          }
          if (!inProgress(view.state)) {
            window.location.reload();
            return;
          }
          box.dataset.state = view.state;
          var label = part(box, 'label');
          var detail = part(box, 'detail');
          if (label) {
            label.textContent = view.label;
          }
          if (detail) {
            detail.textContent = view.detail || '';
          }
          poll(box);
        })
        .catch(function () { poll(box); });
    }, 2000);
  }

  function start() {
    document.querySelectorAll('[data-snapshot-job]').forEach(poll);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
