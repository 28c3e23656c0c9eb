/** The series of a chart and their colours, as a list a screen reader reads too. */
export function ChartLegend({
  label,
  items,
}: {
  label: string;
  items: { name: string; color: string; detail?: string }[];
}) {
  return (
    <ul className="chart-legend" aria-label={label}>
      {items.map((item) => (
        <li key={item.name}>
          <span
            className="chart-legend-swatch"
            style={{ background: item.color }}
            aria-hidden="true"
          />
          {item.name}
          {item.detail && <span className="muted"> {item.detail}</span>}
        </li>
      ))}
    </ul>
  );
}
