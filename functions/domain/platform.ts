// Platform super-admin marker item: PLATFORM / SUPERADMIN#<userId>. Created only by `npm run create-super-admin`.

export interface SuperAdmin {
  userId: string;
  username: string;
  createdAt: string;
}

export const superAdminKey = (userId: string) => ({ pk: 'PLATFORM', sk: `SUPERADMIN#${userId}` });

export const superAdminItem = (admin: SuperAdmin) => ({ ...superAdminKey(admin.userId), type: 'SuperAdmin', ...admin });

/** GSI1 partition listing every organisation (for the super-admin), newest first by gsi1sk = createdAt#id. */
export const ALL_ORGANISATIONS_GSI1PK = 'ORGANISATIONS';

/** The organisation id inside an ALL_ORGANISATIONS gsi1sk (`<createdAt>#<id>`), or undefined if it is not one. */
export function organisationIdOfListKey(gsi1sk: string): string | undefined {
  const match = /^\d{4}-\d{2}-\d{2}T[0-9:.]+Z#([A-Za-z0-9-]{1,64})$/.exec(gsi1sk);
  return match?.[1];
}
