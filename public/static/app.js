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

// Meetings: keep focus on the control that was used when htmx replaces the agenda builder (an
// item moved up keeps focus on its "up" button, or on "down" once it reached the top); print
// buttons; the suggested title follows the kind and day chosen.
(function () {
  'use strict';
  var lastFocusId = null;
  document.addEventListener('htmx:beforeRequest', function () {
    var active = document.activeElement;
    lastFocusId = active && active.id ? active.id : null;
  });
  // After the handler above (registered first), in the same swap: the used control wins over the heading.
  document.addEventListener('htmx:afterSwap', function () {
    if (!lastFocusId) return;
    var el = document.getElementById(lastFocusId);
    if (el && el.disabled) {
      var holder = el.closest('[data-focus-fallback]');
      el = holder ? document.getElementById(holder.getAttribute('data-focus-fallback')) : null;
    }
    if (el && !el.disabled && document.activeElement !== el) el.focus();
    lastFocusId = null;
  });

  document.addEventListener('click', function (event) {
    var target = event.target;
    if (target && target.closest && target.closest('[data-print]')) window.print();
  });

  function suggestTitle(form) {
    var templates;
    try {
      templates = JSON.parse(form.getAttribute('data-title-templates') || '{}');
    } catch (e) {
      return;
    }
    var kind = form.querySelector('[name="kind"]');
    var when = form.querySelector('[name="scheduledAt"]');
    var title = form.querySelector('[name="title"]');
    if (!kind || !when || !title || !templates[kind.value]) return;
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(when.value);
    if (!m) return;
    var months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    var values = { year: m[1], month: String(Number(m[2])), day: String(Number(m[3])), monthName: months[Number(m[2]) - 1] };
    title.placeholder = templates[kind.value].replace(/\{(\w+)\}/g, function (whole, name) {
      return values[name] !== undefined ? values[name] : whole;
    });
  }
  document.addEventListener('change', function (event) {
    var form = event.target && event.target.form;
    if (form && form.hasAttribute('data-title-templates')) suggestTitle(form);
  });
})();
