// The member-write function. Signed-in writes that need no Cognito right: the table read and write.
// Its routes are those the route table assigns to it; API Gateway sends it only their route keys.

import { lambdaEntry } from '#http/router';
import { handler as resendVerification } from '../handlers/auth/resend-verification.ts';
import { handler as createWebhook } from '../handlers/integrations/create-webhook.ts';
import { handler as deleteWebhook } from '../handlers/integrations/delete-webhook.ts';
import { handler as rotateWebhookSecret } from '../handlers/integrations/rotate-webhook-secret.ts';
import { handler as testWebhook } from '../handlers/integrations/test-webhook.ts';
import { handler as updateWebhook } from '../handlers/integrations/update-webhook.ts';
import { handler as acceptReceivedInvitation } from '../handlers/members/accept-received-invitation.ts';
import { handler as createInvitation } from '../handlers/members/create-invitation.ts';
import { handler as createRole } from '../handlers/members/create-role.ts';
import { handler as declineReceivedInvitation } from '../handlers/members/decline-received-invitation.ts';
import { handler as deleteRole } from '../handlers/members/delete-role.ts';
import { handler as removeMember } from '../handlers/members/remove-member.ts';
import { handler as revokeInvitation } from '../handlers/members/revoke-invitation.ts';
import { handler as updateMember } from '../handlers/members/update-member.ts';
import { handler as updateRole } from '../handlers/members/update-role.ts';
import { handler as createOrganisation } from '../handlers/organisations/create-organisation.ts';
import { handler as grantSupportAccess } from '../handlers/organisations/grant-support-access.ts';
import { handler as leaveOrganisation } from '../handlers/organisations/leave-organisation.ts';
import { handler as revokeSupportAccess } from '../handlers/organisations/revoke-support-access.ts';
import { handler as updateOrganisation } from '../handlers/organisations/update-organisation.ts';
import { handler as createPatient } from '../handlers/patients/create-patient.ts';
import { handler as deletePatient } from '../handlers/patients/delete-patient.ts';
import { handler as updatePatient } from '../handlers/patients/update-patient.ts';
import { handler as approveJoinRequest } from '../handlers/registration/approve-join-request.ts';
import { handler as joinOrganisation } from '../handlers/registration/join-organisation.ts';
import { handler as rejectJoinRequest } from '../handlers/registration/reject-join-request.ts';
import { handler as rotateJoinCode } from '../handlers/registration/rotate-join-code.ts';
import { handler as updateJoinCode } from '../handlers/registration/update-join-code.ts';

export const handler = lambdaEntry('member-write', {
  acceptReceivedInvitation,
  declineReceivedInvitation,
  resendVerification,
  createPatient,
  updatePatient,
  deletePatient,
  joinOrganisation,
  updateJoinCode,
  rotateJoinCode,
  approveJoinRequest,
  rejectJoinRequest,
  createOrganisation,
  updateOrganisation,
  leaveOrganisation,
  grantSupportAccess,
  revokeSupportAccess,
  updateMember,
  removeMember,
  createRole,
  updateRole,
  deleteRole,
  createInvitation,
  revokeInvitation,
  createWebhook,
  updateWebhook,
  deleteWebhook,
  rotateWebhookSecret,
  testWebhook,
});
