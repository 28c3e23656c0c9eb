/** A small line of values over time, for a table cell; decoration beside the numbers. */
export function Sparkline({
  values,
  width = 120,
  height = 24,
  color = 'var(--accent)',
}: {
  values: number[];
  width?: number;
  height?: number;
  color?: string;
}) {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values
    .map(
      (value, index) =>
        `${(index * step).toFixed(1)},${(height - 2 - (value / max) * (height - 4)).toFixed(1)}`,
    )
    .join(' ');
  return (
    <svg className="sparkline" width={width} height={height} aria-hidden="true">
      <line x1={0} x2={width} y1={height - 2} y2={height - 2} className="sparkline-base" />
      <polyline points={points} fill="none" stroke={color} strokeWidth={1.5} />
    </svg>
  );
}
