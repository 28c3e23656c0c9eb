import { datapointsCsvUrl, type SeriesQuery, seriesCsvUrl } from './decision-api.ts';

/** The chart's numbers and every datapoint as CSV files (the datapoints in the import format). */
export function ExportLinks({ metricKey, query }: { metricKey: string; query: SeriesQuery }) {
  return (
    <p className="metric-exports">
      <a className="button button-small" href={seriesCsvUrl(metricKey, query)} download>
        Download CSV of the chart
      </a>
      <a className="button button-small" href={datapointsCsvUrl(metricKey)} download>
        Download CSV of every datapoint
      </a>
    </p>
  );
}
