// First-start seed: organisation default-org-001 with a demo admin and a few demo patients, its join code disabled.
// The organisation goes through the registration use case; the patients and the code through the API, like a client.
import { GetCommand } from '@aws-sdk/lib-dynamodb';

export const DEMO_ORGANISATION_ID = 'default-org-001';
export const DEMO_ADMIN = { username: 'demo.admin', password: 'DemoCabinet2025!' };

const DEMO_PATIENTS = [
  { nom: 'Durand', prenom: 'Claire', dateNaissance: '1984-03-12', email: 'claire.durand@example.org' },
  { nom: 'Petit', prenom: 'Lucas', dateNaissance: '1992-11-02', telephone: '+33 6 12 34 56 78' },
  { nom: 'Moreau', prenom: 'Inès', dateNaissance: '2015-06-25', notes: 'Patiente pédiatrique.' },
];

/** Seeds once; returns true when it created the demo data now. */
export async function seedDemoData(baseUrl: string): Promise<boolean> {
  const { db, TABLE } = await import('#adapters/dynamodb');
  const { organisationKey } = await import('#domain/organisation');
  const existing = await db.send(new GetCommand({ TableName: TABLE, Key: organisationKey(DEMO_ORGANISATION_ID) }));
  if (existing.Item) return false;

  const { registerOrganisationAdmin } = await import('#use-cases/register-cabinet');
  const session = await registerOrganisationAdmin(
    { ...DEMO_ADMIN, nom: 'Admin', prenom: 'Démo', organisationName: 'Cabinet Démo' },
    { organisationId: DEMO_ORGANISATION_ID, defaultCountry: 'FR' },
  );
  const send = async (method: string, path: string, body: unknown, expected: number) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
      body: JSON.stringify(body),
    });
    if (response.status !== expected)
      throw new Error(`Seeding ${method} ${path} failed with HTTP ${response.status}: ${await response.text()}`);
  };
  // default-org-001 holds the demo data only: nobody joins it with its code (its admin may enable it again).
  await send('PATCH', `/api/organisations/${DEMO_ORGANISATION_ID}/join-code`, { enabled: false }, 200);
  for (const patient of DEMO_PATIENTS) await send('POST', '/api/patients', patient, 201);
  return true;
}
