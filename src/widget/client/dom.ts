/** Small DOM builders, so that no markup string (and no inline style attribute) is ever parsed. */
import { el } from '../../browser/dom.ts';

export { el };

const SVG_NS = 'http://www.w3.org/2000/svg';

export const ICONS = {
  pause: 'M3.5 2h3.2v12H3.5zM9.3 2h3.2v12H9.3z',
  play: 'M4 2l10 6-10 6z',
  prev: 'M11.5 2L4 8l7.5 6z',
  next: 'M4.5 2L12 8l-7.5 6z',
} as const;

function icon(doc: Document, path: string): SVGSVGElement {
  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const shape = doc.createElementNS(SVG_NS, 'path');
  shape.setAttribute('d', path);
  svg.append(shape);
  return svg;
}

export function iconButton(doc: Document, className: string, label: string, path: string): HTMLButtonElement {
  const button = el(doc, 'button', className);
  button.type = 'button';
  setButton(button, label, path);
  return button;
}

/** Relabels a button and swaps its icon (the accessible name is the label). */
export function setButton(button: HTMLButtonElement, label: string, path: string): void {
  button.setAttribute('aria-label', label);
  button.title = label;
  button.replaceChildren(icon(button.ownerDocument, path));
}
