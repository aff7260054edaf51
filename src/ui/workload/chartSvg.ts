/** A workload chart as standalone SVG text: its colours and fonts are attributes, so it needs no stylesheet. */
export function chartSvgText(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return `${new XMLSerializer().serializeToString(copy)}\n`;
}
