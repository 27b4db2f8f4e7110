// The truce and claims panels, fed by /api/truces and /api/claims?contradicting=true with the
// dashboard's event filters. Every piece of text reaches the page through textContent (el() and
// d3's .text()), never as HTML.
import { el, clear, status } from './dom.js';
import { getJSON } from './api.js';

const d3 = window.d3;
const DAY = 24 * 3600 * 1000;

/** Loads `path` into a panel, with loading, empty and error states. */
async function load(path, params, statusNode, container, render, what) {
  clear(container);
  status(statusNode, 'loading', `Loading ${what}…`);
  try {
    const data = await getJSON(path, params);
    status(statusNode, '');
    render(container, data, statusNode);
  } catch (error) {
    status(statusNode, 'error', `Could not load ${what}: ${error.message}`);
  }
}

/** "2020-10-17" or "2020-10-17 to 2020-10-18" for a ledger date range. */
function dateText(date) {
  if (!date || !date.start) return 'an unknown date';
  return date.end && date.end !== date.start ? `${date.start} to ${date.end}` : date.start;
}

/** "2020-10-17, 09:00 local (05:00 UTC)": when a truce took effect, as precisely as reported. */
function effectiveText(effective) {
  if (!effective) return 'not reported';
  let text = dateText(effective.date);
  if (effective.time) text += `, ${effective.time.slice(0, 5)}${effective.zone ? ` ${effective.zone}` : ''}`;
  if (effective.utc_time) text += ` (${effective.utc_time.slice(0, 5)} UTC)`;
  if (!effective.stated) text += ' (taken from the agreement date)';
  return text;
}

const words = (name) => String(name || '').replaceAll('_', ' ');

/** What a violation alleges, in words: "ARM accuses AZE" or "Al Jazeera reports an attack by AZE". */
function allegation(v) {
  const verb = v.kind === 'accusation' ? 'accuses' : 'reports an attack by';
  return `${v.accuser} ${verb} ${v.accused}`;
}

/**
 * One truce: its parties, broker, effective time and status, then the violations alleged by each
 * accuser as dots on one time axis shared by all of them, with the effective time as a line.
 */
function truceView(truce, onSelect) {
  const violations = (truce.violations || []).filter((v) => v.date && v.date.start);
  const accusers = [...new Set([...(truce.parties || []).filter((p) =>
    violations.some((v) => v.accuser === p)), ...violations.map((v) => v.accuser)])];
  const effective = truce.effective && truce.effective.date && truce.effective.date.start;
  const times = [effective, ...violations.map((v) => v.date.start)].filter(Boolean)
    .map((d) => new Date(`${d}T00:00:00Z`));
  const facts = el('dl', { class: 'facts' },
    el('dt', {}, 'Parties'), el('dd', {}, (truce.parties || []).join(', ') || 'not named'),
    el('dt', {}, 'Broker'), el('dd', {}, (truce.brokers || []).join(', ') || 'none named'),
    el('dt', {}, 'Agreed'), el('dd', {}, truce.agreed ? dateText(truce.agreed) : 'not reported'),
    el('dt', {}, 'In effect from'), el('dd', { class: 'effective-time' }, effectiveText(truce.effective)),
    el('dt', {}, 'Status'), el('dd', { class: 'truce-status' }, words(truce.status)),
    el('dt', {}, 'History'), el('dd', {}, (truce.history || [])
      .map((h) => `${h.date || '?'} ${words(h.status)}`).join(' → ')),
    el('dt', {}, 'Alleged violations'), el('dd', {}, String(violations.length)));
  const view = el('article', { class: 'truce', 'data-truce': truce.id },
    el('h3', {}, `${truce.scope || truce.conflict}: ${words(truce.kind) === 'unspecified' ? '' : `${words(truce.kind)} `}truce, ${truce.conflict}`),
    facts);
  if (times.length > 0) {
    // Days run from midnight to midnight: the axis ends a day after the last one, so the dots
    // of that day (drawn at noon) stay on it.
    const [first, last] = d3.extent(times);
    const x = d3.scaleUtc().domain([new Date(+first - DAY / 2), new Date(+last + DAY)])
      .range([170, 620]);
    const rows = Math.max(1, accusers.length);
    const height = 34 + 22 * rows;
    const svg = d3.create('svg').attr('viewBox', `0 0 640 ${height}`).attr('class', 'truce-axis')
      .attr('role', 'img').attr('aria-label', `Violations alleged by each party, ${truce.id}`);
    svg.append('g').attr('transform', `translate(0,${height - 20})`)
      .call(d3.axisBottom(x).ticks(5).tickFormat(d3.utcFormat('%Y-%m-%d')));
    if (effective) {
      const at = x(new Date(`${effective}T00:00:00Z`));
      svg.append('line').attr('class', 'effective').attr('x1', at).attr('x2', at)
        .attr('y1', 0).attr('y2', height - 20)
        .append('title').text(`In effect from ${effectiveText(truce.effective)}`);
    }
    accusers.forEach((accuser, row) => {
      const y = 14 + row * 22;
      const mine = violations.filter((v) => v.accuser === accuser);
      svg.append('text').attr('class', 'accuser').attr('x', 0).attr('y', y + 4).text(accuser);
      // Several allegations on one day are spread a little so each can be pointed at.
      svg.append('g').selectAll('circle').data(mine).join('circle')
        .attr('class', (v) => `violation ${v.kind}`)
        .attr('data-event', (v) => v.event_id)
        .attr('cx', (v, i) => x(new Date(`${v.date.start}T12:00:00Z`)) + (i % 5) * 4 - 8)
        .attr('cy', y).attr('r', 5)
        .on('click', (_, v) => onSelect(v.event_id))
        .append('title').text((v) => `${dateText(v.date)}: ${allegation(v)} (${v.outlet || 'unknown outlet'}) “${v.evidence}”`);
    });
    view.append(svg.node());
  }
  const list = el('ul', { class: 'violations' }, violations.map((v) =>
    el('li', {}, el('button', { type: 'button', 'data-event': v.event_id },
      `${dateText(v.date)} · ${allegation(v)}`))));
  list.addEventListener('click', (clicked) => {
    const button = clicked.target.closest('button[data-event]');
    if (button) onSelect(button.dataset.event);
  });
  view.append(el('details', {}, el('summary', {}, 'Each alleged violation'), list));
  return view;
}

