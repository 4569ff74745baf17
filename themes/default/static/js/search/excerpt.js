/* The excerpt shown under a result: about 110 characters of the page around the first match, with the
 * matched words marked. Pure (tests/js/). */

const LENGTH = 110;
const BEFORE = 30;

/* [[text, marked], ...] of `content`, after the page's own heading `title` when it opens the content. */
export function excerpt(content, title, marks) {
  const lower = content.toLowerCase();
  const text = lower.length === content.length ? lower : content;
  // The page's own heading opens its content (after a label or a status line): start after it.
  const heading = title ? text.indexOf(title.toLowerCase()) : -1;
  const skip = heading >= 0 && heading < 200 ? heading + title.length : 0;
  let at = -1;
  for (const from of [skip, 0]) {
    for (const mark of marks) {
      const i = text.indexOf(mark, from);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    }
    if (at >= 0) break;
  }
  const start = at < 0 ? skip : Math.max(skip > at ? 0 : skip, at - BEFORE);
  const end = Math.min(content.length, start + LENGTH);
  const parts = [];
  let pos = start;
  const sorted = [...new Set(marks)].filter(Boolean).sort((a, b) => b.length - a.length);
  while (pos < end) {
    let next = -1;
    let size = 0;
    for (const mark of sorted) {
      const i = text.indexOf(mark, pos);
      if (i >= 0 && i < end && (next < 0 || i < next)) { next = i; size = mark.length; }
    }
    if (next < 0) { parts.push([content.slice(pos, end), false]); break; }
    if (next > pos) parts.push([content.slice(pos, next), false]);
    parts.push([content.slice(next, next + size), true]);
    pos = next + size;
  }
  if (start > 0 && parts.length) parts[0][0] = "…" + parts[0][0].replace(/^[.\s]+/, "");
  if (end < content.length && parts.length) parts[parts.length - 1][0] += "…";
  return parts;
}
