// Progressive enhancement for the search page: a facet checkbox or select applies at once, and the keyboard focus
// comes back where the user was after the page reloads (the filter they ticked, the filter chips, the results).
// Without JavaScript the "Apply filters" button does the same. No inline scripts: this file is all there is.
(function () {
  var KEY = 'trialatlas:focus';

  // Remember which element should have the focus on the next page of this site (by id, with a fallback).
  function remember(id, fallback) {
    try { sessionStorage.setItem(KEY, JSON.stringify({ id: id, fallback: fallback || 'results-h' })); } catch (e) { /* storage off: no restore */ }
  }

  function restore() {
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(KEY) || 'null'); sessionStorage.removeItem(KEY); } catch (e) { saved = null; }
    if (!saved) return;
    var el = (saved.id && document.getElementById(saved.id)) || document.getElementById(saved.fallback);
    if (el) el.focus();
  }

  var form = document.querySelector('form.search');
  if (form) {
    form.addEventListener('change', function (e) {
      var t = e.target;
      if (t && (t.type === 'checkbox' || t.tagName === 'SELECT')) {
        remember(t.id);
        if (form.requestSubmit) form.requestSubmit(); else form.submit();
      }
    });
    form.addEventListener('submit', function () {
      // a search typed in the box, or "Apply filters": land on the results
      var active = document.activeElement;
      remember(active && active.id && active.id !== 'q' && active.type !== 'submit' ? active.id : 'results-h');
    });
    var apply = form.querySelector('button.apply');
    if (apply) apply.classList.add('js-optional');
  }

  // links that reload this page (filter chips, pager) say where the focus goes next
  document.addEventListener('click', function (e) {
    var a = e.target && e.target.closest ? e.target.closest('a[data-focus-after]') : null;
    if (a) remember(a.getAttribute('data-focus-after'));
  });

  // "/" focuses the search box, as on many sites
  document.addEventListener('keydown', function (e) {
    var q = document.getElementById('q');
    if (e.key === '/' && q && document.activeElement !== q && !/INPUT|SELECT|TEXTAREA/.test(document.activeElement.tagName)) {
      e.preventDefault();
      q.focus();
    }
  });

  restore();
})();
