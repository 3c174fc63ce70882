// CabinetApi stays far from CloudFormation's 500-resource ceiling: at most 275 resources, with room for a hundred
// more routes. The cost of one route is measured, not assumed: the stack is synthesized again with extra routes.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { functionNames, type RouteDef, routeList } from '#routes';
import { ApiStack } from '../../lib/api-stack.ts';
import { StatefulStack } from '../../lib/stateful-stack.ts';
import { cdkJsonContext, TEST_CONTEXT } from './cabinet-app.ts';

// 275 since issue 18: the webhook fan-out and sweeper (two functions, their roles, logs, stream mapping and schedule)
// and nine integration routes.
const BUDGET = 275;
const MORE_ROUTES = 100;
const CLOUDFORMATION_LIMIT = 500;

/** CabinetApi's resource count with the route table plus `extra` routes (the same app, without cdk-nag). */
function apiResourceCount(extra: readonly (RouteDef & { name: string })[]): number {
  const app = new App({
    context: { ...cdkJsonContext(), ...TEST_CONTEXT, 'aws:cdk:bundling-stacks': [] },
    builtinCloudFormationValidation: false,
  });
  const data = new StatefulStack(app, 'CabinetData');
  const api = new ApiStack(app, 'CabinetApi', {
    table: data.table,
    userPool: data.userPool,
    apiClient: data.apiClient,
    domain: data.domain,
    mail: data.mail,
    preTokenFunction: data.preTokenFunction.function,
    routes: [...routeList, ...extra],
  });
  return Object.keys(Template.fromStack(api).toJSON().Resources as object).length;
}

/** `count` new routes, as a new area would add them: new paths, served by the existing functions of each class. */
function syntheticRoutes(count: number): (RouteDef & { name: string })[] {
  return Array.from({ length: count }, (_unused, index) => {
    const model = routeList[index % routeList.length] as RouteDef & { name: string };
    return { ...model, name: `synthetic${index}`, path: `/api/synthetic/${index}` as const };
  });
}

describe('CabinetApi resource budget', () => {
  const today = apiResourceCount([]);
  const withTen = apiResourceCount(syntheticRoutes(10));
  const perRoute = (withTen - today) / 10;

  it(`holds at most ${BUDGET} resources today (CloudFormation's limit is ${CLOUDFORMATION_LIMIT})`, () => {
    console.info(
      `CabinetApi: ${today} resources for ${routeList.length} routes and ${functionNames.length} functions; ` +
        `${perRoute} per added route; ${today + MORE_ROUTES * perRoute} with ${MORE_ROUTES} more routes (budget ${BUDGET}).`,
    );
    expect(today).toBeLessThanOrEqual(BUDGET);
  });

  it('costs one resource per route (the API Gateway route; integrations and permissions are per function)', () => {
    expect(perRoute).toBe(1);
  });

  it(`has room for ${MORE_ROUTES} more routes within ${BUDGET} resources`, () => {
    expect(today + MORE_ROUTES * perRoute).toBeLessThanOrEqual(BUDGET);
    // The measurement itself holds for a hundred routes, not only for ten.
    expect(apiResourceCount(syntheticRoutes(MORE_ROUTES))).toBe(today + MORE_ROUTES * perRoute);
  });
});
