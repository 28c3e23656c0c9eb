import { formatPercent } from './format-number.ts';

/** A share (0–1) as a percentage with a small bar beside it; the bar is decoration. */
export function ShareBar({ share, tone = 'accent' }: { share: number; tone?: 'accent' | 'warm' }) {
  const clamped = Math.max(0, Math.min(1, share));
  return (
    <span className="share">
      <span className="share-value">{formatPercent(clamped)}</span>
      <span className="share-track" aria-hidden="true">
        <span
          className={tone === 'warm' ? 'share-fill share-fill-warm' : 'share-fill'}
          style={{ width: `${clamped * 100}%` }}
        />
      </span>
    </span>
  );
}
