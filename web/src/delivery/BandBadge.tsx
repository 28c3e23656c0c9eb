import { type Band, bandsYear } from '../../../src/delivery/bands.ts';

const names: Record<Band, string> = { elite: 'Elite', high: 'High', medium: 'Medium', low: 'Low' };

/** The DORA performance band in words (the colour only repeats them); "No data" without one. */
export function BandBadge({ band }: { band: Band | null }) {
  if (band === null) return <span className="band band-none">No data</span>;
  return (
    <span className={`band band-${band}`}>
      {names[band]} · DORA {bandsYear}
    </span>
  );
}
