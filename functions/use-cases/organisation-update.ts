// Changing an organisation, for its own admins (PATCH /api/organisations/{id}) and for the platform
// (PATCH /api/platform/organisations/{id}): the same changes, guards, conditions and audit entry, in ONE transaction.
import { nowIso } from '#core/ids';
import { auditEntry } from '#domain/audit';
import { nameKey, slugBase, slugCandidate } from '#domain/names';
import { licenseKey, type Organisation } from '#domain/organisation';
import * as refusals from '#domain/refusals';
import type { TenantContext } from '#domain/tenant';
import { transactAs } from '#repositories/actor';
import { auditWrite } from '#repositories/audit';
import { renamedEntryItem } from '#repositories/directory';
import { GUARD } from '#repositories/guards';
import { type OrganisationChanges, organisationUpdateItems } from '#repositories/organisation-lifecycle';
import { findOrganisation } from '#repositories/platform';
import { ConditionFailed, type NamedItem } from '#repositories/transactions';

/** What a PATCH body may ask for (each caller's schema decides which of these it accepts). */
export interface OrganisationEdit {
  organisationName?: string | undefined;
  name?: string | undefined;
  description?: string | null | undefined;
  country?: string | undefined;
  subscriptionTier?: string | undefined;
  maxUsers?: number | undefined;
  licenseNumber?: string | null | undefined;
  contactEmail?: string | null | undefined;
  phone?: string | null | undefined;
  address?: string | null | undefined;
  mfaRequired?: boolean | undefined;
}

// Slugs derive from names, so a taken slug (names differing only in punctuation) is retried with a suffix.
const MAX_SLUG_ATTEMPTS = 5;

const OPTIONAL_FIELDS = ['description', 'contactEmail', 'phone', 'address'] as const;

/** The changes the body asks for, relative to `current`, leaving out fields it would not change. */
function changesFrom(current: Organisation, body: OrganisationEdit, attempt: number): OrganisationChanges {
  const changes: OrganisationChanges = {};
  const name = body.organisationName ?? body.name;
  if (name !== undefined && name !== current.nom) {
    changes.nom = name;
    const key = nameKey(name);
    if (key !== current.nameKey) changes.nameKey = key;
    // A new name with the same slug base keeps the slug it has (possibly suffixed).
    if (slugBase(name) !== slugBase(current.nom)) changes.slug = slugCandidate(name, attempt);
  }
  for (const field of OPTIONAL_FIELDS) {
    if (body[field] === undefined) continue;
    // An empty value clears the field, like null.
    const next = body[field] || null;
    if (next !== (current[field] ?? null)) changes[field] = next;
  }
  if (body.licenseNumber !== undefined) {
    const next = body.licenseNumber || null;
    if (next !== (current.licenseNumber ?? null)) {
      changes.licenseNumber = next;
      const key = next === null ? null : licenseKey(next);
      // Another spelling of the same licence (case, spaces) keeps the guard it has.
      if (key !== (current.licenseKey ?? null)) changes.licenseKey = key;
    }
  }
  if (body.country !== undefined && body.country !== current.country) changes.country = body.country;
  if (body.subscriptionTier !== undefined && body.subscriptionTier !== current.subscriptionTier)
    changes.subscriptionTier = body.subscriptionTier;
  if (body.maxUsers !== undefined && body.maxUsers !== current.maxUsers) changes.maxUsers = body.maxUsers;
  if (body.mfaRequired !== undefined && body.mfaRequired !== (current.mfaRequired === true)) changes.mfaRequired = body.mfaRequired;
  return changes;
}

function applied<O extends Organisation>(current: O, changes: OrganisationChanges, now: string): O {
  const next: Record<string, unknown> = { ...(current as unknown as Record<string, unknown>), updatedAt: now };
  for (const [field, value] of Object.entries(changes)) {
    if (value === null) delete next[field];
    else if (value !== undefined) next[field] = value;
  }
  return next as unknown as O;
}

/** Why the organisation item refused the update: read it again and explain. */
async function explainRefusal(
  organisationId: string,
  changes: OrganisationChanges,
  allowSuspended: boolean,
  cause: unknown,
): Promise<never> {
  const now = await findOrganisation(organisationId);
  if (!now || now.status === 'DELETING') throw refusals.organisationNotFound({ cause });
  if (now.status !== 'ACTIVE' && !allowSuspended) throw refusals.organisationInactive('inactive', { cause });
  if (changes.maxUsers !== undefined && now.memberCount > changes.maxUsers) {
    throw refusals.maxUsersBelowMembers(now.memberCount, { cause });
  }
  throw refusals.organisationChanged({ cause });
}

export interface UpdateOptions {
  /** The audit entry's action (organisation.updated, organisation.updated-by-platform). */
  action: string;
  /** More details for the audit entry (the super-admin's username). */
  details?: Record<string, unknown>;
  /** The platform may change a SUSPENDED organisation too (its plan, typically); its own admins cannot. */
  allowSuspended?: boolean;
  /** Items of the same change beyond the organisation's fields (seed 002's listing, use-cases/directory.ts). */
  more?: NamedItem[];
}

/**
 * Applies the body to `current` as `actor` (an ACTIVE admin, or a platform operator): one transaction with the
 * guard swaps and the audit entry; a taken name or licence number answers 409 on its field. Returns the result.
 */
export async function updateOrganisationAs<O extends Organisation>(
  actor: TenantContext,
  current: O,
  body: OrganisationEdit,
  options: UpdateOptions,
): Promise<O> {
  for (let attempt = 0; attempt < MAX_SLUG_ATTEMPTS; attempt++) {
    const changes = changesFrom(current, body, attempt);
    const more = options.more ?? [];
    if (Object.keys(changes).length === 0 && more.length === 0) return current;
    const now = nowIso();
    const details = Object.fromEntries(
      Object.entries(changes)
        .filter(([field]) => field !== 'nameKey' && field !== 'licenseKey')
        .map(([field, value]) => [field, { from: (current as unknown as Record<string, unknown>)[field] ?? null, to: value }]),
    );
    const audit = auditEntry({
      organisationId: current.id,
      action: options.action,
      actorId: actor.userId,
      target: current.id,
      details: { ...details, ...options.details },
      at: now,
    });
    try {
      await transactAs(actor, [
        ...organisationUpdateItems(current, changes, now, { allowSuspended: options.allowSuspended ?? false }),
        // A directory organisation's entry carries its name (the public list reads no organisation item).
        ...(current.number !== undefined && changes.nom !== undefined ? [renamedEntryItem(current.id, changes.nom)] : []),
        ...more,
        auditWrite(audit),
      ]);
      return applied(current, changes, now);
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
      if (error.has(GUARD.organisationName))
        throw refusals.organisationNameTaken(body.organisationName !== undefined ? 'organisationName' : 'name', { cause: error });
      if (error.has(GUARD.licenseNumber)) throw refusals.licenseNumberTaken({ cause: error });
      if (error.has(GUARD.organisation, GUARD.previousGuard))
        return explainRefusal(current.id, changes, options.allowSuspended ?? false, error);
      if (!error.has(GUARD.slug)) throw error;
    }
  }
  throw new Error('Could not allocate a unique slug');
}
