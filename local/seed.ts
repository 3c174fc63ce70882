// First-start seed: organisation default-org-001 with a demo admin and a few demo patients.
// The organisation goes through the registration use case; the patients through the API, like a client.
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
  for (const patient of DEMO_PATIENTS) {
    const response = await fetch(`${baseUrl}/api/patients`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
      body: JSON.stringify(patient),
    });
    if (response.status !== 201) throw new Error(`Seeding a patient failed with HTTP ${response.status}: ${await response.text()}`);
  }
  return true;
}
