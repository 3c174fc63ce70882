// POST /api/auth/join-organisation
import { httpHandler } from '#http/handler';
import * as routes from '#routes/registration';
import { joinWithCode } from '#use-cases/registration';

export const handler = httpHandler(routes.joinOrganisation, async ({ body, client }, caller) => {
  const joined = await joinWithCode(caller, body.organisationCode, client);
  return { status: joined.membership.status === 'ACTIVE' ? 201 : 202, body: joined };
});
