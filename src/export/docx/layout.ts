/**
 * The page both meeting documents share: A4 with the margins of Chinese official documents
 * (GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), the court's name in the header,
 * "第 X 页 / 共 Y 页" in the footer, and an optional diagonal draft watermark.
 *
 * Fonts are named as Word on a Chinese Windows PC knows them: SimSun (宋体) for the body and
 * SimHei (黑体) for headings, Times New Roman / Arial for Latin text. Where they are missing
 * (LibreOffice on Linux) fontconfig maps SimSun to Noto Serif CJK SC and SimHei to Noto Sans
 * CJK SC, because the runs are marked zh-CN.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { TextWatermark } from 'docx/watermarks';
import type { MessageKey, Translate } from '../../i18n/index.ts';
import type { Level } from '../../domain/levels.ts';

const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman', eastAsia: 'SimSun', hint: 'eastAsia' };
const HEADING_FONT = { ascii: 'Arial', hAnsi: 'Arial', cs: 'Arial', eastAsia: 'SimHei', hint: 'eastAsia' };

const MM = 56.7; // twips per millimetre
/** A4 in twips, as Word writes it. */
const A4 = { width: 11906, height: 16838 };
/** The width text may take on an A4 page with these margins: 210 − 28 − 26 = 156 mm. */
export const TEXT_WIDTH = Math.round(156 * MM);

/** Half-points: 二号 22 pt for the title, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt. */
const SIZE = { title: 44, subtitle: 32, heading: 28, body: 24, small: 21 } as const;

/** The level badge colours of ui.md, so a printed agenda keeps colour and text together. */
const LEVEL_COLOUR: Readonly<Record<Level, string>> = {
  red: 'B42318',
  orange: 'B54708',
  yellow: '8A6100',
  blue: '175CD3',
  none: '344054',
};

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '667085' };
const CELL_BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

export interface PageOptions {
  courtName: string;
  title: string;
  t: Translate;
  /** Draws the diagonal watermark and marks the header as a draft. */
  draft?: boolean;
  children: (Paragraph | Table)[];
}

/** The finished .docx file. */
export function packDocument(options: PageOptions): Promise<ArrayBuffer> {
  const { courtName, title, t, draft = false, children } = options;
  const document = new Document({
    title,
    creator: courtName,
    styles: {
      default: {
        document: {
          // Latin text in the reader's language (an English document breaks lines between words, not inside them); Chinese always zh-CN.
          run: { font: BODY_FONT, size: SIZE.body, language: { value: t('meeting.docx.language'), eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: 360, after: 60 } },
        },
      },
      paragraphStyles: [
        {
          id: 'MeetingTitle',
          name: 'Meeting Title',
          run: { font: HEADING_FONT, size: SIZE.title, bold: true },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 120, after: 120, line: 440 } },
        },
        {
          id: 'MeetingSubtitle',
          name: 'Meeting Subtitle',
          run: { font: HEADING_FONT, size: SIZE.subtitle },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 360 } },
        },
        {
          id: 'MeetingHeading',
          name: 'Meeting Heading',
          run: { font: HEADING_FONT, size: SIZE.heading, bold: true },
          paragraph: { spacing: { before: 300, after: 120 }, keepNext: true },
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: A4,
            margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM), header: Math.round(15 * MM), footer: Math.round(20 * MM) },
          },
        },
        headers: { default: pageHeader(courtName, t, draft) },
        footers: { default: pageFooter(t) },
        children,
      },
    ],
  });
  return Packer.toArrayBuffer(document);
}

function pageHeader(courtName: string, t: Translate, draft: boolean): Header {
  const line = new Paragraph({
    alignment: AlignmentType.CENTER,
    border: { bottom: { ...BORDER, space: 4 } },
    children: [
      new TextRun({ text: courtName, size: SIZE.small, font: HEADING_FONT }),
      ...(draft ? [new TextRun({ text: `  ${t('meeting.docx.draftMark')}`, size: SIZE.small, font: HEADING_FONT, bold: true, color: LEVEL_COLOUR.red })] : []),
    ],
  });
  if (!draft) return new Header({ children: [line] });
  const watermark = new Paragraph({
    children: [new TextWatermark({ text: t('meeting.docx.watermark'), font: 'SimHei', color: 'D0D5DD', opacity: 0.4, layout: 'diagonal' })],
  });
  return new Header({ children: [line, watermark] });
}

