/**
 * The map's model: where each event is drawn. Places are resolved through the gazetteer (any
 * script); a landmark is drawn at its city ("Republic Square" and "the akimat" are Almaty at
 * this scale); a place without coordinates but with a known region is drawn at the region's
 * city; anything else is counted as not drawable rather than guessed.
 * This module imports the gazetteer (and so any-ascii): it is loaded only with the map page.
 */
import { geoConicEqualArea } from 'd3-geo';
import { GAZETTEER, placeCoordinates, resolvePlace, type GazetteerPlace } from '../../../core/gazetteer.ts';
import type { Place } from '../../../core/records.ts';
import type { TimelineEvent } from '../../../core/views/index.ts';
import shapes from './map-shapes.json' with { type: 'json' };

export { shapes };

const projection = geoConicEqualArea()
  .parallels(shapes.projection.parallels as [number, number])
  .rotate(shapes.projection.rotate as [number, number])
  .scale(shapes.projection.scale)
  .translate(shapes.projection.translate as [number, number]);

const byId = new Map(GAZETTEER.map((g) => [g.id, g]));

function root(g: GazetteerPlace): GazetteerPlace {
  let r = g;
  for (let i = 0; i < 5 && r.in !== undefined; i++) r = byId.get(r.in) ?? r;
  return r;
}

export interface Spot {
  key: string;
  /** The gazetteer entry drawn, when there is one (names in every language). */
  place?: GazetteerPlace;
  /** The record's place, for spots outside the gazetteer. */
  recordPlace?: Place;
  x: number;
  y: number;
  events: TimelineEvent[];
}

interface Located {
  key: string;
  place?: GazetteerPlace;
  recordPlace?: Place;
  lat: number;
  lon: number;
}

export function locate(where: Place): Located | undefined {
  const g = resolvePlace(where) ?? (where.region !== undefined ? resolvePlace({ name: where.region }) : undefined);
  if (g) {
    const r = root(g);
    return { key: r.id, place: r, lat: r.lat, lon: r.lon };
  }
  const c = placeCoordinates(where);
  if (!c) return undefined;
  return { key: `${c.lat.toFixed(2)},${c.lon.toFixed(2)}`, recordPlace: where, lat: c.lat, lon: c.lon };
}

/** Groups events by where they are drawn; returns the spots inside the frame and the count of the rest. */
export function spotsOf(events: readonly TimelineEvent[]): { spots: Spot[]; unplaced: number } {
  const spots = new Map<string, Spot>();
  let unplaced = 0;
  for (const e of events) {
    const loc = e.where ? locate(e.where) : undefined;
    const p = loc ? projection([loc.lon, loc.lat]) : null;
    if (!loc || !p || p[0] < 0 || p[1] < 0 || p[0] > shapes.width || p[1] > shapes.height) {
      unplaced++;
      continue;
    }
    let s = spots.get(loc.key);
    if (!s) {
      s = { key: loc.key, x: p[0], y: p[1], events: [] };
      if (loc.place) s.place = loc.place;
      if (loc.recordPlace) s.recordPlace = loc.recordPlace;
      spots.set(loc.key, s);
    }
    s.events.push(e);
  }
  // Bigger spots first, so small ones are drawn on top and stay clickable.
  return { spots: [...spots.values()].sort((a, b) => b.events.length - a.events.length), unplaced };
}
