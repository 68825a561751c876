/**
 * Puts `wanted` into `parent` in that order, moving only the nodes out of place (a node moved
 * loses a reader's focus and restarts its animations), and removes the children not wanted.
 */
export function arrangeChildren(parent: Element, wanted: readonly Element[]): void {
  let cursor = parent.firstElementChild;
  for (const node of wanted) {
    if (node === cursor) cursor = cursor.nextElementSibling;
    else parent.insertBefore(node, cursor);
  }
  while (cursor !== null) {
    const next = cursor.nextElementSibling;
    cursor.remove();
    cursor = next;
  }
}
