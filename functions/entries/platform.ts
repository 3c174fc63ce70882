// The platform function. Platform super-admins' routes (the super-admin is re-checked in DynamoDB on every request).
// Its routes are those the route table assigns to it; API Gateway sends it only their route keys.

import { lambdaEntry } from '#http/router';
import { handler as platformAddMember } from '../handlers/platform/add-member.ts';
import { handler as platformCreateOrganisation } from '../handlers/platform/create-organisation.ts';
import { handler as platformGetOrganisation } from '../handlers/platform/get-organisation.ts';
import { handler as platformListAudit } from '../handlers/platform/list-audit.ts';
import { handler as platformListMembers } from '../handlers/platform/list-members.ts';
import { handler as platformListOrganisations } from '../handlers/platform/list-organisations.ts';
import { handler as platformMetrics } from '../handlers/platform/metrics.ts';
import { handler as platformReactivateOrganisation } from '../handlers/platform/reactivate-organisation.ts';
import { handler as platformSupportGetPatient } from '../handlers/platform/support-get-patient.ts';
import { handler as platformSupportListPatients } from '../handlers/platform/support-list-patients.ts';
import { handler as platformSuspendOrganisation } from '../handlers/platform/suspend-organisation.ts';
import { handler as platformUpdateMember } from '../handlers/platform/update-member.ts';
import { handler as platformUpdateOrganisation } from '../handlers/platform/update-organisation.ts';

export const handler = lambdaEntry('platform', {
  platformListOrganisations,
  platformCreateOrganisation,
  platformGetOrganisation,
  platformSuspendOrganisation,
  platformReactivateOrganisation,
  platformSupportListPatients,
  platformSupportGetPatient,
  platformUpdateOrganisation,
  platformListMembers,
  platformAddMember,
  platformUpdateMember,
  platformListAudit,
  platformMetrics,
});
