/* Customer Value Calculator — embed loader for course pages.
 *
 *   <div data-customer-value-calculator data-calc="customer_value"
 *        data-params="spend_per_purchase=50&lock=spend_per_purchase"></div>
 *   <script src="https://your.host/path/embed.js"></script>
 *
 * Every such <div> becomes an iframe of the calculator (next to this script)
 * in compact mode; its height follows the app's `resize` messages. Other
 * messages (`ready`, `change`, `export`) are re-dispatched on the <div> as
 * DOM events named `cvc-ready`, `cvc-change`, `cvc-export` with the message
 * as `event.detail`. Data attributes: data-calc, data-lang, data-params
 * (any URL parameters), data-height (initial height in px, default 600). */
(function () {
  'use strict';
  var SOURCE = 'customer-value-calculator';
  var script = document.currentScript;
  var base = new URL('.', script ? script.src : location.href);
  var frames = [];

  function mount(div) {
    if (div.getAttribute('data-cvc-mounted')) return;
    div.setAttribute('data-cvc-mounted', '1');
    var params = new URLSearchParams(div.getAttribute('data-params') || '');
    if (div.getAttribute('data-calc')) params.set('calc', div.getAttribute('data-calc'));
    if (div.getAttribute('data-lang')) params.set('lang', div.getAttribute('data-lang'));
    params.set('embed', '1');
    var iframe = document.createElement('iframe');
    iframe.src = new URL('index.html?' + params.toString(), base).toString();
    iframe.title = div.getAttribute('data-title') || 'Customer Value Calculator';
    iframe.style.width = '100%';
    iframe.style.border = '0';
    iframe.style.height = (parseInt(div.getAttribute('data-height'), 10) || 600) + 'px';
    iframe.setAttribute('loading', 'lazy');
    div.appendChild(iframe);
    frames.push({ iframe: iframe, div: div });
  }

  window.addEventListener('message', function (e) {
    var m = e.data;
    if (!m || m.source !== SOURCE) return;
    for (var i = 0; i < frames.length; i++) {
      var f = frames[i];
      if (f.iframe.contentWindow !== e.source) continue;
      if (m.type === 'resize' && typeof m.height === 'number') f.iframe.style.height = Math.ceil(m.height) + 'px';
      f.div.dispatchEvent(new CustomEvent('cvc-' + m.type, { detail: m }));
    }
  });

  function mountAll() {
    var divs = document.querySelectorAll('div[data-customer-value-calculator]');
    for (var i = 0; i < divs.length; i++) mount(divs[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
  else mountAll();
})();
