// Creating an organisation item: the same defaults whoever creates it, and a unique name, slug and join code.
import { newId, newJoinCode, nowIso } from '#core/ids';
import { STARTING_TIER } from '#core/plans';
import { nameKey, slugCandidate } from '#domain/names';
import { DEFAULT_JOIN_CODE_POLICY, licenseKey, type Organisation, type OrganisationRecord, organisationRecord } from '#domain/organisation';
import * as refusals from '#domain/refusals';
import { GUARD } from '#repositories/guards';
import { ConditionFailed } from '#repositories/transactions';

export const DEFAULT_MAX_USERS = 50;
// Join codes and slugs are random or derived, so a collision is retried with a fresh value; names are not.
const MAX_ATTEMPTS = 5;

type Optional<T> = { [K in keyof T]?: T[K] | undefined };

export interface NewOrganisation extends Optional<OrganisationRecord> {
  organisationName: string;
  country?: string | undefined;
  subscriptionTier?: string | undefined;
  description?: string | undefined;
  maxUsers?: number | undefined;
}

export interface NewOrganisationOptions {
  /** Fixed id for seeded organisations (default-org-001); otherwise a random one. */
  id?: string | undefined;
  defaultCountry: string;
  /** 1 when the creator becomes its ADMIN in the same write, 0 when the first admin is still invited. */
  founders: 0 | 1;
}

/**
 * Builds the organisation and runs `write` with it (one transaction carrying its guards). A taken name or licence
 * number answers 409; a colliding join code or slug is retried with a fresh one; any other refused condition is rethrown.
 */
export async function createUniqueOrganisation<T>(
  input: NewOrganisation,
  options: NewOrganisationOptions,
  write: (organisation: Organisation) => Promise<T>,
): Promise<T> {
  const now = nowIso();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const organisation: Organisation = {
      id: options.id ?? newId(),
      nom: input.organisationName,
      nameKey: nameKey(input.organisationName),
      slug: slugCandidate(input.organisationName, attempt),
      code: newJoinCode(),
      status: 'ACTIVE',
      country: input.country ?? options.defaultCountry,
      subscriptionTier: input.subscriptionTier ?? STARTING_TIER,
      maxUsers: input.maxUsers ?? DEFAULT_MAX_USERS,
      ...(input.description ? { description: input.description } : {}),
      ...organisationRecord(input as OrganisationRecord),
      ...(input.licenseNumber ? { licenseKey: licenseKey(input.licenseNumber) } : {}),
      memberCount: options.founders,
      adminCount: options.founders,
      joinCode: { ...DEFAULT_JOIN_CODE_POLICY },
      createdAt: now,
      updatedAt: now,
    };
    try {
      return await write(organisation);
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
      if (error.has(GUARD.organisationName)) throw refusals.organisationNameTaken('organisationName', { cause: error });
      if (error.has(GUARD.licenseNumber)) throw refusals.licenseNumberTaken({ cause: error });
      if (error.guards.some((guard) => guard !== GUARD.joinCode && guard !== GUARD.slug)) throw error;
    }
  }
  throw new Error('Could not allocate a unique join code and slug');
}
