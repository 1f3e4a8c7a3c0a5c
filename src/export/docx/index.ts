export { buildAgendaDocx } from './agenda.ts';
export { buildMinutesDocx } from './minutes.ts';
export type { DocActionItem, DocAgendaItem, DocAmendment, MeetingDoc } from './meeting-doc.ts';

/** The media type to serve the files with. */
export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
