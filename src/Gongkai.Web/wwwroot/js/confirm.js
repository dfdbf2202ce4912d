// Asks before a step that cannot be taken back (a submit button with data-confirm, e.g. publishing a report).
// Without JavaScript the step goes ahead as before; the server makes its own checks either way.
document.addEventListener('click', function (event) {
  var button = event.target.closest('[data-confirm]');
  if (button && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});
