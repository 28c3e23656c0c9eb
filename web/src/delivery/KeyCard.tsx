import type { ReactNode } from 'react';
import type { Band } from '../../../src/delivery/bands.ts';
import { Sparkline } from '../components/Sparkline.tsx';
import { BandBadge } from './BandBadge.tsx';
import { type DoraKey, doraKeyTerms } from './dora-keys.ts';

/**
 * One of the four keys: its value in human units, its band, the counts behind it, a weekly
 * trend, what it counts in words, and the button that lists its deployments (the whole card
 * is that button's target).
 */
export function KeyCard({
  id,
  value,
  band,
  detail,
  counts,
  trend,
  trendSummary,
  select,
  selected,
  onSelect,
}: {
  id: DoraKey;
  value: string;
  band: Band | null;
  detail?: ReactNode;
  counts: { label: string; value: ReactNode }[];
  trend: number[];
  trendSummary: string;
  /** The label of the drill-down button, e.g. "Show the 2 failed deployments". */
  select: string;
  selected: boolean;
  onSelect: () => void;
}) {
  const terms = doraKeyTerms[id];
  return (
    <article
      className={selected ? 'dora-card dora-card-selected' : 'dora-card'}
      aria-labelledby={`dora-${id}-title`}
    >
      <h3 id={`dora-${id}-title`} className="dora-card-title">
        {terms.title}
      </h3>
      <p className="dora-value">{value}</p>
      <BandBadge band={band} />
      {detail && <p className="dora-detail">{detail}</p>}
      <dl className="dora-counts">
        {counts.map((count) => (
          <div key={count.label}>
            <dt>{count.label}</dt>
            <dd>{count.value}</dd>
          </div>
        ))}
      </dl>
      <Sparkline values={trend} width={160} height={28} />
      <p className="visually-hidden">{trendSummary}</p>
      <p className="dora-definition">
        {terms.definition} <span className="dora-bands">{terms.bands}</span>
      </p>
      <button
        type="button"
        className="link-button dora-card-select"
        aria-pressed={selected}
        aria-controls="dora-deployments"
        onClick={onSelect}
      >
        {select}
      </button>
    </article>
  );
}
