// The map: country borders from world-atlas (bundled), one circle per event type and place,
// coloured by type and sized by the number of events (mentions). A city is a solid dot; a region,
// province or country (a vaguer place) is a dashed ring, so precision shows at a glance.
const d3 = window.d3;
const topojson = window.topojson;

const WIDTH = 960;
const HEIGHT = 500;

let countriesPromise = null;

/** The country shapes, loaded once from the embedded world-atlas file. */
function countries() {
  if (!countriesPromise) {
    countriesPromise = d3.json('/assets/vendor/countries-110m.json')
      .then((world) => topojson.feature(world, world.objects.countries));
  }
  return countriesPromise;
}

/** Whether a point's place is an exact point (a city) rather than a region. */
export function isExact(point) {
  return point.precision === 'city';
}

/**
 * Draws the map into `container`; `colour(type)` gives a type's colour and `onSelect(point)` is
 * called when a marker is clicked. Returns {update(points)}.
 */
export async function createMap(container, colour, onSelect) {
  const svg = d3.select(container).append('svg')
    .attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`)
    .attr('role', 'img')
    .attr('aria-label', 'Map of events');
  const world = await countries();
  const projection = d3.geoNaturalEarth1();
  const path = d3.geoPath(projection);
  const land = svg.append('g').attr('class', 'countries');
  const markers = svg.append('g').attr('class', 'markers');

  function fit(points) {
    if (points.length === 0) {
      projection.fitSize([WIDTH, HEIGHT], world);
      return;
    }
    // Frame the events, with a margin of a few degrees so a single place keeps its context.
    const lons = points.map((p) => p.lon);
    const lats = points.map((p) => p.lat);
    const margin = 4;
    const box = {
      type: 'Feature',
      geometry: {
        type: 'MultiPoint',
        coordinates: [
          [Math.max(-180, d3.min(lons) - margin), Math.max(-85, d3.min(lats) - margin)],
          [Math.min(180, d3.max(lons) + margin), Math.min(85, d3.max(lats) + margin)],
        ],
      },
    };
    projection.fitExtent([[20, 20], [WIDTH - 20, HEIGHT - 20]], box);
  }

  function update(points) {
    fit(points);
    land.selectAll('path')
      .data(world.features)
      .join('path')
      .attr('d', path)
      .append('title');
    land.selectAll('path title').text((d) => d.properties.name);
    const radius = d3.scaleSqrt()
      .domain([1, d3.max(points, (p) => p.events) || 1])
      .range([4, 22]);
    // Largest first, so small markers stay on top and clickable.
    const sorted = [...points].sort((a, b) => b.events - a.events);
    const marker = markers.selectAll('circle')
      .data(sorted, (p) => `${p.type}|${p.place}|${p.lat}|${p.lon}`)
      .join('circle')
      .attr('class', (p) => (isExact(p) ? 'marker exact' : 'marker region'))
      .attr('cx', (p) => projection([p.lon, p.lat])[0])
      .attr('cy', (p) => projection([p.lon, p.lat])[1])
      .attr('r', (p) => radius(p.events))
      .attr('data-type', (p) => p.type)
      .attr('data-event', (p) => p.event_id)
      .attr('tabindex', 0)
      .attr('role', 'button')
      .on('click', (_, p) => onSelect(p))
      .on('keydown', (event, p) => {
        if (event.key === 'Enter' || event.key === ' ') onSelect(p);
      });
    marker.style('fill', (p) => (isExact(p) ? colour(p.type) : null))
      .style('stroke', (p) => colour(p.type));
    marker.selectAll('title').data((p) => [p]).join('title')
      .text((p) => {
        const where = p.place || 'unnamed place';
        const how = isExact(p) ? 'exact place' : `${p.precision || 'approximate'}, approximate`;
        return `${p.type} at ${where} (${how}): ${p.events} event${p.events === 1 ? '' : 's'}`;
      });
  }

  return { update };
}
