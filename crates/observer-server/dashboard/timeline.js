// The timeline: events per day, stacked by type, with a brush. Dragging over days filters the
// rest of the dashboard to them; a click outside the selection clears it.
const d3 = window.d3;

const WIDTH = 960;
const HEIGHT = 180;
const MARGIN = { top: 10, right: 10, bottom: 24, left: 36 };
const DAY = 24 * 60 * 60 * 1000;

const parseDay = d3.utcParse('%Y-%m-%d');
export const formatDay = d3.utcFormat('%Y-%m-%d');

/**
 * Draws the timeline into `container`; `onBrush([since, until])` gets the selected days (as
 * YYYY-MM-DD) or null when the selection is cleared. Returns {update(days, selection)}.
 */
export function createTimeline(container, colour, onBrush) {
  const svg = d3.select(container).append('svg')
    .attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`)
    .attr('role', 'img')
    .attr('aria-label', 'Events per day by type');
  const bars = svg.append('g').attr('class', 'bars');
  const xAxis = svg.append('g').attr('transform', `translate(0,${HEIGHT - MARGIN.bottom})`);
  const yAxis = svg.append('g').attr('transform', `translate(${MARGIN.left},0)`);
  const brushLayer = svg.append('g').attr('class', 'brush');
  let x = d3.scaleUtc();
  let quiet = false;

  const brush = d3.brushX()
    .extent([[MARGIN.left, MARGIN.top], [WIDTH - MARGIN.right, HEIGHT - MARGIN.bottom]])
    .on('end', (event) => {
      if (quiet || !event.sourceEvent) return;
      if (!event.selection) {
        onBrush(null);
        return;
      }
      const [from, to] = event.selection.map((px) => x.invert(px));
      // Whole days: the first day the selection touches to the last.
      onBrush([formatDay(d3.utcDay.floor(from)), formatDay(d3.utcDay.floor(new Date(to - 1)))]);
    });

  function update(days, selection) {
    const types = [...new Set(days.map((d) => d.type))].sort();
    const byDay = d3.rollup(days, (rows) => Object.fromEntries(rows.map((r) => [r.type, r.events])), (d) => d.day);
    const rows = [...byDay].map(([day, counts]) => ({ day: parseDay(day), ...counts }))
      .sort((a, b) => a.day - b.day);
    const series = d3.stack().keys(types).value((row, type) => row[type] || 0)(rows);
    const first = rows.length ? rows[0].day : d3.utcDay.floor(new Date());
    const last = rows.length ? rows[rows.length - 1].day : first;
    x = d3.scaleUtc()
      .domain([new Date(+first - DAY), new Date(+last + 2 * DAY)])
      .range([MARGIN.left, WIDTH - MARGIN.right]);
    const y = d3.scaleLinear()
      .domain([0, d3.max(series, (s) => d3.max(s, (d) => d[1])) || 1]).nice()
      .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
    const barWidth = Math.max(2, (x(new Date(+first + DAY)) - x(first)) * 0.8);
    bars.selectAll('g')
      .data(series, (s) => s.key)
      .join('g')
      .attr('data-type', (s) => s.key)
      .style('fill', (s) => colour(s.key))
      .selectAll('rect')
      .data((s) => s.map((d) => Object.assign(d, { key: s.key })))
      .join('rect')
      .attr('x', (d) => x(d.data.day))
      .attr('width', barWidth)
      .attr('y', (d) => y(d[1]))
      .attr('height', (d) => Math.max(0, y(d[0]) - y(d[1])))
      .selectAll('title').data((d) => [d]).join('title')
      .text((d) => `${formatDay(d.data.day)}: ${d.data[d.key]} ${d.key}`);
    xAxis.call(d3.axisBottom(x).ticks(8).tickSizeOuter(0));
    yAxis.call(d3.axisLeft(y).ticks(4, 'd'));
    brushLayer.call(brush);
    // Show the URL's date filter as the brush, without reporting it back.
    quiet = true;
    if (selection && selection[0] && selection[1]) {
      brushLayer.call(brush.move, [x(parseDay(selection[0])), x(new Date(+parseDay(selection[1]) + DAY))]);
    } else {
      brushLayer.call(brush.move, null);
    }
    quiet = false;
  }

  return { update };
}
