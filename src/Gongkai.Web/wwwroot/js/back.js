// "返回上一页" on the error page goes back in the browser's history; without JavaScript (or with no history) only the
// link to the home page is shown.
document.querySelectorAll('[data-back]').forEach(function (item) {
  if (window.history.length < 2) { return; }
  item.hidden = false;
  item.querySelector('a').addEventListener('click', function (event) {
    event.preventDefault();
    window.history.back();
  });
});
