// Organisation item: ORG#<id> / ORGANISATION, plus the guard items that make its name and join code unique.

export type OrganisationStatus = 'ACTIVE' | 'SUSPENDED';

export interface Organisation {
  id: string;
  nom: string;
  nameKey: string;
  slug: string;
  code: string;
  status: OrganisationStatus;
  country: string;
  subscriptionTier: string;
  maxUsers: number;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
}

export const organisationPk = (id: string) => `ORG#${id}`;
export const organisationKey = (id: string) => ({ pk: organisationPk(id), sk: 'ORGANISATION' });
export const organisationNameGuardKey = (key: string) => ({ pk: `ORGNAME#${key}`, sk: 'GUARD' });
export const organisationSlugGuardKey = (slug: string) => ({ pk: `ORGSLUG#${slug}`, sk: 'GUARD' });
export const joinCodeGuardKey = (code: string) => ({ pk: `JOINCODE#${code}`, sk: 'GUARD' });

export const organisationItem = (org: Organisation) => ({ ...organisationKey(org.id), type: 'Organisation', ...org });

export function organisationFromItem(item: Record<string, unknown>): Organisation {
  const { pk: _pk, sk: _sk, type: _type, ...org } = item;
  return org as unknown as Organisation;
}

/** What an API response shows of an organisation. */
export const organisationView = (org: Organisation, options: { withCode: boolean }) => ({
  id: org.id,
  nom: org.nom,
  slug: org.slug,
  ...(options.withCode ? { code: org.code } : {}),
  status: org.status,
  country: org.country,
  subscriptionTier: org.subscriptionTier,
  maxUsers: org.maxUsers,
  createdAt: org.createdAt,
  updatedAt: org.updatedAt,
});
