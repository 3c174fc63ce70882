// Platform super-admin marker item: PLATFORM / SUPERADMIN#<userId>. Created only by `npm run create-super-admin`.
export const superAdminKey = (userId: string) => ({ pk: 'PLATFORM', sk: `SUPERADMIN#${userId}` });

/** GSI1 partition listing every organisation (for the super-admin), newest first by gsi1sk = createdAt#id. */
export const ALL_ORGANISATIONS_GSI1PK = 'ORGANISATIONS';
