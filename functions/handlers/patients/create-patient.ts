// POST /api/patients
import { httpHandler } from '#http/handler';
import { idempotent } from '#http/idempotency';
import * as routes from '#routes/patients';
import { createPatient } from '#use-cases/patients';

export const handler = httpHandler(
  routes.createPatient,
  async ({ body }, tenant) => {
    const patient = await createPatient(tenant, body);
    return { status: 201, body: patient, headers: { location: `/api/patients/${patient.id}` } };
  },
  { idempotency: idempotent() },
);
