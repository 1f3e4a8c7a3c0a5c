/**
 * The .ics invitation of a meeting (RFC 5545), written by hand: one event, a fixed time zone and
 * a handful of properties do not justify a dependency in the Worker bundle.
 *
 * Choices:
 * - METHOD:PUBLISH, not REQUEST. REQUEST (RFC 5546) needs an ORGANIZER and ATTENDEEs with
 *   calendar addresses (mailto:), and court staff have no e-mail addresses in the product; a
 *   REQUEST without them is refused or mangled by calendar clients. So there is no ORGANIZER or
 *   ATTENDEE: the chair and the participants are named in the DESCRIPTION instead.
 * - UID is `meeting-{id}@{domain}`: the same meeting always has the same UID, so importing it
 *   again updates the event; SEQUENCE (the caller's version) tells clients which copy is newer.
 * - Times are local Asia/Shanghai with a VTIMEZONE (+0800, no daylight saving) so clients show
 *   the court's time wherever they are; DTSTAMP is UTC as the RFC requires.
 * - A cancelled meeting is the same event with STATUS:CANCELLED.
 */
import { shanghaiIso } from '../domain/time.ts';

type Instant = Date | string | number;

export interface IcsMeeting {
  id: string;
  /** The host name the product is served from; makes the UID unique across installations. */
  domain: string;
  title: string;
  /** UTC ISO instant. */
  startsAt: string;
  plannedMinutes: number;
  place?: string | null;
  videoLink?: string | null;
  /** Agenda and particulars, one line each, in the reader's language. */
  description?: readonly string[];
  /** When the file is made (DTSTAMP). */
  now: Instant;
  sequence?: number;
  cancelled?: boolean;
}

export const ICS_CONTENT_TYPE = 'text/calendar; charset=utf-8; method=PUBLISH';

const CRLF = '\r\n';
const MAX_OCTETS = 75;

const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Asia/Shanghai',
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'TZNAME:CST',
  'END:STANDARD',
  'END:VTIMEZONE',
];

export function meetingIcs(meeting: IcsMeeting): string {
  const start = Date.parse(meeting.startsAt);
  const end = start + meeting.plannedMinutes * 60_000;
  const location = meeting.place?.trim() || meeting.videoLink?.trim() || '';
  const url = meeting.videoLink?.trim() ?? '';
  const lines = [
    'BEGIN:VCALENDAR',
    'PRODID:-//Yujing Lianxi//Joint Meetings//ZH',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...VTIMEZONE,
    'BEGIN:VEVENT',
    `UID:meeting-${meeting.id}@${meeting.domain}`,
    `DTSTAMP:${utcStamp(meeting.now)}`,
    `DTSTART;TZID=Asia/Shanghai:${shanghaiStamp(start)}`,
    `DTEND;TZID=Asia/Shanghai:${shanghaiStamp(end)}`,
    `SEQUENCE:${meeting.sequence ?? 0}`,
    `STATUS:${meeting.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    `SUMMARY:${escapeText(meeting.title)}`,
    ...(location ? [`LOCATION:${escapeText(location)}`] : []),
    ...(isUri(url) ? [`URL:${url}`] : []),
    ...(meeting.description?.length ? [`DESCRIPTION:${escapeText(meeting.description.join('\n'))}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped; other control characters dropped. */
export function escapeText(text: string): string {
  return text
    .replace(/\r\n|\r/g, '\n')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

/**
 * Folds a content line into physical lines of at most 75 octets (RFC 5545 §3.1): each
 * continuation starts with one space, which counts. A UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char);
    if (octets + size > MAX_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

function utf8Length(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

/** 20261203T010000Z */
function utcStamp(instant: Instant): string {
  return new Date(instant).toISOString().replace(/\.\d{3}/, '').replace(/[-:]/g, '');
}

/** 20261203T090000, the local time in Shanghai. */
function shanghaiStamp(instant: Instant): string {
  return shanghaiIso(instant).slice(0, 19).replace(/[-:]/g, '');
}

/** A link a calendar can open; anything else stays out of the URL property (it is not escaped there). */
function isUri(value: string): boolean {
  return /^https?:\/\/[^\s"<>\\^`{|}]+$/.test(value);
}
