// The dashboard: filters kept in the URL (so a view can be shared), the map and the timeline of
// the filtered events, the event and article lists, the article view of a selected event, and
// the truce and claims panels.
import { el, clear, status } from './dom.js';
import { getJSON } from './api.js';
import { createMap } from './map.js';
import { createTimeline } from './timeline.js';
import { renderArticle, describeDate } from './article.js';
import { loadTruces, loadClaims } from './panels.js';

const d3 = window.d3;

const TYPES = ['ACCUSE', 'AGREE', 'AID', 'ASSAULT', 'COERCE', 'CONCEDE', 'CONSULT', 'COOPERATE',
  'MOBILIZE', 'PROTEST', 'REJECT', 'REQUEST', 'RETREAT', 'SANCTION', 'SUPPORT', 'THREATEN'];
const palette = [...d3.schemeTableau10, '#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#a6761d'];
const colourOf = new Map(TYPES.map((type, i) => [type, palette[i % palette.length]]));
const colour = (type) => colourOf.get(type) || '#666';

/** The filter names, as in the URL and the API. */
const FILTERS = ['since', 'until', 'actor', 'country', 'type', 'place', 'outlet', 'q'];
const form = document.getElementById('filters');

/** The current view, from the URL: the filters and the opened event. */
function readState() {
  const params = new URLSearchParams(window.location.search);
  const filters = {};
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  return { filters, event: params.get('event') };
}

function writeState(state, push = true) {
  const params = new URLSearchParams();
  for (const name of FILTERS) if (state.filters[name]) params.set(name, state.filters[name]);
  if (state.event) params.set('event', state.event);
  const url = params.toString() ? `?${params}` : window.location.pathname;
  if (push) window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
}

let state = readState();
let map = null;
let timeline = null;

/** The event filters of the API from the view's filters (q only applies to articles). */
function eventParams(filters, { withDates = true } = {}) {
  const { q, ...params } = filters;
  if (!withDates) {
    delete params.since;
    delete params.until;
  }
  return params;
}

function fillForm() {
  for (const name of FILTERS) form.elements[name].value = state.filters[name] || '';
}

async function loadStats() {
  const node = document.getElementById('stats');
  try {
    const stats = await getJSON('/api/stats');
    node.textContent = `${stats.articles} articles, ${stats.events} events · engine ${stats.extractor_version}`;
  } catch (error) {
    node.textContent = `Store unavailable: ${error.message}`;
  }
}

async function loadMap() {
  const statusNode = document.getElementById('map-status');
  status(statusNode, 'loading', 'Loading the map…');
  try {
    if (!map) {
      map = await createMap(document.getElementById('map'), colour, (point) => openEvent(point.event_id));
    }
    const { points } = await getJSON('/api/map', eventParams(state.filters));
    map.update(points);
    status(statusNode, points.length ? '' : 'empty',
      points.length ? '' : 'No located event matches these filters.');
  } catch (error) {
    status(statusNode, 'error', `Could not load the map: ${error.message}`);
  }
}

async function loadTimeline() {
  const statusNode = document.getElementById('timeline-status');
  status(statusNode, 'loading', 'Loading the timeline…');
  try {
    if (!timeline) {
      timeline = createTimeline(document.getElementById('timeline'), colour, (range) => {
        state.filters.since = range ? range[0] : undefined;
        state.filters.until = range ? range[1] : undefined;
        applyFilters();
      });
    }
    // All dates, so the brush can move anywhere; the selection shows the date filter.
    const { days } = await getJSON('/api/timeline', eventParams(state.filters, { withDates: false }));
    timeline.update(days, [state.filters.since, state.filters.until]);
    status(statusNode, days.length ? '' : 'empty', days.length ? '' : 'No dated event matches these filters.');
  } catch (error) {
    status(statusNode, 'error', `Could not load the timeline: ${error.message}`);
  }
}

function describeActor(actor) {
  return actor ? `${actor.name}${actor.country ? ` (${actor.country})` : ''}` : '';
}

let eventsCursor = null;

async function loadEvents(more = false) {
  const statusNode = document.getElementById('events-status');
  const body = document.querySelector('#events tbody');
  const button = document.getElementById('more-events');
  if (!more) {
    clear(body);
    eventsCursor = null;
  }
  status(statusNode, 'loading', 'Loading events…');
  try {
    const page = await getJSON('/api/events', { ...eventParams(state.filters), limit: 50, cursor: eventsCursor || undefined });
    for (const event of page.events) {
      const row = el('tr', { 'data-event': event.id, tabindex: 0 },
        el('td', {}, describeDate(event.date) || 'undated'),
        el('td', {}, el('span', { class: 'chip', 'data-type': event.type }, event.type)),
        el('td', {}, describeActor(event.source)),
        el('td', {}, describeActor(event.target)),
        el('td', {}, event.place ? event.place.name : ''),
        el('td', {}, describeActor(event.claimant)),
        el('td', {}, event.stance));
      row.querySelector('.chip').style.background = colour(event.type);
      body.append(row);
    }
    eventsCursor = page.next_cursor || null;
    button.hidden = !eventsCursor;
    const count = body.children.length;
    status(statusNode, count ? 'count' : 'empty',
      count ? `${count}${eventsCursor ? '+' : ''} events` : 'No event matches these filters.');
  } catch (error) {
    status(statusNode, 'error', `Could not load events: ${error.message}`);
  }
}