function renderTruces(container, data, statusNode, onSelect) {
  const truces = data.truces || [];
  if (truces.length === 0) {
    status(statusNode, 'empty', 'No truce in the selected events.');
    return;
  }
  for (const truce of truces) container.append(truceView(truce, onSelect));
}

/** One side of a contradiction: who claims what, with the stance and the words it rests on. */
function claimView(claim) {
  const party = claim.claimant_party && claim.claimant_party !== claim.claimant
    ? ` (${claim.claimant_party})` : '';
  return el('div', { class: 'claim' },
    el('p', { class: 'claimant' }, `${claim.claimant}${party}`),
    el('p', { class: 'assertion' }, `${words(claim.assertion)} · stance: ${words(claim.stance)}`),
    el('p', { class: 'muted' }, `${claim.type}${claim.mode ? ` (${claim.mode})` : ''} ${claim.about}, ${dateText(claim.date)}${claim.place ? `, ${claim.place}` : ''}`),
    el('blockquote', {}, claim.evidence || ''),
    el('p', { class: 'muted' }, `${claim.outlet || 'unknown outlet'}${claim.published ? `, ${claim.published}` : ''}`),
    el('button', { type: 'button', 'data-event': claim.event_id }, 'Open'));
}

function renderClaims(container, data, statusNode, onSelect) {
  const contradictions = data.contradictions || [];
  if (contradictions.length === 0) {
    status(statusNode, 'empty', 'No contradicting claims in the selected events.');
    return;
  }
  for (const item of contradictions) {
    const row = el('article', { class: 'contradiction', 'data-kind': item.kind },
      el('h3', {}, item.subject),
      el('p', { class: 'muted' }, `${words(item.kind)}${item.conflict ? ` · ${item.conflict}` : ''}`),
      el('div', { class: 'side-by-side' }, claimView(item.first), claimView(item.second)));
    row.addEventListener('click', (clicked) => {
      const button = clicked.target.closest('button[data-event]');
      if (button) onSelect(button.dataset.event);
    });
    container.append(row);
  }
}

export function loadTruces(params, onSelect) {
  return load('/api/truces', params, document.getElementById('truces-status'),
    document.getElementById('truces'),
    (container, data, statusNode) => renderTruces(container, data, statusNode, onSelect), 'truces');
}

export function loadClaims(params, onSelect) {
  return load('/api/claims', { ...params, contradicting: 'true' }, document.getElementById('claims-status'),
    document.getElementById('claims'),
    (container, data, statusNode) => renderClaims(container, data, statusNode, onSelect), 'contradicting claims');
}
