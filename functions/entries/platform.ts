// The platform function. Platform super-admins' routes (the super-admin is re-checked in DynamoDB on every request).
// Its routes are those the route table assigns to it; API Gateway sends it only their route keys.

import { lambdaEntry } from '#http/router';
import { handler as platformCreateOrganisation } from '../handlers/platform/create-organisation.ts';
import { handler as platformListOrganisations } from '../handlers/platform/list-organisations.ts';
import { handler as platformReactivateOrganisation } from '../handlers/platform/reactivate-organisation.ts';
import { handler as platformSupportGetPatient } from '../handlers/platform/support-get-patient.ts';
import { handler as platformSupportListPatients } from '../handlers/platform/support-list-patients.ts';
import { handler as platformSuspendOrganisation } from '../handlers/platform/suspend-organisation.ts';

export const handler = lambdaEntry('platform', {
  platformListOrganisations,
  platformCreateOrganisation,
  platformSuspendOrganisation,
  platformReactivateOrganisation,
  platformSupportListPatients,
  platformSupportGetPatient,
});
