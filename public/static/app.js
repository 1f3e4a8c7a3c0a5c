// Small progressive enhancements; every page works without this file.
// Loaded as an external script so the strict CSP (script-src 'self') holds.
(function () {
  'use strict';

  function announce(text) {
    var live = document.getElementById('live');
    if (live && text) live.textContent = text;
  }

  // When htmx gets an error it does not swap, say so where screen readers and eyes will see it.
  document.addEventListener('htmx:responseError', function (event) {
    var message = document.body.getAttribute('data-msg-request-failed') || '';
    var status = event.detail && event.detail.xhr ? event.detail.xhr.status : 0;
    announce(status ? message + ' (' + status + ')' : message);
    document.body.classList.add('has-request-error');
  });
  document.addEventListener('htmx:sendError', function () {
    announce(document.body.getAttribute('data-msg-network-failed') || '');
  });

  // A print button ([data-print]) prints the page: the statistics' A4 print view.
  document.addEventListener('click', function (event) {
    var button = event.target && event.target.closest ? event.target.closest('[data-print]') : null;
    if (button) window.print();
  });

  // After a swap, keep focus inside the swapped region when the focused element disappeared.
  document.addEventListener('htmx:afterSwap', function (event) {
    var target = event.detail && event.detail.target;
    if (!target || document.activeElement && document.activeElement !== document.body) return;
    var region = document.getElementById(target.id) || target;
    var focusable = region.querySelector('[aria-invalid="true"], .alert, h2');
    if (focusable) {
      if (!focusable.hasAttribute('tabindex')) focusable.setAttribute('tabindex', '-1');
      focusable.focus();
    }
  });
})();
