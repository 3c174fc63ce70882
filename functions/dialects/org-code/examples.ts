// Seed 001's own examples (its request bodies, its answer, its curl tests), for its OpenAPI document only.
import type { Examples, RouteExamples } from '../../openapi/examples.ts';
import type { orgCodeRoutes } from './routes.ts';

const one = (summary: string, value: unknown): Examples => ({ default: { summary, value } });
const ORG = '0a42d951-602f-4fd0-bf14-a74ced19aa26';
const USER = 'd79e81f2-755e-4de5-9e7e-1482f93f6231';

export const orgCodeExamples: { readonly [R in keyof typeof orgCodeRoutes]: RouteExamples } = {
  orgCodeCreateOrganization: {
    request: one("The seed's body", { name: 'Ma Nouvelle Organisation' }),
    responses: {
      201: one('Created with its code', {
        success: true,
        organization: { id: ORG, name: 'Ma Nouvelle Organisation', slug: 'ma-nouvelle-organisation', organization_code: '1234567890' },
      }),
    },
  },
  orgCodeRegister: {
    request: one("The seed's curl test, with the signed-in user's own id", {
      userId: USER,
      email: 'user@example.com',
      fullName: 'John Doe',
      organizationCode: '5525548542',
    }),
    responses: {
      201: one('Joined as member', {
        success: true,
        message: 'User registered successfully',
        organization: { id: ORG, name: 'Test Organization' },
        role: 'member',
        status: 'active',
      }),
      202: one('Awaiting approval', {
        success: true,
        message: 'Registration request sent: an admin of the organization must approve it',
        organization: { id: ORG, name: 'Test Organization' },
        role: 'member',
        status: 'pending',
      }),
    },
  },
  orgCodeOpenapi: {},
  orgCodeDocs: {},
};
