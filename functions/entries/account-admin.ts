// The account-admin function. Signed-in routes that need Cognito admin rights or bulk deletes: creating a member's account, a
// person's own profile (Cognito keeps a copy of the address), deleting an organisation page by page.
// Its routes are those the route table assigns to it; API Gateway sends it only their route keys.

import { lambdaEntry } from '#http/router';
import { handler as updateMe } from '../handlers/auth/update-me.ts';
import { handler as addMember } from '../handlers/members/add-member.ts';
import { handler as deleteOrganisation } from '../handlers/organisations/delete-organisation.ts';

export const handler = lambdaEntry('account-admin', { updateMe, deleteOrganisation, addMember });
