// POST /compat/org-code/api/organizations/create: Cabinet's createOrganisation, in seed 001's words.
import { orgCodeCreateOrganization as route } from '#dialects/org-code/routes';
import { orgCodeSeedError } from '#dialects/org-code/seed-error';
import { httpHandler } from '#http/handler';
import { idempotent } from '#http/idempotency';
import { createOrganisation } from '#use-cases/organisations';

export const handler = httpHandler(
  route,
  async ({ body, client }, caller) => {
    const { organisation } = await createOrganisation(caller, { name: body.name }, client);
    return {
      status: 201,
      body: {
        success: true,
        // The creator is its ADMIN, who always sees the code.
        organization: { id: organisation.id, name: organisation.nom, slug: organisation.slug, organization_code: organisation.code ?? '' },
      },
    };
  },
  { idempotency: idempotent(), seedError: orgCodeSeedError },
);
