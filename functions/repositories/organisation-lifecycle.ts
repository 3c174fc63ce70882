// Changes to an existing organisation: updates (a rename swaps the name/slug guards in the same transaction), and
// what a member keeps of an organisation that goes (its deletion job is in organisation-deletion.ts).
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailure, TABLE } from '#adapters/dynamodb';
import {
  type Organisation,
  organisationKey,
  organisationLicenseGuardKey,
  organisationNameGuardKey,
  organisationSlugGuardKey,
} from '#domain/organisation';
import { userKey } from '#domain/user';
import { GUARD } from './guards.ts';
import { countersUpdate } from './organisation-counters.ts';
import { licenseGuard } from './organisations.ts';
import { type NamedItem, putNew } from './transactions.ts';

type Key = { pk: string; sk: string };

export interface OrganisationChanges {
  nom?: string;
  nameKey?: string;
  slug?: string;
  /** null removes the field (and, for licenseKey, releases its guard). */
  description?: string | null;
  country?: string;
  subscriptionTier?: string;
  maxUsers?: number;
  licenseNumber?: string | null;
  licenseKey?: string | null;
  contactEmail?: string | null;
  phone?: string | null;
  address?: string | null;
  mfaRequired?: boolean;
}

/** Deletes a guard item only if it still belongs to this organisation. */
const releaseGuard = (key: Key, organisationId: string): NamedItem => ({
  item: {
    Delete: {
      TableName: TABLE,
      Key: key,
      ConditionExpression: 'organisationId = :org',
      ExpressionAttributeValues: { ':org': organisationId },
    },
  },
  guard: GUARD.previousGuard,
});

/**
 * The items applying `changes` to `current`: the organisation update and, for a new name, slug or licence number,
 * the guard swap (old guard deleted, new one created: ConditionFailed organisationName / slug / licenseNumber when
 * taken). The update is conditioned on the organisation's status (ACTIVE, or also SUSPENDED for the platform), on its
 * name and licence number being those read, and (on its counters item) on maxUsers ≥ memberCount. The caller adds the audit entry and
 * commits them in ONE transaction (transactAs).
 */
export function organisationUpdateItems(
  current: Organisation,
  changes: OrganisationChanges,
  now: string,
  options: { allowSuspended?: boolean } = {},
): NamedItem[] {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':active': 'ACTIVE', ':seenName': current.nameKey, ':now': now };
  const sets = ['updatedAt = :now'];
  const removes: string[] = [];
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    if (value === null) {
      removes.push(`#${field}`);
    } else {
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
  }
  const conditions = ['attribute_exists(pk)', 'nameKey = :seenName'];
  if (options.allowSuspended) {
    conditions.push('#status IN (:active, :suspended)');
    values[':suspended'] = 'SUSPENDED';
  } else {
    conditions.push('#status = :active');
  }
  const licenseChanges = changes.licenseKey !== undefined && changes.licenseKey !== (current.licenseKey ?? null);
  if (licenseChanges) {
    names['#seenLicense'] = 'licenseKey';
    if (current.licenseKey) {
      conditions.push('#seenLicense = :seenLicense');
      values[':seenLicense'] = current.licenseKey;
    } else {
      conditions.push('attribute_not_exists(#seenLicense)');
    }
  }
  const items: NamedItem[] = [
    {
      item: {
        Update: {
          TableName: TABLE,
          Key: organisationKey(current.id),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      guard: GUARD.organisation,
    },
  ];
  // Seats are counted against maxUsers on the counters item (memberCount < maxUsers), which keeps its copy: it may
  // not drop below the members.
  if (changes.maxUsers !== undefined) {
    items.push(
      countersUpdate(
        current.id,
        { set: ['maxUsers = :maxUsers'], conditions: ['memberCount <= :maxUsers'], values: { ':maxUsers': changes.maxUsers } },
        GUARD.organisation,
      ),
    );
  }
  if (changes.nameKey !== undefined && changes.nameKey !== current.nameKey) {
    items.push(releaseGuard(organisationNameGuardKey(current.nameKey), current.id), {
      item: putNew(TABLE, { ...organisationNameGuardKey(changes.nameKey), organisationId: current.id }),
      guard: GUARD.organisationName,
    });
  }
  if (changes.slug !== undefined && changes.slug !== current.slug) {
    items.push(releaseGuard(organisationSlugGuardKey(current.slug), current.id), {
      item: putNew(TABLE, { ...organisationSlugGuardKey(changes.slug), organisationId: current.id }),
      guard: GUARD.slug,
    });
  }
  if (licenseChanges) {
    if (current.licenseKey) items.push(releaseGuard(organisationLicenseGuardKey(current.licenseKey), current.id));
    if (changes.licenseKey) items.push(licenseGuard(current.id, changes.licenseKey));
  }
  return items;
}

/** Forgets the user's current organisation if it is `from`; a no-op otherwise. */
export async function clearCurrentOrganisation(userId: string, from: string, now: string): Promise<void> {
  await conditionalUserUpdate({
    Key: userKey(userId),
    UpdateExpression: 'SET updatedAt = :now REMOVE currentOrganisationId',
    ConditionExpression: 'attribute_exists(pk) AND currentOrganisationId = :from',
    ExpressionAttributeValues: { ':from': from, ':now': now },
  });
}

async function conditionalUserUpdate(update: {
  Key: Key;
  UpdateExpression: string;
  ConditionExpression: string;
  ExpressionAttributeValues: Record<string, unknown>;
}): Promise<void> {
  try {
    await db.send(new UpdateCommand({ TableName: TABLE, ...update }));
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
