/** Colours for charts: a sequential ramp for "more is hotter" and a palette for series. */

/** Light yellow to dark red (after ColorBrewer YlOrRd): readable as "more" without a legend. */
const ramp = ['#fff3c4', '#fed976', '#fd8d3c', '#e31a1c', '#800026'];

/** Okabe–Ito inspired: distinguishable with the common colour-vision deficiencies. */
export const seriesColors = [
  '#1d4ed8',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#8c6d1f',
];

/** For "everything else" series (no team): quieter than any palette colour. */
export const noTeamColor = '#a3acb9';

export function seriesColor(index: number): string {
  return seriesColors[index % seriesColors.length] ?? '#6b7280';
}

/** The ramp's colour at `t` (0–1). */
export function sequentialColor(t: number): string {
  const clamped = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0));
  const at = clamped * (ramp.length - 1);
  const index = Math.min(Math.floor(at), ramp.length - 2);
  const low = parseHex(ramp[index] ?? '#000000');
  const high = parseHex(ramp[index + 1] ?? '#000000');
  const mix = at - index;
  return toHex(low.map((channel, i) => channel + ((high[i] ?? 0) - channel) * mix));
}

/** Dark text on the light end of the ramp, white on the dark end. */
export function textOn(t: number): string {
  return t > 0.55 ? '#ffffff' : '#172033';
}

/** Where `value` falls between min and max, on a square-root scale so small counts differ too. */
export function scaleOf(value: number, min: number, max: number): number {
  if (max <= min) return 1;
  return Math.sqrt((value - min) / (max - min));
}

/** The ramp as CSS, for legends. */
export const rampGradient = `linear-gradient(to right, ${ramp.join(', ')})`;

function parseHex(hex: string): number[] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function toHex(channels: number[]): string {
  return `#${channels.map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;
}
