// kehoach serve: reloads the page after each rebuild and lets the error overlay be closed.
// Served at /__kehoach/live.js (never written into the site); the site's CSP
// (script-src 'self') allows it where an inline script would be blocked.
(function () {
  var me = document.currentScript;
  var gen = me ? me.getAttribute('data-gen') : null;
  var overlay = document.getElementById('kehoach-overlay');
  if (overlay) {
    var close = overlay.querySelector('.kh-close');
    if (close) close.addEventListener('click', function () { overlay.remove(); });
  }
  if (!window.EventSource) return;
  var url = '/__kehoach/events?gen=' + encodeURIComponent(gen || '') +
    '&page=' + encodeURIComponent(location.pathname);
  var es = new EventSource(url);
  es.addEventListener('reload', function () { es.close(); location.reload(); });
})();
