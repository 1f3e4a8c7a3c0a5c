import { describe, expect, it } from 'vitest';
import { buildAgendaDocx, buildMinutesDocx } from '../src/export/docx/index.ts';
import { translator } from '../src/i18n/index.ts';
import { DECISION_DISABLED, DECISION_FOLLOW_UP, DECISION_WAGES, sampleMeeting } from './fixtures/meeting-doc.ts';
import { unzip } from './support/unzip.ts';

const zh = translator('zh-CN');
const en = translator('en');

/** The text of a WordprocessingML part, runs joined, so a phrase split over runs is still found. */
function text(xml: string | undefined): string {
  return [...(xml ?? '').matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

function headers(files: Map<string, string>): string {
  return [...files].filter(([name]) => /^word\/header\d*\.xml$/.test(name)).map(([, xml]) => xml).join('\n');
}

describe('the agenda .docx, built inside workerd', () => {
  it('is a Word document on A4 with the court in the header and 第 X 页 / 共 Y 页 in the footer', async () => {
    const files = await unzip(await buildAgendaDocx(sampleMeeting(), zh));
    expect(files.get('[Content_Types].xml')).toContain('wordprocessingml.document.main+xml');
    const body = files.get('word/document.xml') ?? '';
    expect(body).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(text(headers(files))).toContain('兰州市中级人民法院');
    const footer = [...files].filter(([name]) => name.startsWith('word/footer')).map(([, xml]) => xml).join('');
    expect(text(footer).replace(/\s/g, '')).toBe('第页/共页');
    expect(footer).toMatch(/instrText[^>]*>\s*PAGE\s*</);
    expect(footer).toMatch(/instrText[^>]*>\s*NUMPAGES\s*</);
  });

  it('lists the items with their cases, score lines, presenters and minutes, and says when the time runs over', async () => {
    const files = await unzip(await buildAgendaDocx(sampleMeeting(), zh));
    const body = text(files.get('word/document.xml'));
    for (const phrase of [
      '2026年12月审执联席会议',
      '会议议程',
      '2026-12-03 09:00–10:30',
      '信访数据通报',
      '统计期间：2026-11-06 至 2026-12-02',
      '上次会议议定事项落实情况',
      '（2024）甘0102民初1234号 追索劳动报酬纠纷',
      '红色预警 · 14 分',
      '评分依据：群体性纠纷 +5；拖欠劳动报酬（农民工工资） +4',
      '顺延 2 次',
      '合计 95 分钟，计划 90 分钟',
      '（超出 5 分钟）',
      '对（2024）甘0102执2210号申请执行人开展回访',
      '12 天',
    ]) {
      expect(body).toContain(phrase);
    }
    // The agenda is not the minutes: no decisions, no watermark.
    expect(body).not.toContain(DECISION_WAGES);
    expect(headers(files)).not.toContain('草稿');
  });

  it('names the Chinese fonts: SimSun for the body, SimHei for headings, marked zh-CN', async () => {
    const files = await unzip(await buildAgendaDocx(sampleMeeting(), zh));
    const styles = files.get('word/styles.xml') ?? '';
    expect(styles).toMatch(/w:eastAsia="SimSun"/);
    expect(styles).toMatch(/w:eastAsia="SimHei"/);
    expect(styles).toMatch(/<w:lang [^>]*w:eastAsia="zh-CN"/);
  });
});

describe('the minutes .docx, built inside workerd', () => {
  it('carries every decision in Chinese with its number, leader and action items', async () => {
    const files = await unzip(await buildMinutesDocx(sampleMeeting(), zh));
    const body = text(files.get('word/document.xml'));
    expect(body).toContain('会议纪要');
    expect(body).toContain(`处置意见（1）：${DECISION_FOLLOW_UP}`);
    expect(body).toContain(`处置意见（2）：${DECISION_WAGES}`);
    expect(body).toContain(`处置意见（3）：${DECISION_DISABLED}`);
    expect(body).toContain('三、（2024）甘0102民初1234号 追索劳动报酬纠纷');
    expect(body).toContain('包案领导：王建国');
    expect(body).toContain('约谈被执行人，核查财产状况');
    expect(body).toContain('出席：王建国、李卫东（民一庭）');
    expect(body).toContain('缺席：孙强（兰州市信访局，请假）');
    // Decisions appear in agenda order.
    expect(body.indexOf(DECISION_WAGES)).toBeLessThan(body.indexOf(DECISION_DISABLED));
  });

  it('marks minutes that are not final as a draft: a diagonal watermark and the header', async () => {
    const files = await unzip(await buildMinutesDocx(sampleMeeting({ final: false }), zh));
    const header = headers(files);
    expect(header).toMatch(/<v:textpath[^>]*string="草稿"/);
    expect(header).toMatch(/rotation:315/);
    expect(text(header)).toContain('（草稿）');
  });

  it('final minutes carry no draft marker, say when they were finalized, and list amendments', async () => {
    const doc = sampleMeeting({
      final: true,
      finalizedAt: '2026-12-04T07:30:00Z',
      amendments: [{ at: '2026-12-08T02:15:00Z', by: '赵敏', text: '第二项处置意见中“十五日内”更正为“十日内”。' }],
    });
    const files = await unzip(await buildMinutesDocx(doc, zh));
    expect(headers(files)).not.toContain('草稿');
    expect(headers(files)).not.toContain('v:textpath');
    const body = text(files.get('word/document.xml'));
    expect(body).toContain('本纪要于 2026-12-04 15:30 定稿。');
    expect(body).toContain('更正记录');
    expect(body).toContain('2026-12-08 10:15 赵敏：第二项处置意见中“十五日内”更正为“十日内”。');
  });

  it('headings follow the language: English draft minutes say DRAFT and number items 1., 2.', async () => {
    const files = await unzip(await buildMinutesDocx(sampleMeeting(), en));
    expect(headers(files)).toMatch(/string="DRAFT"/);
    const body = text(files.get('word/document.xml'));
    expect(body).toContain('Minutes');
    expect(body).toContain('1. Petition and warning figures');
    expect(body).toContain(`Decision 2: ${DECISION_WAGES}`);
    const footer = [...files].filter(([name]) => name.startsWith('word/footer')).map(([, xml]) => text(xml)).join('');
    expect(footer.replace(/\s+/g, ' ').trim()).toBe('Page of');
  });

  it('escapes what the user typed instead of breaking the XML', async () => {
    const doc = sampleMeeting();
    const items = doc.items.map((item) => (item.kind === 'warning' && item.decisionNo === 2 ? { ...item, decision: '甲 <乙> & “丙”' } : item));
    const files = await unzip(await buildMinutesDocx({ ...doc, items }, zh));
    expect(files.get('word/document.xml')).toContain('甲 &lt;乙&gt; &amp; “丙”');
  });
});
