import type { MessageKey } from '../../src/i18n/index.ts';
import type { CaseDecision } from '../../src/services/cases.ts';
import { ITEM_OUTCOMES, itemOutcomeKey, type ItemOutcome } from '../../src/domain/meetings/index.ts';
import type { AssessmentEntry, CaseDetail, FlagView } from '../../src/services/present.ts';
import { Field, FormError, Select, type FormState } from '../components/form.tsx';
import { Notice } from '../components/feedback.tsx';
import { LevelBadge } from '../components/level-badge.tsx';
import { Explanation } from '../components/explanation.tsx';
import { CAUSE_KEYS } from '../../src/services/present.ts';
import { dateTime, yuan } from '../format.ts';
import type { Ui } from '../ui.ts';
import type { CaseChange } from '../../src/services/case-history.ts';
import type { CasePetitionView } from '../../src/services/cases.ts';
import { CaseEditSection } from './edit.tsx';
import { CaseHistory } from './history.tsx';

export interface FactorOption {
  code: string;
  name: string;
  points: number | null;
  forcesLevel: string | null;
}

export function CaseFacts(props: { ui: Ui; detail: CaseDetail }) {
  const { t, lang } = props.ui;
  const d = props.detail;
  const rows: [string, string][] = [
    [t('case.court'), d.court.name],
    [t('case.cause'), d.cause],
    [t('case.category'), t(`category.${d.category}` as MessageKey)],
    [t('case.stage'), t(`stage.${d.stage}` as MessageKey)],
    [t('case.filedAt'), d.filedAt],
    [t('case.closedAt'), d.closedAt ?? '—'],
    [t('case.amount'), yuan(d.amountInDispute, lang)],
    [t('case.partyCount'), String(d.partyCount)],
    [t('case.judge'), d.judge?.displayName ?? '—'],
  ];
  return (
    <section class="card" id="case-facts" aria-labelledby="facts-h">
      <h2 id="facts-h">{t('case.section.facts')}</h2>
      <dl class="facts">
        {rows.map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </>
        ))}
      </dl>
      {d.summary && <p class="summary">{d.summary}</p>}
    </section>
  );
}

