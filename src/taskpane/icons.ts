/**
 * Fluent-style severity icons, drawn as inline SVG: a circle with a cross for an error, a triangle
 * with an exclamation mark for a warning, a circle with a tick for none. Their shapes differ, not
 * only their colours, so they stay apart in forced colours and for anyone who cannot tell red from
 * amber. Decorative: the words beside them say the same.
 */
export type IconKind = 'error' | 'warning' | 'success';

const SVG = 'http://www.w3.org/2000/svg';

/** The shape (filled, in the text colour of its severity) and the glyph cut into it. */
const SHAPES: Record<IconKind, { shape: string; glyph: string; dot?: boolean }> = {
  error: { shape: 'M10 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16z', glyph: 'M7.2 7.2l5.6 5.6M12.8 7.2l-5.6 5.6' },
  warning: { shape: 'M10 2.2 18.4 17H1.6z', glyph: 'M10 7.6v4.4', dot: true },
  success: { shape: 'M10 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16z', glyph: 'M6.5 10.2l2.4 2.4 4.6-4.9' },
};

function svgNode(tag: string, attrs: Record<string, string>): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

export function icon(kind: IconKind): SVGElement {
  const { shape, glyph, dot } = SHAPES[kind];
  const svg = svgNode('svg', { class: `icon icon-${kind}`, viewBox: '0 0 20 20', width: '16', height: '16', 'aria-hidden': 'true', focusable: 'false', 'data-icon': kind });
  svg.append(svgNode('path', { class: 'icon-shape', d: shape }), svgNode('path', { class: 'icon-glyph', d: glyph }));
  if (dot) svg.append(svgNode('circle', { class: 'icon-dot', cx: '10', cy: '14.4', r: '1.1' }));
  return svg;
}
