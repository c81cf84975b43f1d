/**
 * Builds the offline map's shapes: Natural Earth countries (world-atlas, 1:50m) around
 * Kazakhstan, projected once here with a conic equal-area projection fitted to Kazakhstan and
 * clipped to the map's frame, written as SVG path strings.
 *
 * Why at build time: countries-50m.json is ~750 KB and the page needs a dozen countries inside
 * one frame; projected, clipped and rounded to 0.1 px they are a few tens of KB, and the page
 * then needs only d3-geo's projection (same parameters, saved beside the paths) to place markers.
 * 110m was too coarse for Kazakhstan's Caspian coast and the Aral Sea at this size.
 *
 * Run: `npm run map:shapes` (writes src/web/app/explore/map-shapes.json).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoClipRectangle, geoConicEqualArea, geoPath, type GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, Geometry } from 'geojson';

const require = createRequire(import.meta.url);
const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology<{ countries: GeometryCollection<{ name: string }> }>;

/** ISO 3166-1 numeric → alpha-2 of the countries in the frame (alpha-2 lets the page name them with Intl.DisplayNames). */
const IN_FRAME: Record<string, string> = {
  '398': 'KZ', '643': 'RU', '156': 'CN', '417': 'KG', '860': 'UZ', '795': 'TM', '496': 'MN',
  '762': 'TJ', '004': 'AF', '364': 'IR', '031': 'AZ', '268': 'GE', '051': 'AM', '586': 'PK', '356': 'IN',
};

/** Where each country's name goes (lon, lat): inside the frame, clear of Kazakhstan's cities. */
const LABEL_AT: Record<string, [number, number]> = {
  KZ: [71, 46.4], RU: [62, 55.2], CN: [84.5, 43.2], KG: [74.2, 41.6], UZ: [63.2, 41.3], TM: [58.2, 39.4], MN: [88, 48.6], TJ: [70.5, 38.8], AF: [66, 36.5], IR: [55, 36.5], AZ: [47.6, 40.5],
};

export const WIDTH = 800;
export const HEIGHT = 520;
const PAD = 16;

const all = feature(topo, topo.objects.countries).features as Feature<Geometry, { name: string }>[];
const kz = all.find((f) => f.id === '398');
if (!kz) throw new Error('Kazakhstan (398) not in countries-50m');

const parallels: [number, number] = [44, 52];
const rotate: [number, number] = [-67, 0];
const projection: GeoProjection = geoConicEqualArea().parallels(parallels).rotate(rotate).fitExtent([[PAD, PAD], [WIDTH - PAD, HEIGHT - PAD]], kz);
projection.postclip(geoClipRectangle(0, 0, WIDTH, HEIGHT));
const path = geoPath(projection).digits(1);

const countries = all
  .filter((f) => typeof f.id === 'string' && IN_FRAME[f.id] !== undefined)
  .map((f) => {
    const code = IN_FRAME[f.id as string] as string;
    const at = LABEL_AT[code];
    const p = at ? projection(at) : null;
    const label = p && p[0] > 20 && p[0] < WIDTH - 20 && p[1] > 10 && p[1] < HEIGHT - 10 ? [Math.round(p[0]), Math.round(p[1])] : undefined;
    return { code, name: f.properties.name, d: path(f) ?? '', ...(label ? { label } : {}) };
  })
  .filter((c) => c.d !== '')
  // Kazakhstan last, so its outline is drawn over its neighbours' shared borders.
  .sort((a, b) => (a.code === 'KZ' ? 1 : b.code === 'KZ' ? -1 : a.code < b.code ? -1 : 1));

const out = {
  source: 'Natural Earth 1:50m admin-0 countries via world-atlas 2 (public domain)',
  width: WIDTH,
  height: HEIGHT,
  projection: { kind: 'conicEqualArea', parallels, rotate, scale: projection.scale(), translate: projection.translate() },
  countries,
};
const file = new URL('../src/web/app/explore/map-shapes.json', import.meta.url);
writeFileSync(file, `${JSON.stringify(out)}\n`);
console.log(`${countries.length} countries, ${JSON.stringify(out).length} bytes`);