/** "第 {current} 页 / 共 {total} 页" with the two numbers as page fields. */
function pageFooter(t: Translate): Footer {
  const template = t('meeting.docx.pageOf');
  const children: ParagraphChild[] = template
    .split(/(\{current\}|\{total\})/)
    .filter((part) => part !== '')
    .map((part) => {
      if (part === '{current}') return new TextRun({ children: [PageNumber.CURRENT], size: SIZE.small });
      if (part === '{total}') return new TextRun({ children: [PageNumber.TOTAL_PAGES], size: SIZE.small });
      return new TextRun({ text: part, size: SIZE.small });
    });
  return new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children })] });
}

// ---------------------------------------------------------------------------------------------
// Building blocks

export function title(text: string): Paragraph {
  return new Paragraph({ style: 'MeetingTitle', children: [new TextRun(text)] });
}

export function subtitle(text: string): Paragraph {
  return new Paragraph({ style: 'MeetingSubtitle', children: [new TextRun(text)] });
}

export function heading(text: string): Paragraph {
  return new Paragraph({ style: 'MeetingHeading', children: [new TextRun(text)] });
}

export function para(runs: string | (string | IRunOptions)[], options: { indent?: boolean; before?: number; after?: number } = {}): Paragraph {
  const parts = typeof runs === 'string' ? [runs] : runs;
  return new Paragraph({
    ...(options.indent ? { indent: { firstLine: 480 } } : {}),
    spacing: { before: options.before, after: options.after },
    children: parts.map((part) => new TextRun(typeof part === 'string' ? { text: part } : part)),
  });
}

/** "label：value" with the label in the heading font. */
export function labelled(label: string, value: string, t: Translate): Paragraph {
  return para([{ text: t('meeting.docx.labelled', { label }), font: HEADING_FONT }, value]);
}

export function levelRun(text: string, level: Level | null | undefined): IRunOptions {
  return { text, bold: true, color: level ? LEVEL_COLOUR[level] : undefined };
}

export interface Column {
  header: string;
  /** Share of the text width, in per cent. */
  width: number;
  align?: 'left' | 'center';
}

/** A bordered table with a shaded header row that repeats on every page. */
export function table(columns: readonly Column[], rows: readonly (string | Paragraph[])[][]): Table {
  const widths = columns.map((column) => Math.round((TEXT_WIDTH * column.width) / 100));
  const cell = (content: string | Paragraph[], i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      borders: CELL_BORDERS,
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'F2F4F7', color: 'auto' } } : {}),
      children:
        typeof content === 'string'
          ? content.split('\n').map(
              (line) =>
                new Paragraph({
                  alignment: header || columns[i]?.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
                  spacing: { line: 300, after: 0 },
                  children: [new TextRun({ text: line, size: SIZE.small, ...(header ? { font: HEADING_FONT, bold: true } : {}) })],
                }),
            )
          : content,
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((column, i) => cell(column.header, i, true)) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((content, i) => cell(content, i, false)) })),
    ],
  });
}

/** Small paragraphs for inside a table cell, or kept together with what follows them (`keepNext`). */
export function cellLines(lines: readonly (string | IRunOptions[])[], options: { keepNext?: boolean } = {}): Paragraph[] {
  return lines.map(
    (line) =>
      new Paragraph({
        spacing: { line: 300, after: 0 },
        keepNext: options.keepNext,
        children: (typeof line === 'string' ? [{ text: line }] : line).map((run) => new TextRun({ size: SIZE.small, ...run })),
      }),
  );
}

/** 一、二 … 九十九 for headings in Chinese documents. */
export function chineseNumeral(n: number): string {
  const digits = '〇一二三四五六七八九';
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return digits[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : digits[tens]}十${ones === 0 ? '' : digits[ones]}`;
}

/** An item's heading: "一、…" in Chinese, "1. …" in English (the catalog decides). */
export function numberedHeading(key: MessageKey, n: number, text: string, t: Translate): Paragraph {
  return heading(t(key, { no: n, cn: chineseNumeral(n), title: text }));
}
