// Says at once when a chosen file is over the upload limit, before a long upload is refused by the server.
// The server checks again; without JavaScript the form still works.
document.querySelectorAll('input[type=file][data-max-bytes]').forEach(function (input) {
  var error = input.parentElement.querySelector('[data-file-error]');
  input.addEventListener('change', function () {
    var max = Number(input.dataset.maxBytes);
    var tooBig = Array.prototype.find.call(input.files, function (file) { return file.size > max; });
    var message = tooBig ? '文件“' + tooBig.name + '”超过了 ' + input.dataset.maxText + ' 的上限，请压缩或拆分后再上传。' : '';
    input.setCustomValidity(message);
    if (error) { error.textContent = message; }
  });
  input.form.addEventListener('submit', function (event) {
    if (!input.checkValidity()) { event.preventDefault(); input.focus(); }
  });
});
