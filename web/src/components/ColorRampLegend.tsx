import { rampGradient } from './color-scale.ts';
import { formatCount } from './format-number.ts';

/** What the treemap's colours and areas mean, with the range of the coloured measure. */
export function ColorRampLegend({
  label,
  min,
  max,
  note,
}: {
  label: string;
  min: number;
  max: number;
  note?: string;
}) {
  return (
    <div className="ramp-legend">
      <span className="ramp-legend-label">{label}</span>
      <span className="ramp-legend-scale">
        <span>{formatCount(min)}</span>
        <span className="ramp-legend-bar" style={{ background: rampGradient }} aria-hidden="true" />
        <span>{formatCount(max)}</span>
      </span>
      {note && <span className="muted">{note}</span>}
    </div>
  );
}
