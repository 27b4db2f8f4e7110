// The article view: the article's text with the evidence spans of one event highlighted, the
// coded fields beside it (value, evidence, rule), and the article's other events.
import { el, clear } from './dom.js';

/** UTF-8 length of one code point. */
function utf8Length(codePoint) {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/** A function from a UTF-8 byte offset (as the API gives spans) to a JavaScript string index. */
export function byteOffsets(text) {
  const indexOf = new Map();
  let bytes = 0;
  let index = 0;
  for (const char of text) {
    indexOf.set(bytes, index);
    bytes += utf8Length(char.codePointAt(0));
    index += char.length;
  }
  indexOf.set(bytes, index);
  return (offset) => (indexOf.has(offset) ? indexOf.get(offset) : null);
}

/** The text split at every span boundary: [{text, fields}], fields naming the spans over it. */
export function segments(text, spans) {
  const toIndex = byteOffsets(text);
  const marks = spans
    .map((s) => ({ start: toIndex(s.start), end: toIndex(s.end), field: s.field }))
    .filter((s) => s.start !== null && s.end !== null && s.start < s.end);
  const cuts = new Set([0, text.length]);
  for (const m of marks) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const parts = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [from, to] = [points[i], points[i + 1]];
    const fields = marks.filter((m) => m.start <= from && to <= m.end).map((m) => m.field);
    parts.push({ text: text.slice(from, to), fields: [...new Set(fields)] });
  }
  return parts;
}

function describeActor(actor) {
  if (!actor) return '';
  const tags = [actor.country, actor.role].filter(Boolean).join(' ');
  return tags ? `${actor.name} (${tags})` : actor.name;
}

export function describeDate(date) {
  if (!date || !date.start) return date && date.unresolved ? 'unresolved' : '';
  return date.end && date.end !== date.start ? `${date.start} to ${date.end}` : date.start;
}

export function summary(event) {
  const parts = [event.type];
  if (event.source) parts.push(`by ${describeActor(event.source)}`);
  if (event.target) parts.push(`against ${describeActor(event.target)}`);
  if (event.place) parts.push(`in ${event.place.name}`);
  return parts.join(' ');
}

/**
 * Renders the article of `explanation` (from /api/events/{id}/explain) with `detail` (from
 * /api/articles/{id}) into `container`. `onSelect(eventId)` opens another event of the article.
 */
export function renderArticle(container, explanation, detail, onSelect) {
  clear(container);
  const { event } = explanation;
  const { article, events } = detail;
  const spans = [];
  for (const sentence of explanation.sentences) {
    for (const mark of sentence.marks) spans.push(mark);
  }
  spans.push({ field: 'event', start: event.evidence.start, end: event.evidence.end });

  const meta = [article.source, article.published, article.url].filter(Boolean).join(' · ');
  const body = el('div', { class: 'article-text', id: 'article-text' });
  for (const part of segments(article.text, spans)) {
    if (part.fields.length === 0) {
      body.append(part.text);
    } else {
      body.append(el('mark', {
        class: 'evidence',
        'data-fields': part.fields.join(' '),
        title: part.fields.join(', '),
      }, part.text));
    }
  }

  const flags = ['negated', 'hypothetical', 'background'].filter((flag) => event[flag]);
  const facts = el('dl', { class: 'facts' },
    el('dt', {}, 'Event'), el('dd', {}, `${event.type}${event.mode ? ` / ${event.mode}` : ''} (CAMEO ${event.cameo})`),
    el('dt', {}, 'Date'), el('dd', {}, describeDate(event.date) || '-'),
    el('dt', {}, 'Place'), el('dd', {}, event.place
      ? `${event.place.name}${event.place.country ? `, ${event.place.country}` : ''} (${event.place.precision})`
      : '-'),
    el('dt', {}, 'Source'), el('dd', {}, describeActor(event.source) || '-'),
    el('dt', {}, 'Target'), el('dd', {}, describeActor(event.target) || '-'),
    el('dt', {}, 'Claimant'), el('dd', {}, describeActor(event.claimant) || 'the outlet'),
    el('dt', {}, 'Stance'), el('dd', {}, event.stance + (flags.length ? ` (${flags.join(', ')})` : '')));

  const fieldRows = explanation.fields.map((row) => el('tr', { 'data-field': row.field },
    el('td', {}, row.field),
    el('td', {}, row.value),
    el('td', {}, row.evidence === null || row.evidence === undefined ? '(inferred)' : row.evidence),
    el('td', { class: 'rule' }, row.rule)));
  const fields = el('table', { class: 'fields' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Field'), el('th', {}, 'Value'), el('th', {}, 'Evidence'), el('th', {}, 'Rule'))),
    el('tbody', {}, fieldRows));

  const others = el('ul', { class: 'article-events' }, events.map((other) => el('li', {},
    el('button', {
      type: 'button',
      class: other.id === event.id ? 'current' : '',
      'data-event': other.id,
    }, `${describeDate(other.date) || 'undated'}: ${summary(other)}`))));
  others.addEventListener('click', (clicked) => {
    const button = clicked.target.closest('button[data-event]');
    if (button) onSelect(button.dataset.event);
  });

  container.append(
    el('h3', { id: 'article-headline' }, article.title || '(untitled article)'),
    el('p', { class: 'muted' }, meta),
    el('div', { class: 'article-grid' },
      body,
      el('aside', {}, el('h4', {}, 'Coded fields'), facts, fields)),
    el('h4', {}, `Events in this article (${events.length})`),
    others,
  );
}
