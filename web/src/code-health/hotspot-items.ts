import type { Hotspots } from '../api.ts';
import { scaleOf } from '../components/color-scale.ts';
import { formatCount } from '../components/format-number.ts';
import type { TreemapItem } from '../components/treemap-tree.ts';

export type Hotspot = Hotspots['files'][number];

/** What the treemap and the table of hotspots both show and report. */
export type HotspotViewProps = {
  files: Hotspot[];
  severalRepositories: boolean;
  selectedKey: string | undefined;
  onSelect: (file: Hotspot) => void;
};

/** A hotspot's key: its repository's name and its path (names are unique). */
export function hotspotKey(file: { repository: string; path: string }): string {
  return `${file.repository}:${file.path}`;
}

/** "src/app.ts — 12 commits, 340 lines" */
export function describeHotspot(file: Hotspot): string {
  const commits = `${formatCount(file.revisions)} ${file.revisions === 1 ? 'commit' : 'commits'}`;
  return `${file.path} — ${commits}, ${formatCount(file.lines)} lines`;
}

/**
 * The treemap's files: area = lines, colour = commits in the window. Across several repositories
 * each repository is the outermost folder.
 */
export function toTreemapItems(files: Hotspot[], severalRepositories: boolean): TreemapItem[] {
  const revisions = files.map((file) => file.revisions);
  const min = Math.min(...revisions);
  const max = Math.max(...revisions);
  return files.map((file) => ({
    key: hotspotKey(file),
    path: severalRepositories ? `${file.repository}/${file.path}` : file.path,
    size: file.lines,
    heat: scaleOf(file.revisions, min, max),
    label: describeHotspot(file),
  }));
}
