// How a report's pages are laid out, read back from the PDF with poppler (pdftotext -bbox):
// the lines of each page with their height, to find a heading left alone at a page's foot
// and a page left mostly blank when the next one does not start a new section.

import { runTool } from './tools.js';

interface Line {
  text: string;
  top: number;
  bottom: number;
}

/** The report's text block: A4 with the report's top and bottom margins (header and footer lie outside it). */
const BODY_TOP = 50;
const BODY_BOTTOM = 790;
/** A heading's line is taller than any body line (headings 14–24 pt, body 7.5–11 pt). */
const HEADING_HEIGHT = 13.5;
/** What a heading line starts with: 一、 (section), （二） (subsection), 第十条 (article), JZ-10-02 (rule), 附录. */
const HEADING_TEXT = /^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+条|[A-Z]{2,}-\d{2}-\d{2}|附录)/;
/** A section heading (一、…, 附录) starts a new page by design. */
const SECTION_HEIGHT = 20;
/** Below this share of the text block filled, a page counts as mostly blank. */
const MOSTLY_BLANK = 0.5;

function pagesOf(pdf: string): Line[][] {
  const html = runTool('pdftotext', ['-bbox', pdf, '-']).stdout;
  return html.split('<page ').slice(1).map((page) => {
    const words = [...page.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g)]
      .map((m) => ({ x: Number(m[1]), top: Number(m[2]), bottom: Number(m[3]), text: m[4] }))
      .filter((w) => w.top > BODY_TOP && w.bottom < BODY_BOTTOM);
    // Words whose tops lie within 2 pt of each other stand on one line.
    const lines: (Line & { words: typeof words })[] = [];
    for (const w of words.sort((a, b) => a.top - b.top || a.x - b.x)) {
      const line = lines.find((l) => Math.abs(l.top - w.top) < 2);
      if (line) {
        line.words.push(w);
        line.bottom = Math.max(line.bottom, w.bottom);
      } else lines.push({ text: '', top: w.top, bottom: w.bottom, words: [w] });
    }
    return lines.map((l) => ({ text: l.words.sort((a, b) => a.x - b.x).map((w) => w.text).join(' '), top: l.top, bottom: l.bottom }))
      .sort((a, b) => a.top - b.top);
  });
}

const isHeading = (l: Line) => l.bottom - l.top >= HEADING_HEIGHT && HEADING_TEXT.test(l.text);

/** What is wrong with the page layout of the report at `pdf`: each problem names its page. */
export function layoutProblems(pdf: string): string[] {
  const pages = pagesOf(pdf);
  const problems: string[] = [];
  pages.forEach((lines, i) => {
    const n = i + 1;
    const last = lines.at(-1);
    if (!last) {
      problems.push(`page ${n} is empty`);
      return;
    }
    if (isHeading(last)) problems.push(`page ${n} ends with the heading "${last.text}"`);
    const next = pages[i + 1]?.[0];
    const startsSection = !next || (next.bottom - next.top >= SECTION_HEIGHT && HEADING_TEXT.test(next.text));
    const filled = (last.bottom - BODY_TOP) / (BODY_BOTTOM - BODY_TOP);
    if (n > 1 && !startsSection && filled < MOSTLY_BLANK) {
      problems.push(`page ${n} is ${Math.round(filled * 100)} % filled, and page ${n + 1} goes on with "${next.text.slice(0, 40)}"`);
    }
  });
  return problems;
}

/** The number of pages read, for a test that must not pass on an empty reading. */
export function pageCount(pdf: string): number {
  return pagesOf(pdf).length;
}
