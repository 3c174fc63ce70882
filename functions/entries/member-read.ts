// The member-read function. Signed-in reads: the table read only, no Cognito right. A member's pages mostly land here.
// Its routes are those the route table assigns to it; API Gateway sends it only their route keys.

import { lambdaEntry } from '#http/router';
import { handler as me } from '../handlers/auth/me.ts';
import { handler as getWebhook } from '../handlers/integrations/get-webhook.ts';
import { handler as listEvents } from '../handlers/integrations/list-events.ts';
import { handler as listWebhookDeliveries } from '../handlers/integrations/list-webhook-deliveries.ts';
import { handler as listWebhooks } from '../handlers/integrations/list-webhooks.ts';
import { handler as listInvitations } from '../handlers/members/list-invitations.ts';
import { handler as listMembers } from '../handlers/members/list-members.ts';
import { handler as listReceivedInvitations } from '../handlers/members/list-received-invitations.ts';
import { handler as listRoles } from '../handlers/members/list-roles.ts';
import { handler as getOrganisation } from '../handlers/organisations/get-organisation.ts';
import { handler as getSupportAccess } from '../handlers/organisations/get-support-access.ts';
import { handler as listAudit } from '../handlers/organisations/list-audit.ts';
import { handler as listOrganisations } from '../handlers/organisations/list-organisations.ts';
import { handler as getPatient } from '../handlers/patients/get-patient.ts';
import { handler as listPatients } from '../handlers/patients/list-patients.ts';
import { handler as getJoinCode } from '../handlers/registration/get-join-code.ts';
import { handler as listJoinRequests } from '../handlers/registration/list-join-requests.ts';

export const handler = lambdaEntry('member-read', {
  me,
  listPatients,
  getPatient,
  getJoinCode,
  listJoinRequests,
  listOrganisations,
  getOrganisation,
  listAudit,
  getSupportAccess,
  listMembers,
  listRoles,
  listInvitations,
  listReceivedInvitations,
  listEvents,
  listWebhooks,
  getWebhook,
  listWebhookDeliveries,
});
