import { useMemo } from 'react';
import { ColorRampLegend } from '../components/ColorRampLegend.tsx';
import { Treemap } from '../components/Treemap.tsx';
import { type HotspotViewProps, hotspotKey, toTreemapItems } from './hotspot-items.ts';

/** The hotspots as a treemap by folder, with what its areas and colours mean. */
export function HotspotMap({
  files,
  severalRepositories,
  selectedKey,
  onSelect,
}: HotspotViewProps) {
  const items = useMemo(
    () => toTreemapItems(files, severalRepositories),
    [files, severalRepositories],
  );
  const byKey = new Map(files.map((file) => [hotspotKey(file), file]));
  const revisions = files.map((file) => file.revisions);
  return (
    <figure className="chart-figure" aria-labelledby="hotspot-map-caption">
      <figcaption id="hotspot-map-caption" className="chart-caption">
        <span>
          The {files.length} highest-scoring files by folder: <strong>area</strong> is lines of
          code, <strong>colour</strong> is commits in the window. Use the arrow keys to move between
          files, Enter to select one.
        </span>
        <ColorRampLegend
          label="Commits"
          min={Math.min(...revisions)}
          max={Math.max(...revisions)}
        />
      </figcaption>
      <Treemap
        items={items}
        label="Hotspots treemap"
        selectedKey={selectedKey}
        onSelect={(item) => {
          const file = byKey.get(item.key);
          if (file) onSelect(file);
        }}
      />
    </figure>
  );
}
