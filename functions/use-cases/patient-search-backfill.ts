// The patient search-key backfill (issue 20): patients written before the name index existed have no entries, so
// search and sort=name miss them. `npm run backfill:search` (scripts/backfill-search.ts) walks every organisation (or
// one) from the job's cursor, a page of patients at a time: it looks their expected entries up (BatchGetItem) and
// writes the missing ones, one small transaction per patient that also checks the patient still has the names they
// were built from. Idempotent: an entry present is never written again, and a run stopped anywhere (its budget, a
// kill) resumes from the last checkpoint, re-reading at most one page.
import { logger } from '#core/logger';
import { organisationIdOfPk } from '#domain/keys';
import { patientNameEntries, type SearchBackfillJob } from '#domain/patient-search';
import { organisationsPage } from '#repositories/organisation-walk';
import { findSearchBackfill, missingEntries, patientsPage, saveSearchBackfill, writeEntries } from '#repositories/patient-search-backfill';

/** Patients per page (one checkpoint each), and how many of a page are written at once. */
const PAGE_SIZE = 50;
const CONCURRENCY = 8;

export interface BackfillSummary {
  scope: string;
  status: 'RUNNING' | 'DONE';
  /** In this run. */
  patientsRead: number;
  patientsIndexed: number;
  /** Since the job started. */
  total: { patientsRead: number; patientsIndexed: number };
  /** False when the run stopped on its budget (run it again: it goes on from its checkpoint). */
  complete: boolean;
}

export interface BackfillBudget {
  deadlineMs: number;
  /** At most this many patients in this run (a checkpoint is a page: the run may read up to a page more). */
  maxPatients?: number;
  /** Start again from the beginning even if a run finished (the job is reset). */
  restart?: boolean;
}

export async function backfillSearchKeys(
  scope: string,
  budget: BackfillBudget,
  now: () => Date = () => new Date(),
): Promise<BackfillSummary> {
  const only = organisationIdOfPk(scope);
  const found = await findSearchBackfill(scope);
  let job: SearchBackfillJob =
    found && !(budget.restart && found.status === 'DONE')
      ? found
      : { scope, status: 'RUNNING', startedAt: now().toISOString(), patientsRead: 0, patientsIndexed: 0, version: found?.version ?? 0 };
  const run = { patientsRead: 0, patientsIndexed: 0 };
  const summary = (complete: boolean): BackfillSummary => ({
    scope,
    status: job.status,
    ...run,
    total: { patientsRead: job.patientsRead, patientsIndexed: job.patientsIndexed },
    complete,
  });
  if (job.status === 'DONE') return summary(true);
  if (!found || found !== job) job = await saveSearchBackfill(job);

  for (;;) {
    if (Date.now() >= budget.deadlineMs || (budget.maxPatients !== undefined && run.patientsRead >= budget.maxPatients)) {
      logger.info('search backfill stopped on its budget', { scope, ...run });
      return summary(false);
    }
    let organisationId = job.organisation;
    if (!organisationId) {
      if (only) {
        if (job.organisationsAfter !== undefined) break;
        organisationId = only;
        job = { ...job, organisation: only };
      } else {
        const next = await organisationsPage(job.organisationsAfter, 1);
        const [id] = next.ids;
        if (!id) break;
        organisationId = id;
        job = { ...job, organisation: id, ...(next.sks[0] ? { organisationSk: next.sks[0] } : {}) };
      }
    }
    const page = await patientsPage(organisationId, job.patientsAfter, PAGE_SIZE);
    const indexed = await indexPage(organisationId, page.patients);
    run.patientsRead += page.patients.length;
    run.patientsIndexed += indexed;
    const { organisation: _o, organisationSk, patientsAfter: _p, ...rest } = job;
    const counted = { patientsRead: job.patientsRead + page.patients.length, patientsIndexed: job.patientsIndexed + indexed };
    job =
      page.more && page.last
        ? { ...job, ...counted, patientsAfter: page.last }
        : { ...rest, ...counted, organisationsAfter: only ? organisationId : (organisationSk ?? organisationId) };
    job = await saveSearchBackfill(job);
  }
  job = await saveSearchBackfill({ ...job, status: 'DONE', finishedAt: now().toISOString() });
  logger.info('search backfill finished', { scope, patientsRead: job.patientsRead, patientsIndexed: job.patientsIndexed });
  return summary(true);
}

/** Writes the missing entries of a page's patients; how many patients needed some. */
async function indexPage(organisationId: string, patients: { id: string; nom: string; prenom?: string }[]): Promise<number> {
  const expected = patients.map((patient) => ({
    patient,
    entries: patientNameEntries(organisationId, { id: patient.id, nom: patient.nom, prenom: patient.prenom ?? '' }),
  }));
  const missing = new Set((await missingEntries(expected.flatMap(({ entries }) => entries))).map((entry) => `${entry.pk}|${entry.sk}`));
  const todo = expected
    .map(({ patient, entries }) => ({ patient, entries: entries.filter((entry) => missing.has(`${entry.pk}|${entry.sk}`)) }))
    .filter(({ entries }) => entries.length > 0);
  let indexed = 0;
  for (let start = 0; start < todo.length; start += CONCURRENCY) {
    const written = await Promise.all(
      todo.slice(start, start + CONCURRENCY).map(({ patient, entries }) => writeEntries(organisationId, patient, entries)),
    );
    indexed += written.filter(Boolean).length;
  }
  return indexed;
}
