// POST /api/patients

import type { TenantContext } from '#domain/tenant';
import { httpHandler } from '#http/handler';
import { idempotent } from '#http/idempotency';
import * as routes from '#routes/patients';
import { createPatient, findPatient } from '#use-cases/patients';

export const handler = httpHandler(
  routes.createPatient,
  async ({ body }, tenant) => {
    const patient = await createPatient(tenant, body);
    return { status: 201, body: patient, headers: { location: `/api/patients/${patient.id}` } };
  },
  {
    // The record keeps the patient's id only: a replay answers the patient as it is now, 410 once deleted.
    idempotency: idempotent({
      reread: {
        idOf: (body) => (body as { id?: string }).id,
        read: (tenant: TenantContext, id: string) => findPatient(tenant, id),
      },
    }),
  },
);
