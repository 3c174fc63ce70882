// Creating an organisation item: the same defaults whoever creates it, and a unique name, slug and join code.
import { newId, newJoinCode, newTemporaryCode, nowIso } from '#core/ids';
import { STARTING_TIER } from '#core/plans';
import { nameKey, slugCandidate } from '#domain/names';
import {
  type CountedOrganisation,
  DEFAULT_JOIN_CODE_POLICY,
  type JoinCodePolicy,
  licenseKey,
  type Organisation,
  type OrganisationRecord,
  organisationRecord,
} from '#domain/organisation';
import * as refusals from '#domain/refusals';
import { type TemporaryCode, temporaryCodePrefix } from '#domain/temporary-code';
import { GUARD, type Guard } from '#repositories/guards';
import { ConditionFailed, type NamedItem } from '#repositories/transactions';

export const DEFAULT_MAX_USERS = 50;
// Join codes (temporary ones too) and slugs are random or derived, so a collision is retried with a fresh value;
// names and a temporary code the caller chose are not.
const MAX_ATTEMPTS = 5;

type Optional<T> = { [K in keyof T]?: T[K] | undefined };

export interface NewOrganisation extends Optional<OrganisationRecord> {
  organisationName: string;
  country?: string | undefined;
  subscriptionTier?: string | undefined;
  description?: string | undefined;
  maxUsers?: number | undefined;
}

/**
 * What a caller adds to every attempt at creating the organisation (seed 002's directory number, use-cases/directory.ts):
 * fields of the organisation item and items committed in the same transaction, prepared afresh for each attempt.
 */
export interface OrganisationExtras {
  prepare: () => { fields: Pick<Organisation, 'number'>; items: (organisation: Organisation) => NamedItem[] };
  /** Guards whose refusal means "try again with fresh values", as a colliding join code does. */
  retried: readonly Guard[];
}

export interface NewOrganisationOptions {
  /** Fixed id for seeded organisations (default-org-001); otherwise a random one. */
  id?: string | undefined;
  defaultCountry: string;
  /** 1 when the creator becomes its ADMIN in the same write, 0 when the first admin is still invited. */
  founders: 0 | 1;
  /** How its join code may be redeemed, where it differs from the default (a clinic's requires approval). */
  joinCode?: Partial<Omit<JoinCodePolicy, 'uses' | 'temporaryCode'>>;
  /**
   * Seed 003: a temporary code valid `hours` from now, the caller's own (`custom`, already in the format; the field
   * named `path` is refused when taken) or a fresh random one with the name's prefix (retried on a collision).
   */
  temporaryCode?: { hours: number; custom?: string | undefined; path: string };
  extras?: OrganisationExtras | undefined;
}

function temporaryCodeOf(name: string, options: NonNullable<NewOrganisationOptions['temporaryCode']>, now: string): TemporaryCode {
  return {
    code: options.custom ?? newTemporaryCode(temporaryCodePrefix(name)),
    expiresAt: new Date(Date.parse(now) + options.hours * 3_600_000).toISOString(),
  };
}

/**
 * Builds the organisation and runs `write` with it (one transaction carrying its guards). A taken name or licence
 * number answers 409; a colliding join code or slug is retried with a fresh one; any other refused condition is rethrown.
 */
export async function createUniqueOrganisation<T>(
  input: NewOrganisation,
  options: NewOrganisationOptions,
  write: (organisation: CountedOrganisation, extraItems: NamedItem[]) => Promise<T>,
): Promise<T> {
  const now = nowIso();
  const retried: readonly Guard[] = [GUARD.joinCode, GUARD.slug, GUARD.temporaryCode, ...(options.extras?.retried ?? [])];
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const extra = options.extras?.prepare();
    const organisation: CountedOrganisation = {
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
      codeUses: 0,
      joinCode: {
        ...DEFAULT_JOIN_CODE_POLICY,
        ...options.joinCode,
        ...(options.temporaryCode ? { temporaryCode: temporaryCodeOf(input.organisationName, options.temporaryCode, now) } : {}),
      },
      createdAt: now,
      updatedAt: now,
      ...extra?.fields,
    };
    try {
      return await write(organisation, extra?.items(organisation) ?? []);
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
      if (error.has(GUARD.organisationName)) throw refusals.organisationNameTaken('organisationName', { cause: error });
      if (error.has(GUARD.licenseNumber)) throw refusals.licenseNumberTaken({ cause: error });
      if (error.has(GUARD.temporaryCode) && options.temporaryCode?.custom) {
        throw refusals.temporaryCodeTaken(options.temporaryCode.path, { cause: error });
      }
      if (error.guards.some((guard) => !retried.includes(guard))) throw error;
    }
  }
  throw new Error('Could not allocate a unique join code and slug');
}
