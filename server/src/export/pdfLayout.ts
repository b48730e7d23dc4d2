/**
 * Line layout of the PDF export, done here instead of by pdfkit's `continued` text. pdfkit wraps a
 * paragraph of several styled runs (a note: "[1] ", the italic quote, the comments) with a wrong
 * width from the third run on, so a note in the Chinese column ran across the English column and
 * over its "Written by" line (issue 14). Here every paragraph is broken into lines by measuring
 * its words in their own font, and every piece of text is drawn at a position computed from those
 * lines; the height used to place the next row is the height of the same lines, so nothing drawn
 * can leave its column or its row.
 */

export interface Run {
  text: string;
  bold?: boolean;
  color?: string;
}

/** A paragraph to lay out: runs of text with one style each, a size, an indent and the space above it. */
export interface Para {
  runs: Run[];
  size: number;
  indent: number;
  gapBefore: number;
  /** A picture instead of text (an image in the minutes): drawn by the export, fitted to its column. */
  image?: { data: Uint8Array; width: number; height: number };
}

/** The pdfkit calls the layout needs (a PDFDocument), narrowed so the layout can be reasoned about alone. */
export interface TextSurface {
  font(src: string): TextSurface;
  fontSize(size: number): TextSurface;
  fillColor(color: string): TextSurface;
  widthOfString(text: string): number;
  currentLineHeight(includeGap?: boolean): number;
  text(text: string, x: number, y: number, options: { lineBreak: false }): TextSurface;
}

export interface Fonts {
  regular: string;
  bold: string;
}

/** Text of one run placed on a line, `x` from the line's start. */
interface Piece {
  run: Run;
  text: string;
  x: number;
}

type Line = Piece[];

// Han, kana, Hangul, CJK symbols and full-width forms: a line may break before any of these.
const CJK = '\\u2E80-\\u9FFF\\uA960-\\uA97F\\uAC00-\\uD7FF\\uF900-\\uFAFF\\uFE30-\\uFE4F\\uFF00-\\uFFEF';
// Punctuation that never starts a line (kept with the character before it) or ends one (kept with the one after).
const CLOSING = '，。、；：？！」』）》〉】〕”’…,.;:?!)\\]';
const OPENING = '「『（《〈【〔“‘(\\[';
/** One unbreakable token: a line break, a run of spaces, a CJK character with its punctuation, or a word. */
const TOKEN = new RegExp(`\\n|[ \\t]+|[${OPENING}]*[${CJK}][${CLOSING}]*|[^\\s${CJK}]+`, 'gu');
const isSpace = (token: string) => /^[ \t]+$/.test(token);

/** Breaks a paragraph into lines no wider than `width` and draws them; one instance per document. */
export class PdfTextLayout {
  constructor(private readonly doc: TextSurface, private readonly fonts: Fonts) {}

  lineHeight(size: number): number {
    return this.doc.font(this.fonts.regular).fontSize(size).currentLineHeight(true);
  }

  /** The paragraph's lines at this width (the indent taken off it). */
  lines(para: Para, width: number): Line[] {
    const available = Math.max(1, width - para.indent);
    const lines: Line[] = [[]];
    let x = 0;
    // A word is the tokens between two break opportunities; it may span runs ("**bold**ness").
    let word: Piece[] = [];
    let wordWidth = 0;
    const current = () => lines[lines.length - 1]!;
    const newLine = () => {
      lines.push([]);
      x = 0;
    };
    const flushWord = () => {
      if (word.length === 0) return;
      if (x > 0 && x + wordWidth > available) newLine();
      for (const piece of word) {
        const w = this.width(piece.run, piece.text, para.size);
        // A word wider than the whole line is cut where it reaches the edge.
        if (x + w > available && x > 0) {
          for (const char of piece.text) {
            const cw = this.width(piece.run, char, para.size);
            if (x + cw > available && x > 0) newLine();
            this.append(current(), piece.run, char, x);
            x += cw;
          }
          continue;
        }
        this.append(current(), piece.run, piece.text, x);
        x += w;
      }
      word = [];
      wordWidth = 0;
    };
    for (const run of para.runs) {
      for (const [token] of run.text.matchAll(TOKEN)) {
        if (token === '\n') {
          flushWord();
          newLine();
        } else if (isSpace(token)) {
          flushWord();
          // Spaces at the start of a wrapped line are dropped; at the start of the paragraph they stay.
          if (x === 0 && lines.length > 1) continue;
          const w = this.width(run, token, para.size);
          if (x + w <= available) this.append(current(), run, token, x);
          x += w;
        } else {
          const isCjk = new RegExp(`[${CJK}]`, 'u').test(token);
          if (isCjk) flushWord();
          word.push({ run, text: token, x: 0 });
          wordWidth += this.width(run, token, para.size);
          if (isCjk) flushWord();
        }
      }
    }
    flushWord();
    return lines;
  }

  height(para: Para, width: number): number {
    return para.gapBefore + this.lines(para, width).length * this.lineHeight(para.size);
  }

  /** Draws some lines of a laid-out paragraph, the first of them at `top`. */
  drawLines(para: Para, lines: Line[], left: number, top: number): void {
    const lineHeight = this.lineHeight(para.size);
    lines.forEach((line, i) => {
      for (const piece of line) {
        if (!piece.text.trim()) continue;
        this.doc
          .font(piece.run.bold ? this.fonts.bold : this.fonts.regular)
          .fontSize(para.size)
          .fillColor(piece.run.color ?? '#1a1a1a')
          .text(piece.text, left + para.indent + piece.x, top + i * lineHeight, { lineBreak: false });
      }
    });
  }

  private width(run: Run, text: string, size: number): number {
    return this.doc.font(run.bold ? this.fonts.bold : this.fonts.regular).fontSize(size).widthOfString(text);
  }

  /** Adds text to the line, joined to the previous piece when it continues the same run. */
  private append(line: Line, run: Run, text: string, x: number): void {
    const last = line[line.length - 1];
    // Joined, a line is drawn in a few calls; the joined text measures as its pieces did (kerning
    // across a join aside, well under a point).
    if (last && last.run === run) {
      last.text += text;
      return;
    }
    line.push({ run, text, x });
  }
}
