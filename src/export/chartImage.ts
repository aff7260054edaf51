/**
 * The chart as a standalone picture for slides: the SVG recharts drew, with every colour and
 * font resolved (the page draws with CSS variables and classes, which a file does not carry),
 * the query and λ above it and a legend below it. PNG is the same SVG drawn on a canvas.
 */

export interface ChartImageInfo {
  title: string;
  subtitle: string;
  legend: readonly { label: string; color: string }[];
  note: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

const PAD = 20;
const TITLE_H = 56;
const LEGEND_ROW = 22;
const LEGEND_COL = 280;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";

function el(name: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Copies each element's computed style onto its clone, so the file looks as the page does. */
function inlineStyles(source: Element, clone: Element): void {
  const style = getComputedStyle(source);
  const inline = STYLE_PROPS.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';');
  clone.setAttribute('style', inline);
  for (const attr of ['fill', 'stroke']) {
    // Attributes like fill="var(--muted)" mean nothing outside the page.
    if (clone.getAttribute(attr)?.includes('var(')) clone.setAttribute(attr, style.getPropertyValue(attr));
  }
  const kids = source.children;
  const cloneKids = clone.children;
  for (let i = 0; i < kids.length; i++) inlineStyles(kids[i]!, cloneKids[i]!);
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The picture as SVG text, from the chart's SVG element as drawn now. */
export function chartSvg(chart: SVGSVGElement, info: ChartImageInfo): { svg: string; width: number; height: number } {
  const box = chart.getBoundingClientRect();
  const width = Math.round(box.width) + 2 * PAD;
  const perRow = Math.max(1, Math.floor((width - 2 * PAD) / LEGEND_COL));
  const legendRows = Math.ceil(info.legend.length / perRow) + 1;
  const height = Math.round(box.height) + TITLE_H + legendRows * LEGEND_ROW + 2 * PAD;

  const clone = chart.cloneNode(true) as SVGSVGElement;
  inlineStyles(chart, clone);
  // Hover cards and click targets are for the page only.
  clone.querySelectorAll('foreignObject, .chart-hover-area').forEach((n) => n.remove());
  clone.setAttribute('x', String(PAD));
  clone.setAttribute('y', String(PAD + TITLE_H));
  clone.setAttribute('width', String(Math.round(box.width)));
  clone.setAttribute('height', String(Math.round(box.height)));

  const root = el('svg', { xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': FONT });
  root.append(el('rect', { width, height, fill: '#ffffff' }));
  root.append(
    el('text', { x: PAD, y: PAD + 18, 'font-size': 18, 'font-weight': 700, fill: '#1c2230' }, clip(info.title, 110)),
  );
  root.append(el('text', { x: PAD, y: PAD + 42, 'font-size': 13, fill: '#5f6b7d' }, clip(info.subtitle, 150)));
  root.append(clone);
  const legendTop = PAD + TITLE_H + Math.round(box.height) + 8;
  info.legend.forEach((item, i) => {
    const x = PAD + (i % perRow) * LEGEND_COL;
    const y = legendTop + Math.floor(i / perRow) * LEGEND_ROW;
    root.append(el('rect', { x, y: y + 3, width: 14, height: 10, rx: 2, fill: item.color }));
    root.append(el('text', { x: x + 20, y: y + 12, 'font-size': 12, fill: '#1c2230' }, clip(item.label, 38)));
  });
  root.append(
    el(
      'text',
      { x: PAD, y: legendTop + (legendRows - 1) * LEGEND_ROW + 12, 'font-size': 12, fill: '#5f6b7d' },
      info.note,
    ),
  );
  return { svg: new XMLSerializer().serializeToString(root), width, height };
}

/** The same picture as PNG at twice the size, sharp on slides. */
export async function chartPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width * scale;
    canvas.height = height * scale;
    const context = canvas.getContext('2d')!;
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the PNG.'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
