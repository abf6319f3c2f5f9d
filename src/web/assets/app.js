// Progressive enhancement for the search page: a facet checkbox or select applies at once.
// Without JavaScript the "Apply filters" button does the same.
(function () {
  var form = document.querySelector('form.search');
  if (!form) return;
  form.addEventListener('change', function (e) {
    var t = e.target;
    if (t && (t.type === 'checkbox' || t.tagName === 'SELECT')) form.requestSubmit ? form.requestSubmit() : form.submit();
  });
  var apply = form.querySelector('button.apply');
  if (apply) apply.classList.add('js-optional');
  // "/" focuses the search box, as on many sites
  document.addEventListener('keydown', function (e) {
    var q = document.getElementById('q');
    if (e.key === '/' && q && document.activeElement !== q && !/INPUT|SELECT|TEXTAREA/.test(document.activeElement.tagName)) {
      e.preventDefault();
      q.focus();
    }
  });
})();
