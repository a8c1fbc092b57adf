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
  // The words are the page's, in its language (see locales/ in the source).
  const w = JSON.parse($('#explainer-words')?.textContent || '{}');
  // A template from before the page carried its words: no extras, rather than buttons without labels.
  if (!w.copy_link) return;
  const intl = (C) => {
    try {
      return new C(document.documentElement.lang);
    } catch {
      return new C(); // a tag Intl cannot read (x-klingon)
    }
  };
  const plural = intl(Intl.PluralRules), number = intl(Intl.NumberFormat);
  const fill = (s, o) => s.replace(/{(\w+)}/g, (m, k) => o[k] ?? m);

  // Choosing a person narrows the quotes and the timeline to them.
  const home = $('#quotes > h2') || $('#timeline > h2');
  if (home && cards.length) {
    const select = el('select', { id: 'person-filter' });
    select.append(el('option', { value: '' }, w.everyone));
    for (const c of cards) select.append(el('option', { value: c.id.slice(7) }, $('h4', c).textContent));
    const status = el('p', { id: 'filter-status' });
    status.setAttribute('role', 'status');
    const box = el('div', { className: 'filter' });
    box.append(el('label', { htmlFor: select.id }, w.show_of), ' ', select, status);
    home.after(box);
    const count = (list, id) => list.filter((li) => !(li.hidden = id && !names(li).includes(id))).length;
    const n = (k, what) => fill(k ? w[`${what}_${plural.select(k)}`] || w[what + '_other'] : w['no_' + what], { n: number.format(k) });
    select.onchange = () => {
      const id = select.value;
      const q = count(quotes, id), e = count(events, id);
      status.textContent = id && fill(w.showing, { quotes: n(q, 'quotes'), events: n(e, 'events'), name: select.selectedOptions[0].text });
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
    if (a) show(a);
    else if (e.target !== tip) hide(); // the pointer may rest on the tip itself
  };
  document.addEventListener('mouseover', track);
  document.addEventListener('focusin', track);
  document.addEventListener('keydown', (e) => e.key === 'Escape' && hide());

  // "Copy link" on each quote and event, and "Copy embed code" on them, the
  // cards and the sections: the frame of the part's embed page with the
  // script that sizes it (the README's "Embedding").
  const said = el('p', { className: 'visually-hidden' });
  said.setAttribute('role', 'status');
  document.body.append(said);
  const url = (to) => new URL(to, location.href).href;
  // `fallback` runs without a clipboard (a page opened from disk, say).
  const button = (label, what, copy, copied, fallback) => {
    const b = el('button', { type: 'button', className: 'copy-link' }, w[label]);
    b.append(el('span', { className: 'visually-hidden' }, w[what]));
    b.onclick = () => navigator.clipboard.writeText(copy()).then(() => (said.textContent = w[copied]), fallback);
    return b;
  };
  // The frame is titled by what it shows: a heading, a name, a quote, an event.
  const embed = (box, what) => {
    const title = `${$('h2, h4, blockquote, .event-title', box).textContent.trim().replace(/\s+/g, ' ').slice(0, 80)} · ${document.title}`;
    const code = () => `<iframe src="${url(`embed/${box.id}.html`)}" title="${title.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" height="${box.offsetHeight + 40}" style="width:100%;border:0"></iframe><script src="${url('embed-host.js')}" async></script>`;
    return button('copy_embed', what, code, 'embed_copied', () => prompt(w.copy_embed, code()));
  };
  for (const li of [...quotes, ...$$('#timeline li[id]')]) {
    const q = quotes.includes(li) ? 'quote' : 'event';
    const b = button('copy_link', 'to_this_' + q, () => location.href.split('#')[0] + '#' + li.id, 'link_copied', () => {
      // The address bar has it.
      history.replaceState(null, '', '#' + li.id);
      said.textContent = w.link_in_address_bar;
    });
    const at = $('.quote-meta', li) || $('figcaption', li);
    if (at) at.append(b);
    else ($('.badge', li) || $('time', li)).after(b); // on the date line, not a row of its own
    // The marker for this story is embedded as the summary, from the page's header.
    if (li.id !== 'this-story' && w.copy_embed) b.after(' ', embed(li, 'of_this_' + q));
  }
  // A past edition has no embed words: its parts are embedded from the latest edition.
  if (!w.copy_embed) return;
  for (const c of cards) $('.card-links', c).append(embed(c, 'of_this_card'));
  for (const s of $$('#whos-who, #quotes, #timeline')) $('h2', s).after(embed(s, 'of_this_section'));
})();