export function PartiesTable(props: { ui: Ui; detail: CaseDetail }) {
  const { t } = props.ui;
  return (
    <section class="card" aria-labelledby="parties-h">
      <h2 id="parties-h">{t('case.section.parties')}</h2>
      {props.detail.parties.length === 0 ? (
        <p class="empty">{t('case.parties.none')}</p>
      ) : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('party.name')}</th>
              <th scope="col">{t('party.role')}</th>
              <th scope="col">{t('party.vulnerable')}</th>
            </tr>
          </thead>
          <tbody>
            {props.detail.parties.map((p) => (
              <tr>
                <td>{p.name}</td>
                <td>{t(`partyRole.${p.role}` as MessageKey)}</td>
                <td>{p.vulnerable ? t('common.yes') : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function FlagRow(props: { ui: Ui; caseId: string; flag: FlagView; canFlag: boolean }) {
  const { t } = props.ui;
  const f = props.flag;
  return (
    <tr id={`flag-${f.id}`}>
      <td>
        <span class="factor">{f.factorName}</span>
      </td>
      <td>{f.note}</td>
      <td class="nowrap">{f.createdBy.displayName}</td>
      <td class="nowrap">{dateTime(f.createdAt)}</td>
      {props.canFlag && (
        <td class="nowrap">
          <details class="inline-action">
            <summary>{t('flag.withdraw')}</summary>
            <form
              method="post"
              action={`/cases/${props.caseId}/flags/${f.id}/withdraw`}
              hx-post={`/cases/${props.caseId}/flags/${f.id}/withdraw`}
              hx-target="#case-flags"
              hx-swap="outerHTML"
              class="stack-tight"
            >
              <label for={`wn-${f.id}`}>{t('flag.withdrawNote')}</label>
              <input id={`wn-${f.id}`} name="note" maxlength={1000} />
              <button type="submit" class="btn btn-small">
                {t('flag.withdrawConfirm', { factor: f.factorName })}
              </button>
            </form>
          </details>
        </td>
      )}
    </tr>
  );
}

/** The flags card: active flags, the add form, and the withdrawn history. htmx swaps it whole. */
export function FlagsSection(props: {
  ui: Ui;
  detail: CaseDetail;
  factors: FactorOption[];
  canFlag: boolean;
  form: FormState;
  notice?: string;
}) {
  const { t } = props.ui;
  const d = props.detail;
  const activeCodes = new Set(d.flags.map((f) => f.factor));
  const options = props.factors
    .filter((f) => !activeCodes.has(f.code))
    .map((f) => ({
      value: f.code,
      label: f.forcesLevel
        ? t('flag.optionForced', { name: f.name, level: t(`level.${f.forcesLevel}` as MessageKey) })
        : t('flag.optionPoints', { name: f.name, points: f.points ?? 0 }),
    }));
  return (
    <section id="case-flags" class="card" aria-labelledby="flags-h">
      <h2 id="flags-h">{t('case.section.flags')}</h2>
      <Notice message={props.notice} />
      {d.flags.length === 0 ? (
        <p class="empty">{t('flag.none')}</p>
      ) : (
        <table class="data" aria-label={t('flag.active')}>
          <thead>
            <tr>
              <th scope="col">{t('flag.factor')}</th>
              <th scope="col">{t('flag.note')}</th>
              <th scope="col">{t('flag.by')}</th>
              <th scope="col">{t('flag.at')}</th>
              {props.canFlag && <th scope="col">{t('common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {d.flags.map((f) => (
              <FlagRow ui={props.ui} caseId={d.id} flag={f} canFlag={props.canFlag} />
            ))}
          </tbody>
        </table>
      )}
      {props.canFlag && (
        <form
          method="post"
          action={`/cases/${d.id}/flags`}
          hx-post={`/cases/${d.id}/flags`}
          hx-target="#case-flags"
          hx-swap="outerHTML"
          hx-indicator="#flag-busy"
          class="add-flag"
          novalidate
        >
          <h3>{t('flag.add')}</h3>
          <FormError message={props.form.formError} />
          <Field id="flag-factor" label={t('flag.factor')} required error={props.form.errors.factor}>
            <Select id="flag-factor" name="factor" form={props.form} options={options} required blank={t('flag.chooseFactor')} />
          </Field>
          <Field id="flag-note" label={t('flag.note')} error={props.form.errors.note} hint={t('flag.noteHint')}>
            <textarea id="flag-note" name="note" rows={2} maxlength={1000} aria-describedby="flag-note-hint">
              {props.form.values.note ?? ''}
            </textarea>
          </Field>
          <button type="submit" class="btn btn-primary">
            {t('flag.save')}
          </button>
          <span id="flag-busy" class="busy" aria-hidden="true"></span>
        </form>
      )}
      {d.withdrawnFlags.length > 0 && (
        <details class="history">
          <summary>{t('flag.history', { count: d.withdrawnFlags.length })}</summary>
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('flag.factor')}</th>
                <th scope="col">{t('flag.note')}</th>
                <th scope="col">{t('flag.by')}</th>
                <th scope="col">{t('flag.at')}</th>
                <th scope="col">{t('flag.withdrawnBy')}</th>
                <th scope="col">{t('flag.withdrawnAt')}</th>
                <th scope="col">{t('flag.withdrawNote')}</th>
              </tr>
            </thead>
            <tbody>
              {d.withdrawnFlags.map((f) => (
                <tr>
                  <td>{f.factorName}</td>
                  <td>{f.note}</td>
                  <td>{f.createdBy.displayName}</td>
                  <td class="nowrap">{dateTime(f.createdAt)}</td>
                  <td>{f.withdrawnBy?.displayName ?? ''}</td>
                  <td class="nowrap">{dateTime(f.withdrawnAt)}</td>
                  <td>{f.withdrawNote ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}


/**
 * The risk card at the top of the case page: level, score, rule-set version, the explanation
 * in sentences, the open warning, and earlier assessments. A flag change answers it out of band.
 */
export function RiskCard(props: { ui: Ui; detail: CaseDetail; history: AssessmentEntry[]; oob?: boolean }) {
  const { t } = props.ui;
  const a = props.detail.assessment;
  const w = props.detail.openWarning;
  return (
    <section id="case-risk" class="card risk-card" aria-labelledby="risk-h" hx-swap-oob={props.oob ? 'true' : undefined}>
      <h2 id="risk-h">{t('case.assessment.title')}</h2>
      {!a ? (
        <p class="empty">{t('case.assessment.none')}</p>
      ) : (
        <Explanation t={t} assessment={a} />
      )}
      {w ? (
        <p class="risk-warning">
          <span class="label">{t('case.assessment.warning')}</span>
          <LevelBadge t={t} level={w.level} />
          <a href={`/warnings/${w.id}`}>{t('case.assessment.warningLink', { state: t(`warning.state.${w.state}` as MessageKey) })}</a>
          {w.dueAt && <span class="muted">{t('case.assessment.due', { time: dateTime(w.dueAt) })}</span>}
        </p>
      ) : (
        a && <p class="muted risk-warning">{t('case.assessment.noWarning')}</p>
      )}
      {props.history.length > 0 && (
        <details class="history">
          <summary>{t('case.assessment.history', { count: props.history.length })}</summary>
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('case.assessment.col.at')}</th>
                <th scope="col">{t('case.assessment.col.cause')}</th>
                <th scope="col" class="num">
                  {t('case.assessment.col.score')}
                </th>
                <th scope="col">{t('case.assessment.col.level')}</th>
              </tr>
            </thead>
            <tbody>
              {props.history.map((h) => (
                <tr>
                  <td class="nowrap">{dateTime(h.assessedAt)}</td>
                  <td>{CAUSE_KEYS[h.cause] ? t(CAUSE_KEYS[h.cause]!) : h.cause}</td>
                  <td class="num">{h.score}</td>
                  <td>
                    <LevelBadge t={t} level={h.level} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}

/** The case's petitions: how many, when, how and where received — never who (no identity number). */
export function CasePetitions(props: { ui: Ui; petitions: CasePetitionView[]; canOpen: boolean }) {
  const { t } = props.ui;
  const list = props.petitions;
  return (
    <section class="card" id="case-petitions" aria-labelledby="case-petitions-h">
      <h2 id="case-petitions-h">{t('case.petitions.title', { n: list.length })}</h2>
      {list.length === 0 ? (
        <p class="empty">{t('case.petitions.none')}</p>
      ) : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('petition.field.receivedOn')}</th>
              <th scope="col">{t('petition.field.channel')}</th>
              <th scope="col">{t('petition.field.court')}</th>
              <th scope="col">{t('petition.field.complaintType')}</th>
              <th scope="col">{t('petition.field.state')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((p) => (
              <tr>
                <td class="nowrap">{props.canOpen ? <a href={`/petitions/${p.id}`}>{p.receivedOn}</a> : p.receivedOn}</td>
                <td class="nowrap">{t(`petition.channel.${p.channel}`)}</td>
                <td>{p.court}</td>
                <td class="nowrap">{t(`petition.complaint.${p.complaintType}`)}</td>
                <td class="nowrap">{t(`petition.state.${p.state}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function CaseDetailPage(props: {
  ui: Ui;
  detail: CaseDetail;
  history: AssessmentEntry[];
  changes: CaseChange[];
  factors: FactorOption[];
  canFlag: boolean;
  flagForm: FormState;
  /** The edit form, for the case's judge and the petition office. */
  edit?: { judges: { id: string; name: string }[]; form: FormState; open: boolean; today: string };
  notice?: string;
  petitions: CasePetitionView[];
  canOpenPetitions: boolean;
  decisions?: CaseDecision[];
}) {
  return (
    <div class="case-page">
      <p class="case-number-line">
        {props.detail.court.name} · {props.detail.cause}
      </p>
      <RiskCard ui={props.ui} detail={props.detail} history={props.history} />
      <div class="grid-2">
        <div>
          <CaseFacts ui={props.ui} detail={props.detail} />
          <CasePetitions ui={props.ui} petitions={props.petitions} canOpen={props.canOpenPetitions} />
          <PartiesTable ui={props.ui} detail={props.detail} />
          {props.edit && <CaseEditSection ui={props.ui} detail={props.detail} {...props.edit} />}
        </div>
        <div>
          <FlagsSection
            ui={props.ui}
            detail={props.detail}
            factors={props.factors}
            canFlag={props.canFlag}
            form={props.flagForm}
            notice={props.notice}
          />
          {props.decisions && props.decisions.length > 0 && <MeetingDecisions ui={props.ui} decisions={props.decisions} />}
          <CaseHistory ui={props.ui} changes={props.changes} />
        </div>
      </div>
    </div>
  );
}

const isItemOutcome = (v: string): v is ItemOutcome => (ITEM_OUTCOMES as readonly string[]).includes(v);

/** What joint meetings decided on the case (final minutes): the decision, the leader in charge, the outcome. */
function MeetingDecisions(props: { ui: Ui; decisions: CaseDecision[] }) {
  const { t } = props.ui;
  return (
    <section class="card" aria-labelledby="cd-h">
      <h2 id="cd-h">{t('case.decisions.title')}</h2>
      <ul class="case-decisions">
        {props.decisions.map((d) => (
          <li>
            <a href={`/meetings/${d.meetingId}`}>{d.title}</a> <span class="muted nowrap">{d.startsAt.slice(0, 10)}</span>
            <p class="decision-text">{d.text}</p>
            <p class="muted">
              {d.leader ? `${t('meeting.docx.leaderInCharge')}：${d.leader} · ` : ''}
              {d.outcome && isItemOutcome(d.outcome) ? t(itemOutcomeKey(d.outcome)) : ''}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
