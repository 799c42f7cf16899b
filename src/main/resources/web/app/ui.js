// #23: the pieces every page shares: a banner for errors (red, unmissable) and notes, status tones, tabs.
import { el, t } from './app.js';

/**
 * Shows an error (an Error or {message}) in a red banner, or clears the banner when err is null.
 * `extra` nodes (e.g. the list of missing documents) go under the message.
 */
export function showBanner(box, err, extra = null) {
  if (!box) return;
  box.classList.add('banner');
  box.classList.remove('info');
  if (!err) {
    box.replaceChildren();
    box.classList.remove('error');
    return;
  }
  box.classList.add('error');
  box.setAttribute('role', 'alert');
  box.replaceChildren(...[el('span', {}, err.message || String(err)), extra].filter(Boolean));
  box.scrollIntoView({ block: 'nearest' });
}

/** A note that is not an error (green). */
export function showNote(box, message) {
  if (!box) return;
  box.classList.add('banner', 'info');
  box.classList.remove('error');
  box.setAttribute('role', 'status');
  box.replaceChildren(el('span', {}, message));
}

/** Status tones: green done/paid, amber waiting, red refused/owed. */
const TONES = {
  ok: ['APPROVED', 'DISPENSED', 'REDEEMED', 'DELIVERED', 'HOSPITAL_RECEIVED', 'PAID', 'LIABILITY_CONFIRMED', 'SUBMITTED', 'WRITTEN_OFF'],
  wait: ['PENDING_REVIEW', 'INFO_REQUESTED', 'RESERVED', 'REQUESTED', 'ACCEPTED', 'PACKED', 'SHIPPED', 'AWAITING_TRANSFER',
    'IN_TRANSFER', 'UNDER_INVESTIGATION', 'PARTLY_PAID', 'OPEN'],
  bad: ['REJECTED', 'FAILED', 'LIABILITY_DENIED', 'CANCELLED', 'REVERSED', 'EXPIRED'],
};
export function tone(status) {
  for (const [name, list] of Object.entries(TONES)) if (list.includes(status)) return `tone-${name}`;
  return '';
}

/** A status badge in words, coloured by its tone; data-status keeps the code for tests and tools. */
export function badge(status, words, toneOverride) {
  return el('span', { class: `status ${toneOverride || tone(status)}`, dataset: { status } }, words);
}

/**
 * Tabs: buttons with role=tab and aria-controls inside a role=tablist; the chosen one is kept in the
 * address (#tab-id) so a reload opens the same tab. A tab with data-title-zh/-en names the page: the
 * heading (h1, which the language switch rewrites from its data-zh/-en) and the window title follow it.
 */
export function tabs(list, heading = document.querySelector('h1')) {
  const buttons = [...list.querySelectorAll('[role=tab]')];
  const suffix = document.title.includes(' · ') ? document.title.slice(document.title.indexOf(' · ')) : '';
  const title = (button) => {
    if (!heading || !button.dataset.titleZh) return;
    heading.dataset.zh = button.dataset.titleZh;
    heading.dataset.en = button.dataset.titleEn || button.dataset.titleZh;
    heading.textContent = t(heading.dataset.zh, heading.dataset.en);
    document.title = `${heading.textContent}${suffix}`;
  };
  const select = (button) => {
    title(button);
    buttons.forEach((b) => {
      const on = b === button;
      b.setAttribute('aria-selected', on ? 'true' : 'false');
      b.tabIndex = on ? 0 : -1;
      const panel = document.getElementById(b.getAttribute('aria-controls'));
      if (panel) panel.hidden = !on;
    });
  };
  buttons.forEach((b) => b.addEventListener('click', () => {
    select(b);
    history.replaceState(null, '', `#${b.getAttribute('aria-controls')}`);
  }));
  const wanted = buttons.find((b) => `#${b.getAttribute('aria-controls')}` === location.hash);
  select(wanted || buttons[0]);
}
