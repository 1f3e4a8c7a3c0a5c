// Writes sample agenda and minutes documents to screenshots/docx/ so they can be looked at as
// pages: with --pdf it also converts them with LibreOffice and renders PNGs with pdftoppm
// (Debian: libreoffice-writer-nogui, poppler-utils, fonts-noto-cjk).
//
//   npm exec -- node scripts/render-docx-sample.ts [--pdf]
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAgendaDocx, buildMinutesDocx } from '../src/export/docx/index.ts';
import { translator } from '../src/i18n/index.ts';
import { sampleMeeting } from '../test/fixtures/meeting-doc.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'screenshots/docx');
mkdirSync(out, { recursive: true });

const zh = translator('zh-CN');
const en = translator('en');
const final = sampleMeeting({
  final: true,
  finalizedAt: '2026-12-04T07:30:00Z',
  amendments: [{ at: '2026-12-08T02:15:00Z', by: '赵敏', text: '第二项处置意见中“十五日内”更正为“十日内”。' }],
});

const samples: [string, Promise<ArrayBuffer>][] = [
  ['agenda-zh', buildAgendaDocx(sampleMeeting(), zh)],
  ['agenda-en', buildAgendaDocx(sampleMeeting(), en)],
  ['minutes-draft-zh', buildMinutesDocx(sampleMeeting(), zh)],
  ['minutes-draft-en', buildMinutesDocx(sampleMeeting(), en)],
  ['minutes-final-zh', buildMinutesDocx(final, zh)],
];

for (const [name, file] of samples) {
  const path = join(out, `${name}.docx`);
  writeFileSync(path, new Uint8Array(await file));
  console.log(`wrote ${path}`);
  if (process.argv.includes('--pdf')) {
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', out, path], { stdio: 'inherit' });
    execFileSync('pdftoppm', ['-png', '-r', '60', join(out, `${name}.pdf`), join(out, name)], { stdio: 'inherit' });
  }
}