let articlesCursor = null;

async function loadArticles(more = false) {
  const statusNode = document.getElementById('articles-status');
  const list = document.getElementById('articles');
  const button = document.getElementById('more-articles');
  if (!more) {
    clear(list);
    articlesCursor = null;
  }
  status(statusNode, 'loading', 'Loading articles…');
  try {
    const page = await getJSON('/api/articles', { ...state.filters, limit: 20, cursor: articlesCursor || undefined });
    for (const article of page.articles) {
      list.append(el('li', { 'data-article': article.id },
        el('span', { class: 'title' }, article.title || '(untitled)'),
        ' ',
        el('span', { class: 'muted' }, [article.source, article.published, `${article.events} events`].filter(Boolean).join(' · '))));
    }
    articlesCursor = page.next_cursor || null;
    button.hidden = !articlesCursor;
    status(statusNode, list.children.length ? '' : 'empty', list.children.length ? '' : 'No article matches these filters.');
  } catch (error) {
    status(statusNode, 'error', `Could not load articles: ${error.message}`);
  }
}

async function openArticle(articleId) {
  // An article opens on its first event; one without events shows as text only.
  const detail = await getJSON(`/api/articles/${encodeURIComponent(articleId)}`);
  if (detail.events.length) {
    openEvent(detail.events[0].id);
    return;
  }
  const panel = document.getElementById('article-panel');
  panel.hidden = false;
  const container = document.getElementById('article');
  clear(container);
  container.append(el('h3', { id: 'article-headline' }, detail.article.title || '(untitled article)'),
    el('div', { class: 'article-text', id: 'article-text' }, detail.article.text),
    el('p', { class: 'muted' }, 'No event was coded from this article.'));
}

async function showEvent() {
  const panel = document.getElementById('article-panel');
  const statusNode = document.getElementById('article-status');
  const container = document.getElementById('article');
  if (!state.event) {
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  clear(container);
  status(statusNode, 'loading', 'Loading the article…');
  try {
    const explanation = await getJSON(`/api/events/${encodeURIComponent(state.event)}/explain`);
    const detail = await getJSON(`/api/articles/${encodeURIComponent(explanation.event.article_id)}`);
    renderArticle(container, explanation, detail, openEvent);
    status(statusNode, '');
    panel.scrollIntoView({ block: 'nearest' });
  } catch (error) {
    status(statusNode, 'error', `Could not load event ${state.event}: ${error.message}`);
  }
}

function openEvent(eventId) {
  state.event = eventId;
  writeState(state);
  showEvent();
}

function applyFilters() {
  writeState(state);
  fillForm();
  refresh();
}

function refresh() {
  loadMap();
  loadEvents();
  loadArticles();
  loadTruces(eventParams(state.filters), openEvent);
  loadClaims(eventParams(state.filters), openEvent);
}

function start() {
  const select = form.elements.type;
  for (const type of TYPES) select.append(el('option', { value: type }, type));
  const legend = document.getElementById('legend');
  for (const type of TYPES) {
    const swatch = el('span', { class: 'swatch' });
    swatch.style.background = colour(type);
    legend.append(el('li', {}, swatch, type));
  }
  const exact = el('span', { class: 'swatch exact' });
  const region = el('span', { class: 'swatch region' });
  legend.append(el('li', {}, exact, 'exact place'), el('li', {}, region, 'region (approximate)'));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    state.filters = {};
    for (const name of FILTERS) {
      const value = form.elements[name].value.trim();
      if (value) state.filters[name] = value;
    }
    applyFilters();
    loadTimeline();
  });
  document.getElementById('clear-filters').addEventListener('click', () => {
    state.filters = {};
    applyFilters();
    loadTimeline();
  });
  document.querySelector('#events tbody').addEventListener('click', (event) => {
    const row = event.target.closest('tr[data-event]');
    if (row) openEvent(row.dataset.event);
  });
  document.querySelector('#events tbody').addEventListener('keydown', (event) => {
    const row = event.target.closest('tr[data-event]');
    if (row && event.key === 'Enter') openEvent(row.dataset.event);
  });
  document.getElementById('articles').addEventListener('click', (event) => {
    const item = event.target.closest('li[data-article]');
    if (item) openArticle(item.dataset.article);
  });
  document.getElementById('more-events').addEventListener('click', () => loadEvents(true));
  document.getElementById('more-articles').addEventListener('click', () => loadArticles(true));
  window.addEventListener('popstate', () => {
    state = readState();
    fillForm();
    refresh();
    loadTimeline();
    showEvent();
  });

  fillForm();
  loadStats();
  loadTimeline();
  refresh();
  showEvent();
}

start();
