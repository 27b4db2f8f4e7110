// The truce and claims panels, fed by /api/truces and /api/claims?contradicting=true. Those
// endpoints come with the cross-article ledger; a server without them answers 404, and the
// panel says the feature is not available rather than showing anything made up.
import { el, clear, status } from './dom.js';
import { getJSON } from './api.js';

const d3 = window.d3;

/** Loads `path` into a panel; 404 means the server has no such feature. */
async function load(path, params, statusNode, container, render, what) {
  clear(container);
  status(statusNode, 'loading', `Loading ${what}…`);
  try {
    const data = await getJSON(path, params);
    status(statusNode, '');
    render(container, data, statusNode);
  } catch (error) {
    if (error.status === 404) {
      status(statusNode, 'unavailable', `Not available: this server does not provide ${what} yet.`);
    } else {
      status(statusNode, 'error', `Could not load ${what}: ${error.message}`);
    }
  }
}

/**
 * Truces: {truces: [{id, name, parties: [..], effective: date, violations: [{event_id, date,
 * alleged_by, stance}]}]}. Each truce shows its effective time, then the violations each party
 * alleges on one shared time axis.
 */
function renderTruces(container, data, statusNode, onSelect) {
  const truces = data.truces || [];
  if (truces.length === 0) {
    status(statusNode, 'empty', 'No truce in the selected events.');
    return;
  }
  const dates = truces.flatMap((t) => [t.effective, ...(t.violations || []).map((v) => v.date)])
    .filter(Boolean).map((d) => new Date(d));
  const x = d3.scaleUtc().domain(d3.extent(dates)).nice().range([120, 620]);
  for (const truce of truces) {
    const parties = truce.parties || [];
    const height = 30 + 22 * Math.max(1, parties.length);
    const svg = d3.create('svg').attr('viewBox', `0 0 640 ${height}`).attr('class', 'truce-axis');
    svg.append('g').attr('transform', `translate(0,${height - 20})`).call(d3.axisBottom(x).ticks(5));
    if (truce.effective) {
      svg.append('line').attr('class', 'effective')
        .attr('x1', x(new Date(truce.effective))).attr('x2', x(new Date(truce.effective)))
        .attr('y1', 0).attr('y2', height - 20);
    }
    parties.forEach((party, row) => {
      const y = 14 + row * 22;
      svg.append('text').attr('x', 0).attr('y', y + 4).text(party);
      svg.append('g').selectAll('circle')
        .data((truce.violations || []).filter((v) => v.alleged_by === party && v.date))
        .join('circle')
        .attr('class', 'violation')
        .attr('cx', (v) => x(new Date(v.date))).attr('cy', y).attr('r', 5)
        .on('click', (_, v) => onSelect(v.event_id))
        .append('title').text((v) => `${v.date}: violation alleged by ${party} (${v.stance || ''})`);
    });
    container.append(el('article', { class: 'truce' },
      el('h3', {}, truce.name || truce.id),
      el('p', { class: 'muted' }, `In effect from ${truce.effective || 'an unknown time'}`),
      svg.node()));
  }
}

/**
 * Contradictions: {contradictions: [{id, about, claims: [{event_id, claimant, stance, text,
 * source}]}]}, each shown as its claims side by side.
 */
function renderClaims(container, data, statusNode, onSelect) {
  const contradictions = data.contradictions || [];
  if (contradictions.length === 0) {
    status(statusNode, 'empty', 'No contradicting claims in the selected events.');
    return;
  }
  for (const item of contradictions) {
    const side = (claim) => el('div', { class: 'claim' },
      el('p', { class: 'claimant' }, `${claim.claimant || 'the outlet'}: ${claim.stance || ''}`),
      el('blockquote', {}, claim.text || ''),
      el('p', { class: 'muted' }, claim.source || ''),
      claim.event_id ? el('button', { type: 'button', 'data-event': claim.event_id }, 'Open') : null);
    const row = el('article', { class: 'contradiction' },
      el('h3', {}, item.about || item.id),
      el('div', { class: 'side-by-side' }, (item.claims || []).map(side)));
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
    (container, data, statusNode) => renderTruces(container, data, statusNode, onSelect), 'truce monitoring');
}

export function loadClaims(params, onSelect) {
  return load('/api/claims', { ...params, contradicting: 'true' }, document.getElementById('claims-status'),
    document.getElementById('claims'),
    (container, data, statusNode) => renderClaims(container, data, statusNode, onSelect), 'contradicting claims');
}
