// On the host page: sizes each frame of an explainer embed to the height
// its page reports. A frame only ever sizes itself, never another one.
addEventListener('message', (e) => {
  const { type, height } = e.data || {};
  if (type !== 'explainer-height' || !(height > 0)) return;
  for (const frame of document.getElementsByTagName('iframe')) {
    if (frame.contentWindow === e.source) frame.height = Math.ceil(height);
  }
});
// Frames that reported before this script ran are asked again.
for (const frame of document.getElementsByTagName('iframe')) {
  if (/\/embed\/[^/]+\.html/.test(frame.src)) frame.contentWindow?.postMessage({ type: 'explainer-height?' }, '*');
}
