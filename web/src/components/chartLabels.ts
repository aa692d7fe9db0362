// Axis labels drawn whole: ECharts cuts a long category name ("Đảng ủy bộ phận đã thẩm đ…")
// when it is given a width, so the names are broken into lines at spaces instead.

// `text` broken at spaces into lines of at most `width` characters; a word longer than `width`
// keeps a line of its own rather than being split.
export function wrapLabel(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

// How many lines the longest of `labels` takes once wrapped at `width`.
export function wrappedLines(labels: string[], width: number): number {
  return labels.reduce((most, l) => Math.max(most, wrapLabel(l, width).split('\n').length), 1);
}

// An ECharts axisLabel that wraps category names at `width` characters and never truncates.
export function wrappedAxisLabel(width: number, fontSize = 13) {
  return { formatter: (value: string) => wrapLabel(String(value), width), fontSize, lineHeight: fontSize + 3, interval: 0 };
}
