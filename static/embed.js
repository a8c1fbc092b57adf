// In a frame, tells the host page this page's height whenever it changes,
// so the frame can fit it with no scrollbar of its own: as pym.js's message
// (a host's `new pym.Parent(…)` sizes it as it is) and as a plain
// {type: 'explainer-height', height} for any other host (embed-host.js).
(() => {
  if (parent === window) return;
  const pym = new URLSearchParams(location.search).get('childId');
  let sent;
  const send = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === sent) return;
    sent = height;
    if (pym) parent.postMessage(`pymxPYMx${pym}xPYMxheightxPYMx${height}`, '*');
    parent.postMessage({ type: 'explainer-height', height }, '*');
  };
  new ResizeObserver(send).observe(document.documentElement);
})();
