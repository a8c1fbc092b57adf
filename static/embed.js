// In a frame, tells the host page this page's height, so the frame can fit
// it with no scrollbar of its own: as pym.js's message (a host's
// `new pym.Parent(…)` sizes it as it is) and as a plain
// {type: 'explainer-height', height} for any other host (embed-host.js).
(() => {
  if (parent === window) return;
  const pym = new URLSearchParams(location.search).get('childId');
  let sent;
  const send = (again) => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === sent && !again) return;
    sent = height;
    if (pym) parent.postMessage(`pymxPYMx${pym}xPYMxheightxPYMx${height}`, '*');
    parent.postMessage({ type: 'explainer-height', height }, '*');
  };
  // At once and when loaded, not only on a resize: a browser need not lay
  // out a frame that is out of sight, so its resize callbacks can wait.
  send();
  addEventListener('load', () => send(true));
  new ResizeObserver(() => send()).observe(document.documentElement);
  // A host that speaks (pym.js on a resize, embed-host.js when it starts)
  // is told again.
  addEventListener('message', (e) => e.source === parent && send(true));
})();
