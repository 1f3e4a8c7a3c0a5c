/** One petition: what was received, from whom, about which case, lawyers and assistance, handling; link and delete. */
import type { Child } from 'hono/jsx';
import type { PetitionPage as PageData, PetitionView } from '../../src/services/petitions.ts';
import { Field, FormError, TextInput, type FormState } from '../components/form.tsx';
import { Notice } from '../components/feedback.tsx';
import { LevelBadge } from '../components/level-badge.tsx';
import { dateTime, yuan } from '../format.ts';
import type { Ui } from '../ui.ts';

function Facts(props: { rows: [string, Child][] }) {
  return (
    <dl class="facts petition-facts">
      {props.rows.map(([k, v]) => (
        <>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </>
      ))}
    </dl>
  );
}

/** Linking an unlinked petition to a case later (the version travels with the form). */
export function LinkForm(props: { ui: Ui; petition: PetitionView; form: FormState }) {
  const { t } = props.ui;
  return (
    <form method="post" action={`/petitions/${props.petition.id}/link`} class="card link-form" novalidate>
      <h2>{t('petition.link.title')}</h2>
      <p class="muted">{t('petition.link.lead')}</p>
      <FormError message={props.form.formError} />
      <input type="hidden" name="version" value={props.form.values.version ?? String(props.petition.version)} />
      <Field id="l-case" label={t('petition.field.caseNumber')} required error={props.form.errors.caseNumber}>
        <TextInput id="l-case" name="caseNumber" form={props.form} maxlength={64} required placeholder="（2024）甘0102民初1234号" class="nowrap" />
      </Field>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary">
          {t('petition.link.save')}
        </button>
      </div>
    </form>
  );
}

export function PetitionPage(props: { ui: Ui; page: PageData; notice?: string; linkForm?: FormState }) {
  const { t, lang } = props.ui;
  const { petition: p, caseRisk, canEdit } = props.page;
  const yesNo = (b: boolean) => t(b ? 'common.yes' : 'petition.no');
  return (
    <div class="petition-page">
      <Notice message={props.notice} />
      <div class="grid-2">
        <section class="card" aria-labelledby="pp-received-h">
          <h2 id="pp-received-h">{t('petition.form.received')}</h2>
          <Facts
            rows={[
              [t('petition.field.channel'), t(`petition.channel.${p.channel}`)],
              [t('petition.field.receivedOn'), p.receivedOn],
              [t('petition.field.court'), p.court.name],
              [t('petition.field.persons'), String(p.persons)],
              [t('petition.field.complaintType'), t(`petition.complaint.${p.complaintType}`)],
              [t('petition.field.note'), p.note || '—'],
              [t('petition.field.registeredBy'), `${p.createdBy?.displayName ?? '—'} · ${dateTime(p.createdAt)}`],
            ]}
          />
        </section>
        <section class="card" aria-labelledby="pp-petitioner-h">
          <h2 id="pp-petitioner-h">{t('petition.form.petitioner')}</h2>
          <Facts
            rows={[
              [t('petition.field.petitioner'), p.petitionerName],
              [
                t('petition.field.idNumber'),
                <>
                  <span class="id-number">{p.petitionerIdNumber ?? '—'}</span>
                  {p.idNumberMasked && <span class="muted"> {t('petition.masked')}</span>}
                </>,
              ],
              [t('petition.field.case'), p.case ? <a href={`/cases/${p.case.id}`} class="nowrap">{p.case.caseNumber}</a> : <span class="muted">{t('petition.unlinked')}</span>],
              ...(caseRisk
                ? ([
                    [
                      t('petition.field.caseRisk'),
                      <span class="case-risk">
                        <LevelBadge t={t} level={caseRisk.level} /> {t('petition.caseScore', { score: caseRisk.score })}
                        {caseRisk.warningId && (
                          <>
                            {' · '}
                            <a href={`/warnings/${caseRisk.warningId}`}>{t('petition.seeWarning')}</a>
                          </>
                        )}
                      </span>,
                    ],
                  ] as [string, Child][])
                : []),
            ]}
          />
        </section>
        <section class="card" aria-labelledby="pp-la-h">
          <h2 id="pp-la-h">{t('petition.form.lawyersAssistance')}</h2>
          <Facts
            rows={[
              [t('petition.lawyer.interview'), yesNo(p.lawyer.interview)],
              [t('petition.lawyer.representation'), yesNo(p.lawyer.representation)],
              [t('petition.lawyer.resolution'), yesNo(p.lawyer.resolution)],
              [t('petition.assistance.applied'), yesNo(p.assistance.applied)],
              [t('petition.assistance.approved'), yesNo(p.assistance.approved)],
              [t('stats.assistanceAmount'), p.assistance.approved ? yuan(p.assistance.amount, lang) : '—'],
            ]}
          />
        </section>
        <section class="card" aria-labelledby="pp-handling-h">
          <h2 id="pp-handling-h">{t('petition.form.handling')}</h2>
          <Facts
            rows={[
              [t('petition.field.state'), t(`petition.state.${p.state}`)],
              [t('petition.field.outcome'), p.outcome ? t(`petition.outcome.${p.outcome}`) : '—'],
              [t('petition.field.updatedAt'), dateTime(p.updatedAt)],
            ]}
          />
        </section>
      </div>
      {canEdit && !p.case && <LinkForm ui={props.ui} petition={p} form={props.linkForm ?? { values: {}, errors: {} }} />}
      {canEdit && (
        <details class="card danger-zone">
          <summary>{t('petition.delete.title')}</summary>
          <form method="post" action={`/petitions/${p.id}/delete`} class="stack">
            <p>{t('petition.delete.lead')}</p>
            <input type="hidden" name="version" value={String(p.version)} />
            <button type="submit" class="btn btn-danger">
              {t('petition.delete.confirm')}
            </button>
          </form>
        </details>
      )}
    </div>
  );
}
