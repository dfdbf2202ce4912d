// A print button (data-print) opens the browser's print dialog. It is hidden until this script shows it: without
// JavaScript the page says to use the browser's own print command.
document.querySelectorAll('[data-print]').forEach(function (button) {
  button.hidden = false;
  button.addEventListener('click', function () { window.print(); });
});
