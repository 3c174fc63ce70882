// The account-admin function. Signed-in routes that need Cognito admin rights: creating a member's account, a
// person's own profile (Cognito keeps a copy of the address).
// Its routes are those the route table assigns to it; API Gateway sends it only their route keys.

import { lambdaEntry } from '#http/router';
import { handler as updateMe } from '../handlers/auth/update-me.ts';
import { handler as addMember } from '../handlers/members/add-member.ts';

export const handler = lambdaEntry('account-admin', { updateMe, addMember });
