// Optional extras. The page is whole without them: each card lists its
// person's quotes and events, a linked name leads to the card with the role,
// and each quote and event has an #id to link to.
(() => {
  const $ = (s, r = document) => r.querySelector(s);
  const $$ = (s, r = document) => [...r.querySelectorAll(s)];
  const el = (tag, props, text) => {
    const e = Object.assign(document.createElement(tag), props);
    if (text) e.textContent = text;
    return e;
  };
  const cards = $$('#whos-who .card');
  const quotes = $$('#quotes .quotes > li');
  const events = $$('#timeline li.event:not(.event-story)');
  const names = (li) => $$('.speaker, .event-people a', li).map((a) => a.hash.slice(8));

  // Choosing a person narrows the quotes and the timeline to them.
  const home = $('#quotes > h2') || $('#timeline > h2');
  if (home && cards.length) {
    const select = el('select', { id: 'person-filter' });
    select.append(el('option', { value: '' }, 'Everyone'));
    for (const c of cards) select.append(el('option', { value: c.id.slice(7) }, $('.name', c).textContent));
    const status = el('p', { id: 'filter-status' });
    status.setAttribute('role', 'status');
    const box = el('div', { className: 'filter' });
    box.append(el('label', { htmlFor: select.id }, 'Show quotes and events of'), ' ', select, status);
    home.after(box);
    const count = (list, id) => list.filter((li) => !(li.hidden = id && !names(li).includes(id))).length;
    const n = (k, word) => `${k || 'no'} ${word}${k === 1 ? '' : 's'}`;
    select.onchange = () => {
      const id = select.value;
      const q = count(quotes, id), e = count(events, id);
      status.textContent = id && `Showing ${n(q, 'quote')} and ${n(e, 'event')} of ${select.selectedOptions[0].text}.`;
    };
  }

  // A linked name shows the person's role on hover or focus; Escape hides it.
  const tip = el('span', { id: 'mention-tip', className: 'tip', hidden: true });
  tip.setAttribute('role', 'tooltip');
  document.body.append(tip);
  let shown;
  const hide = () => {
    tip.hidden = true;
    shown?.removeAttribute('aria-describedby');
    shown = null;
  };
  const show = (a) => {
    const role = $(`#person-${a.dataset.person} .role`);
    if (!role) return;
    tip.textContent = role.textContent;
    tip.hidden = false;
    (shown = a).setAttribute('aria-describedby', tip.id);
    const r = a.getClientRects()[0];
    tip.style.left = Math.max(8, Math.min(r.left, innerWidth - tip.offsetWidth - 8)) + scrollX + 'px';
    tip.style.top = r.bottom + scrollY + 6 + 'px';
  };
  const track = (e) => {
    const a = e.target.closest?.('a.mention[data-person]');
    // The pointer may rest on the tip itself.
    if (a) show(a);
    else if (e.target !== tip) hide();
  };
  document.addEventListener('mouseover', track);
  document.addEventListener('focusin', track);
  document.addEventListener('keydown', (e) => e.key === 'Escape' && hide());

  // "Copy link" on each quote and event, and "Copy embed code" on them, the
  // cards and the sections: the frame of the part's embed page (see the
  // README's "Embedding"), titled as that page is.
  const said = el('p', { className: 'visually-hidden' });
  said.setAttribute('role', 'status');
  document.body.append(said);
  // Without a clipboard (a page opened from disk, say), `fallback` says
  // where to find what the button copies.
  const button = (label, what, copy, fallback) => {
    const b = el('button', { type: 'button', className: 'copy-link' }, label);
    b.append(el('span', { className: 'visually-hidden' }, ` ${what}`));
    b.onclick = async () => {
      try {
        await navigator.clipboard.writeText(copy());
        said.textContent = 'Copied.';
      } catch {
        fallback();
      }
    };
    return b;
  };
  const url = (to) => new URL(to, location.href).href;
  const attr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const text = (s, box) => $(s, box)?.textContent.trim();
  const embed = (box, title, what) => {
    const code = () => `<iframe src="${url(`embed/${box.id}.html`)}" title="${attr(`${title} · ${document.title}`)}" height="${box.offsetHeight + 40}" style="width:100%;border:0"></iframe><script src="${url('embed-host.js')}" async></script>`;
    return button('Copy embed code', `of ${what}`, code, () => prompt('Embed code', code()));
  };
  for (const li of [...quotes, ...$$('#timeline li[id]')]) {
    const quote = quotes.includes(li), what = `this ${quote ? 'quote' : 'event'}`;
    const b = button('Copy link', `to ${what}`, () => location.href.split('#')[0] + '#' + li.id, () => {
      history.replaceState(null, '', '#' + li.id);
      said.textContent = 'The link is in the address bar.';
    });
    const at = $('.quote-meta', li) || $('figcaption', li);
    // On an event, on the date line rather than a row of its own.
    if (at) at.append(b);
    else ($('.badge', li) || $('time', li)).after(b);
    if (li.id === 'this-story') continue;
    // A quote's title has the teaser its speaker's card shows.
    const title = quote ? `${text('.speaker', li)}: ${text(`.card-quotes a[href="#${li.id}"]`)}` : `${text('time', li)}: ${text('.event-title', li)}`;
    b.after(' ', embed(li, title, what));
  }
  for (const c of cards) $('.card-links', c).append(embed(c, `${text('.name', c)}, ${text('.role', c)}`, 'this card'));
  for (const s of $$('#whos-who, #quotes, #timeline')) $('h2', s).after(embed(s, text('h2', s), 'this section'));
})();
