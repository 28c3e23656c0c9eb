/** A file of the treemap: its area (`size`) and its colour (`heat`, scaled 0–1 by the caller). */
export type TreemapItem = { key: string; path: string; size: number; heat: number; label: string };

/** A folder (with children) or a file (with its item). */
export type TreemapNode = {
  name: string;
  path: string;
  children?: TreemapNode[];
  item?: TreemapItem;
};

/**
 * The folder tree of the items' paths ('/'-separated). A folder whose only child is a folder is
 * merged with it ("src/git"), so deep single-folder chains do not eat the labels' room.
 */
export function buildTree(items: TreemapItem[]): TreemapNode {
  const root: TreemapNode = { name: '', path: '', children: [] };
  for (const item of items) {
    const parts = item.path.split('/');
    let node = root;
    for (const [index, part] of parts.entries()) {
      const path = parts.slice(0, index + 1).join('/');
      if (index === parts.length - 1) {
        node.children?.push({ name: part, path, item });
        break;
      }
      let folder = node.children?.find((child) => child.children && child.name === part);
      if (!folder) {
        folder = { name: part, path, children: [] };
        node.children?.push(folder);
      }
      node = folder;
    }
  }
  return { ...root, children: (root.children ?? []).map(mergeChains) };
}

function mergeChains(node: TreemapNode): TreemapNode {
  if (!node.children) return node;
  const only = node.children.length === 1 ? node.children[0] : undefined;
  if (only?.children) {
    return mergeChains({ ...only, name: `${node.name}/${only.name}` });
  }
  return { ...node, children: node.children.map(mergeChains) };
}
