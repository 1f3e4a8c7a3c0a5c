import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, meetingIcs, type IcsMeeting } from '../src/export/ics.ts';
import { inviteFromDoc } from '../src/export/invite.ts';
import { translator } from '../src/i18n/index.ts';
import { sampleMeeting } from './fixtures/meeting-doc.ts';

const MEETING: IcsMeeting = {
  id: 'm-42',
  domain: 'yujing.example.gov.cn',
  title: '2026年12月审执联席会议',
  startsAt: '2026-12-03T01:00:00.000Z', // 09:00 in Shanghai
  plannedMinutes: 120,
  place: '兰州市中级人民法院第三会议室',
  description: ['主持人：王副院长', '1. 信访数据通报', '2. （2024）甘0102民初1234号 拖欠劳动报酬纠纷'],
  now: '2026-11-28T06:30:15.123Z',
};

/** RFC 5545 §3.1: a CRLF followed by one space or tab is removed. */
function unfold(text: string): string {
  return text.replace(/\r\n[ \t]/g, '');
}

/** A property of the event (not of the time zone), unfolded. */
function property(ics: string, name: string): string | undefined {
  const event = unfold(ics).split('BEGIN:VEVENT\r\n')[1] ?? '';
  return event.split('\r\n').find((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`));
}

const octets = (s: string) => new TextEncoder().encode(s).length;

describe('the .ics invitation', () => {
  it('is one VCALENDAR with its header, the Shanghai time zone and one event, every line ending in CRLF', () => {
    const ics = meetingIcs(MEETING);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = unfold(ics).split('\r\n');
    expect(lines.slice(0, 5)).toEqual(['BEGIN:VCALENDAR', 'PRODID:-//Yujing Lianxi//Joint Meetings//ZH', 'VERSION:2.0', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH']);
    expect(lines.at(-2)).toBe('END:VCALENDAR');
    const tz = unfold(ics).match(/BEGIN:VTIMEZONE\r\n([\s\S]*?)END:VTIMEZONE/)?.[1] ?? '';
    expect(tz).toContain('TZID:Asia/Shanghai');
    expect(tz).toContain('TZOFFSETFROM:+0800');
    expect(tz).toContain('TZOFFSETTO:+0800');
    expect(tz).not.toContain('DAYLIGHT');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
  });

  it('gives the start and end in Shanghai time and the stamp in UTC', () => {
    const ics = meetingIcs(MEETING);
    expect(property(ics, 'DTSTART')).toBe('DTSTART;TZID=Asia/Shanghai:20261203T090000');
    expect(property(ics, 'DTEND')).toBe('DTEND;TZID=Asia/Shanghai:20261203T110000');
    expect(property(ics, 'DTSTAMP')).toBe('DTSTAMP:20261128T063015Z');
  });

  it('ends on the next Shanghai day when the meeting runs past midnight', () => {
    const late = meetingIcs({ ...MEETING, startsAt: '2026-12-03T15:30:00Z', plannedMinutes: 45 });
    expect(property(late, 'DTSTART')).toBe('DTSTART;TZID=Asia/Shanghai:20261203T233000');
    expect(property(late, 'DTEND')).toBe('DTEND;TZID=Asia/Shanghai:20261204T001500');
  });

  it('keeps one UID per meeting and domain, so importing again updates the event', () => {
    expect(property(meetingIcs(MEETING), 'UID')).toBe('UID:meeting-m-42@yujing.example.gov.cn');
    expect(property(meetingIcs({ ...MEETING, now: '2026-12-01T00:00:00Z', sequence: 2 }), 'UID')).toBe('UID:meeting-m-42@yujing.example.gov.cn');
    expect(property(meetingIcs({ ...MEETING, sequence: 2 }), 'SEQUENCE')).toBe('SEQUENCE:2');
  });

  it('puts the place in LOCATION, or the video link when there is no place', () => {
    expect(property(meetingIcs(MEETING), 'LOCATION')).toBe('LOCATION:兰州市中级人民法院第三会议室');
    const video = meetingIcs({ ...MEETING, place: null, videoLink: 'https://video.court.example/room/8841?pin=2231' });
    expect(property(video, 'LOCATION')).toBe('LOCATION:https://video.court.example/room/8841?pin=2231');
    expect(property(video, 'URL')).toBe('URL:https://video.court.example/room/8841?pin=2231');
    expect(property(meetingIcs({ ...MEETING, videoLink: 'room 3, ask the clerk' }), 'URL')).toBeUndefined();
  });

  it('writes the agenda lines into DESCRIPTION as escaped newlines', () => {
    expect(property(meetingIcs(MEETING), 'DESCRIPTION')).toBe(
      'DESCRIPTION:主持人：王副院长\\n1. 信访数据通报\\n2. （2024）甘0102民初1234号 拖欠劳动报酬纠纷',
    );
  });

  it('says CANCELLED for a cancelled meeting, CONFIRMED otherwise', () => {
    expect(property(meetingIcs(MEETING), 'STATUS')).toBe('STATUS:CONFIRMED');
    expect(property(meetingIcs({ ...MEETING, cancelled: true }), 'STATUS')).toBe('STATUS:CANCELLED');
  });
});

describe('TEXT escaping', () => {
  it('escapes backslash, semicolon, comma and every kind of line break', () => {
    expect(escapeText('a\\b;c,d')).toBe('a\\\\b\\;c\\,d');
    expect(escapeText('一\r\n二\n三\r四')).toBe('一\\n二\\n三\\n四');
    expect(escapeText('议题：甲，乙；丙')).toBe('议题：甲，乙；丙'); // full-width punctuation needs nothing
  });

  it('drops control characters a calendar would refuse, but keeps tabs', () => {
    expect(escapeText('a\u0000b\u0007c\td\u007f')).toBe('abc\td');
  });

  it('a title with commas and semicolons comes back whole after unescaping', () => {
    const title = '审执联席会议; 第1次, 临时\\加开';
    const summary = property(meetingIcs({ ...MEETING, title }), 'SUMMARY')!.slice('SUMMARY:'.length);
    expect(summary.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c))).toBe(title);
  });
});

describe('line folding', () => {
  const longChinese =
    '会议议定：由执行局牵头，立案庭、民一庭配合，于十五日内约谈被执行人并核查其财产状况；对申请执行人中生活确有困难的农民工，依法启动司法救助程序，并将办理情况报审管办备案。';

  it('keeps every physical line within 75 octets and never splits a Chinese character', () => {
    const ics = meetingIcs({ ...MEETING, description: [longChinese, longChinese] });
    const physical = ics.split('\r\n').slice(0, -1);
    for (const line of physical) {
      expect(octets(line)).toBeLessThanOrEqual(75);
      // A split character would decode to U+FFFD.
      expect(new TextDecoder().decode(new TextEncoder().encode(line))).not.toContain('\uFFFD');
    }
    expect(physical.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(5);
  });

  it('unfolding restores the text exactly', () => {
    const line = `DESCRIPTION:${escapeText(longChinese)}`;
    const folded = foldLine(line);
    expect(folded).toContain('\r\n ');
    expect(unfold(folded)).toBe(line);
    const ics = meetingIcs({ ...MEETING, description: [longChinese] });
    expect(property(ics, 'DESCRIPTION')).toBe(line);
  });

  it('fills lines up to the limit: 75 octets, then a space and 74', () => {
    const folded = foldLine('X'.repeat(75 + 74 + 10)).split('\r\n');
    expect(folded.map(octets)).toEqual([75, 75, 11]);
    expect(foldLine('X'.repeat(75))).toBe('X'.repeat(75));
  });

  it('moves a character that would cross the limit to the next line whole, four-byte ones too', () => {
    // 'DESCRIPTION:' is 12 octets; 21 three-byte characters make 75; the 22nd goes on.
    const folded = foldLine(`DESCRIPTION:${'案'.repeat(22)}`).split('\r\n');
    expect(folded.map(octets)).toEqual([75, 4]);
    const emoji = foldLine(`DESCRIPTION:${'𠀀'.repeat(20)}`).split('\r\n'); // U+20000, four octets in UTF-8
    expect(emoji.map(octets)).toEqual([72, 21]);
    expect(unfold(emoji.join('\r\n'))).toBe(`DESCRIPTION:${'𠀀'.repeat(20)}`);
  });
});

describe('the invitation from the agenda’s data', () => {
  const meta = { id: 'm-7', domain: 'yujing.example.gov.cn', now: '2026-11-28T06:30:00Z' };

  it('carries the title, the Shanghai times, the place and the agenda with presenters and minutes', () => {
    const ics = meetingIcs(inviteFromDoc(sampleMeeting(), translator('zh-CN'), meta));
    expect(property(ics, 'SUMMARY')).toBe('SUMMARY:2026年12月审执联席会议');
    expect(property(ics, 'DTSTART')).toBe('DTSTART;TZID=Asia/Shanghai:20261203T090000');
    expect(property(ics, 'DTEND')).toBe('DTEND;TZID=Asia/Shanghai:20261203T103000');
    expect(property(ics, 'LOCATION')).toBe('LOCATION:第三会议室（审判综合楼四楼）');
    const description = property(ics, 'DESCRIPTION')!.slice('DESCRIPTION:'.length).split('\\n');
    expect(description).toContain('主持人：王建国（副院长）');
    expect(description).toContain('参会部门：立案庭、民一庭、执行局、信访办（立案信访庭）、审判管理办公室');
    expect(description).toContain('1. 信访数据通报（刘洋，10 分钟）');
    expect(description).toContain('3. （2024）甘0102民初1234号 追索劳动报酬纠纷（李卫东，25 分钟）');
    expect(description.at(-1)).toBe('5. （2023）甘0103民初5678号 离婚纠纷（李卫东，30 分钟）');
  });

  it('speaks the reader’s language around the data', () => {
    const ics = meetingIcs(inviteFromDoc(sampleMeeting({ place: null, videoLink: 'https://video.court.example/r/88' }), translator('en'), meta));
    expect(property(ics, 'LOCATION')).toBe('LOCATION:https://video.court.example/r/88');
    const description = property(ics, 'DESCRIPTION')!.slice('DESCRIPTION:'.length).split('\\n');
    expect(description).toContain('Chair: 王建国（副院长）');
    expect(description).toContain('2. Follow-up of earlier decisions (周涛\\, 10 min)');
  });
});
