// The account-admin function. Signed-in routes that need Cognito admin rights over other people's accounts: creating a member's
// account, disabling the accounts a deleted organisation leaves without any organisation.
// Its routes are those the route table assigns to it; API Gateway sends it only their route keys.

import { lambdaEntry } from '#http/router';
import { handler as addMember } from '../handlers/members/add-member.ts';
import { handler as deleteOrganisation } from '../handlers/organisations/delete-organisation.ts';

export const handler = lambdaEntry('account-admin', { deleteOrganisation, addMember });
