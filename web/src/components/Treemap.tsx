import { type HierarchyRectangularNode, hierarchy, treemap } from 'd3-hierarchy';
import { type KeyboardEvent, useMemo, useRef } from 'react';
import { sequentialColor, textOn } from './color-scale.ts';
import { buildTree, type TreemapItem, type TreemapNode } from './treemap-tree.ts';
import { useElementWidth } from './useElementWidth.ts';

type Box = HierarchyRectangularNode<TreemapNode>;
const labelHeight = 16;

/**
 * Files as rectangles grouped by folder: area = `size`, colour = `heat`. One Tab stop: the arrow
 * keys move between files in the order given (rank), Enter or Space (or a click) selects one.
 */
export function Treemap({
  items,
  label,
  selectedKey,
  onSelect,
  height = 480,
}: {
  items: TreemapItem[];
  /** Names the chart for screen readers. */
  label: string;
  selectedKey?: string;
  onSelect: (item: TreemapItem) => void;
  height?: number;
}) {
  const { ref, width } = useElementWidth<HTMLDivElement>(900);
  const boxes = useRef(new Map<string, SVGGElement>());
  const { folders, leaves } = useMemo(() => layout(items, width, height), [items, width, height]);
  const activeKey = items.some((item) => item.key === selectedKey) ? selectedKey : items[0]?.key;

  function onKeyDown(event: KeyboardEvent<SVGSVGElement>) {
    const focused = (event.target as Element).closest('[data-key]')?.getAttribute('data-key');
    const at = items.findIndex((item) => item.key === focused);
    if (at < 0) return;
    const moves: Record<string, number> = {
      ArrowRight: at + 1,
      ArrowDown: at + 1,
      ArrowLeft: at - 1,
      ArrowUp: at - 1,
      Home: 0,
      End: items.length - 1,
    };
    const current = items[at];
    if ((event.key === 'Enter' || event.key === ' ') && current) {
      event.preventDefault();
      onSelect(current);
      return;
    }
    const next = items[Math.max(0, Math.min(items.length - 1, moves[event.key] ?? -1))];
    if (event.key in moves && next) {
      event.preventDefault();
      boxes.current.get(next.key)?.focus();
    }
  }

  return (
    <div ref={ref} className="treemap">
      <svg width={width} height={height} aria-label={label} onKeyDown={onKeyDown}>
        {folders.map((folder) => (
          <g key={`folder:${folder.data.path}`} className="treemap-folder">
            <rect
              x={folder.x0}
              y={folder.y0}
              width={folder.x1 - folder.x0}
              height={folder.y1 - folder.y0}
            />
            {folder.x1 - folder.x0 > 30 && folder.y1 - folder.y0 > labelHeight && (
              <text x={folder.x0 + 4} y={folder.y0 + 12}>
                {truncateTo(`${folder.data.name}/`, folder.x1 - folder.x0 - 8)}
              </text>
            )}
          </g>
        ))}
        {leaves.map((leaf) => {
          const item = leaf.data.item as TreemapItem;
          const w = leaf.x1 - leaf.x0;
          const h = leaf.y1 - leaf.y0;
          const selected = item.key === selectedKey;
          return (
            // biome-ignore lint/a11y/useSemanticElements: SVG has no <button>; this acts as one
            <g
              key={item.key}
              data-key={item.key}
              ref={(element) => {
                if (element) boxes.current.set(item.key, element);
                else boxes.current.delete(item.key);
              }}
              role="button"
              aria-label={item.label}
              aria-pressed={selected}
              tabIndex={item.key === activeKey ? 0 : -1}
              className={selected ? 'treemap-file selected' : 'treemap-file'}
              onClick={() => onSelect(item)}
            >
              <title>{item.label}</title>
              <rect
                x={leaf.x0}
                y={leaf.y0}
                width={w}
                height={h}
                fill={sequentialColor(item.heat)}
              />
              {w > 36 && h > 14 && (
                <text x={leaf.x0 + 3} y={leaf.y0 + 12} fill={textOn(item.heat)}>
                  {truncateTo(leaf.data.name, w - 6)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </div>
  );
}

function layout(items: TreemapItem[], width: number, height: number) {
  const root = hierarchy(buildTree(items), (node) => node.children)
    .sum((node) => (node.item ? Math.max(node.item.size, 1) : 0))
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const boxes = treemap<TreemapNode>()
    .size([width, height])
    .paddingOuter(2)
    .paddingTop((node) => (node.depth > 0 ? labelHeight : 2))
    .paddingInner(1)
    .round(true)(root);
  const all: Box[] = boxes.descendants();
  return {
    folders: all.filter((node) => node.depth > 0 && node.children),
    leaves: all.filter((node) => node.data.item),
  };
}

/** The text cut to roughly fit `room` pixels at the chart's 11px font. */
function truncateTo(text: string, room: number): string {
  const chars = Math.floor(room / 6.3);
  if (text.length <= chars) return text;
  return chars < 3 ? '' : `${text.slice(0, chars - 1)}…`;
}
